#!/usr/bin/env bash
# The pre-commit hook as a project uses it: `pre-commit try-repo` of this repository in a git
# copy of the example workspace, with the structlint npm package from a registry on loopback
# and no Rust toolchain on PATH. Staged files with findings fail the commit and their findings
# are shown; a commit of clean files passes although the workspace has findings elsewhere.
#
#   tests/dist/pre-commit.sh BINARY PRE_COMMIT    (pre-commit's executable, from pip)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
binary=$(realpath "$1")
pre_commit=$(realpath -s "$2")
work=$(mktemp -d)
source "$repo/tests/dist/registry.sh"
start_registry "$binary" "$work"
export PRE_COMMIT_HOME="$work/pre-commit-home" GIT_CONFIG_NOSYSTEM=1 HOME="$work/home"
mkdir -p "$HOME"
git config --global user.email ci@example.com
git config --global user.name CI
git config --global init.defaultBranch main

# The hook pins the package version a release publishes, which must be this build's.
grep -q "\"structlint@$STRUCTLINT_VERSION\"" "$repo/.pre-commit-hooks.yaml" ||
  fail ".pre-commit-hooks.yaml does not install structlint@$STRUCTLINT_VERSION"

# try-repo takes the repository as committed: a working copy with changes becomes a commit.
hooks="$work/hooks-repo"
git clone --quiet "$repo" "$hooks"
cp "$repo/.pre-commit-hooks.yaml" "$repo/package.json" "$hooks/"
git -C "$hooks" add -A && git -C "$hooks" commit --quiet --allow-empty -m "hooks as in the working tree"

path_without_rust
cp -r "$repo/fixtures/ts-monorepo" "$work/app"
cd "$work/app"
git init --quiet . && git commit --quiet --allow-empty -m "empty start"
git add -A

# Everything staged: the fixture's findings fail the hook.
status=0
"$pre_commit" try-repo "$hooks" structlint > "$work/all.log" 2>&1 || status=$?
[ "$status" -eq 1 ] || { cat "$work/all.log"; fail "the hook exited $status on the fixture, expected 1"; }
for expected in "structlint" "Failed" "max-file-lines" "InvoiceTable.tsx" "layers"; do
  grep -q "$expected" "$work/all.log" || { cat "$work/all.log"; fail "the hook's output lacks $expected"; }
done

# A commit of one clean file passes: findings elsewhere in the workspace are not its business.
git commit --quiet --no-verify -m "the fixture"
echo "export const label = \"ok\";" > packages/ui-kit/src/label.ts
git add packages/ui-kit/src/label.ts
status=0
"$pre_commit" try-repo "$hooks" structlint > "$work/one.log" 2>&1 || status=$?
[ "$status" -eq 0 ] && grep -q "Passed" "$work/one.log" || { cat "$work/one.log"; fail "a clean commit exited $status"; }
echo "pre-commit: try-repo installs structlint $STRUCTLINT_VERSION from npm, fails on staged findings, passes a clean commit"
