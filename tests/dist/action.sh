#!/usr/bin/env bash
# The GitHub Action's steps as a runner runs them (tests/dist/run_action.py), in a git copy of
# the example workspace: structlint installed from npm (a registry on loopback), no Rust
# toolchain on PATH. What needs GitHub (the upload) is checked as the step the runner would
# call, with the SARIF file it would get.
#
#   tests/dist/action.sh BINARY PYTHON    (a Python with PyYAML, such as pre-commit's venv)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
binary=$(realpath "$1")
python=$(realpath -s "$2")
work=$(mktemp -d)
source "$repo/tests/dist/registry.sh"
start_registry "$binary" "$work"
export RUNNER_TEMP="$work/runner"
mkdir -p "$RUNNER_TEMP"

grep -q "default: \"$STRUCTLINT_VERSION\"" "$repo/action.yml" ||
  fail "action.yml does not install structlint $STRUCTLINT_VERSION by default"

path_without_rust
cp -r "$repo/fixtures/ts-monorepo" "$work/app"
cd "$work/app"
git init --quiet .
echo 'export const label = "ok";' > packages/ui-kit/src/label.ts

# run CASE INPUTS_JSON EXPECTED_EXIT: the action's steps, then the report of what they did.
run() {
  local status=0
  "$python" "$repo/tests/dist/run_action.py" "$repo" "$2" "$work/$1.json" > "$work/$1.log" 2>&1 || status=$?
  [ "$status" -eq "$3" ] || { cat "$work/$1.log"; fail "$1: the action exited $status, expected $3"; }
}
# field CASE PYTHON_EXPRESSION: a value of the report `r` of a case.
field() { "$python" -c "import json,sys; r=json.load(open(sys.argv[1])); print($2)" "$work/$1.json"; }

# Code scanning: the SARIF log is written and uploaded, then the findings fail the job.
run sarif '{}' 1
[ "$(field sarif "[s['name'] for s in r['steps'] if s.get('exit') == 0 or 'uses' in s]")" = \
  "['Install structlint', 'structlint check', 'Upload to code scanning']" ] || fail "sarif: $(cat "$work/sarif.json")"
[ "$(field sarif "r['outputs']['exit-code']")" = 1 ] || fail "sarif: exit-code output"
upload=$(field sarif "[s for s in r['steps'] if 'uses' in s][0]")
[[ "$upload" == *"github/codeql-action/upload-sarif@v3"*"'sarif_file': '$work/app/structlint.sarif'"*"'category': 'structlint'"* ]] ||
  fail "sarif: the upload step is $upload"
"$python" - "$work/app/structlint.sarif" <<'PY' || fail "sarif: the log is not what code scanning takes"
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
assert run["results"], "no results"
uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
assert all(not u.startswith(("/", "file:")) for u in uris), uris
assert "packages/billing/src/ui/InvoiceTable.tsx" in uris, uris
PY
grep -q "findings in" "$work/sarif.log" || fail "sarif: the log does not count the findings per rule"

# Annotations, for one package: only its findings, as workflow commands.
run github '{"format": "github", "args": "packages/billing"}' 1
annotations=$(grep -c '^::\(error\|warning\) file=' "$work/github.log")
[ "$annotations" -gt 0 ] || fail "github: no annotations"
[ "$(grep '^::\(error\|warning\) file=' "$work/github.log" | grep -vc 'file=packages/billing/')" = 0 ] ||
  fail "github: annotations outside packages/billing"

# A clean file: nothing fails; the (empty) SARIF log is still uploaded, to close old alerts.
run clean '{"args": "packages/ui-kit/src/label.ts"}' 0
[ "$(field clean "[s['name'] for s in r['steps'] if s.get('skipped')]")" = "['Fail on error findings']" ] ||
  fail "clean: $(cat "$work/clean.json")"

# A broken invocation fails in the check step with structlint's message and uploads nothing.
run broken '{"args": "--config missing.toml"}' 2
[ "$(field broken "[s['name'] for s in r['steps'] if 'uses' in s]")" = "[]" ] || fail "broken: uploaded"
grep -q "missing.toml" "$work/broken.log" || fail "broken: $(cat "$work/broken.log")"
run bad-format '{"format": "junit"}' 2
grep -q 'use "sarif" or "github"' "$work/bad-format.log" || fail "bad-format: $(cat "$work/bad-format.log")"
echo "action: installs structlint $STRUCTLINT_VERSION from npm; SARIF for code scanning, annotations, clean and broken runs exit as structlint does"
