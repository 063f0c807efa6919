#!/usr/bin/env bash
# The action's check step. Findings do not fail this step: the SARIF log must be uploaded
# first, and the action's last step fails with structlint's exit code. A usage or config error
# (exit 2) fails here, with structlint's message, and uploads nothing.
set -uo pipefail
: "${GITHUB_OUTPUT:?not on a GitHub runner: GITHUB_OUTPUT is unset}"
# The args input split as a shell would, without evaluating it.
args=()
if [ -n "${STRUCTLINT_ARGS:-}" ]; then
  mapfile -d '' args < <(printf '%s' "$STRUCTLINT_ARGS" | xargs printf '%s\0') || {
    echo "::error title=structlint::the args input is not valid shell words: $STRUCTLINT_ARGS"
    exit 2
  }
fi
case "${STRUCTLINT_FORMAT:-sarif}" in
  sarif)
    sarif=${STRUCTLINT_SARIF:-structlint.sarif}
    structlint check --format sarif --output "$sarif" "${args[@]}"
    status=$?
    # The findings also go to the log, counted per rule, for a reader without code scanning:
    # read from the SARIF log, not by checking the workspace a second time.
    [ "$status" -eq 1 ] && node - "$sarif" <<'JS'
const results = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8")).runs[0].results ?? [];
const counts = {};
for (const r of results) counts[r.ruleId] = (counts[r.ruleId] ?? 0) + 1;
const rows = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
for (const [rule, n] of rows) console.log(`${String(n).padStart(6)}  ${rule}`);
console.log(`${results.length} findings in ${rows.length} rules; code scanning shows each one.`);
JS
    ;;
  github)
    structlint check --format github "${args[@]}"
    status=$?
    ;;
  *)
    echo "::error title=structlint::the format input is \"$STRUCTLINT_FORMAT\": use \"sarif\" or \"github\""
    exit 2
    ;;
esac
echo "exit-code=$status" >> "$GITHUB_OUTPUT"
[ "$status" -le 1 ] || exit "$status"
# Absolute: the upload step runs in the repository root, not in working-directory.
[ -z "${sarif:-}" ] || echo "sarif-file=$(realpath "$sarif")" >> "$GITHUB_OUTPUT"
