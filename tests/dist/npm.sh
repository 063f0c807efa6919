#!/usr/bin/env bash
# The npm packages as a user gets them: `npm i -D structlint` and `pnpm add -D structlint` in a
# copy of the shipped example workspace, from a registry on loopback (no other network), with
# no Rust toolchain on PATH; then run through npx, npm exec and pnpm exec. npm must pick the
# platform package by os/cpu/libc, and exit codes must be the binary's.
#
#   tests/dist/npm.sh BINARY     (a linux-x64 glibc structlint; CI passes its debug build)
#   PNPM=/path/to/pnpm tests/dist/npm.sh BINARY    (also checks pnpm)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
binary=$(realpath "$1")
pnpm=${PNPM:+$(realpath "$PNPM")}
work=$(mktemp -d)
source "$repo/tests/dist/registry.sh"
start_registry "$binary" "$work"

# A copy of the example without the registry packages it names (TypeScript, React, zod): the
# user's own dependencies are not the test, and the registry here holds only structlint.
app_copy() {
  cp -r "$repo/fixtures/ts-monorepo" "$1"
  (cd "$1" && node -e '
    const fs = require("fs");
    for (const f of ["package.json", ...fs.readdirSync("packages").map((p) => `packages/${p}/package.json`)]) {
      const p = JSON.parse(fs.readFileSync(f, "utf8"));
      delete p.devDependencies;
      for (const [name, range] of Object.entries(p.dependencies ?? {})) {
        if (!range.startsWith("workspace:")) delete p.dependencies[name];
      }
      fs.writeFileSync(f, JSON.stringify(p, null, 2) + "\n");
    }')
}
expected_version=$("$binary" --version)

# Runs structlint through RUNNER (npx, "npm exec --", "pnpm exec") in the current folder.
check_runner() {
  local runner=$1 status=0
  "$binary" check --format json > "$work/direct.json" || [ $? -eq 1 ]
  $runner structlint check --format json > "$work/check.json" || status=$?
  [ "$status" -eq 1 ] || fail "$runner structlint check exited $status, expected 1 (findings)"
  cmp -s "$work/check.json" "$work/direct.json" || fail "$runner structlint check printed other findings than the binary"
  [ "$($runner structlint --version)" = "$expected_version" ] || fail "$runner structlint --version is not $expected_version"
  status=0
  $runner structlint check --no-such-flag 2>/dev/null || status=$?
  [ "$status" -eq 2 ] || fail "$runner: a usage error exited $status, expected 2"
}

# Only the package of this platform is installed, and it is a real structlint.
one_platform_package() {
  local installed
  installed=$(cd "$1" && ls)
  [ "$installed" = "cli-linux-x64-gnu" ] || fail "platform packages installed: $installed"
}

path_without_rust
app_copy "$work/npm-app"
cd "$work/npm-app"
npm install --silent --save-dev structlint
one_platform_package node_modules/@structlint
check_runner npx
check_runner "npm exec --"
grep -q '"structlint": "^'"$STRUCTLINT_VERSION"'"' package.json || fail "package.json does not record structlint"

# Without the platform package the launcher says what is missing, and exits 2.
rm -rf node_modules/@structlint
status=0
message=$(npx structlint --version 2>&1) || status=$?
[ "$status" -eq 2 ] && [[ "$message" == *"@structlint/cli-linux-x64-gnu"*"not installed"* ]] ||
  fail "a missing binary package gave $status: $message"
echo "npm: structlint $STRUCTLINT_VERSION installed by name without Rust; one platform package; check, exec, exit codes and the missing-binary message hold"

if [ -z "$pnpm" ]; then
  echo "pnpm: not given (PNPM=path), skipped"
  exit 0
fi
path_without_rust "$(dirname "$pnpm")"
app_copy "$work/pnpm-app"
cd "$work/pnpm-app"
# -w: the example is a pnpm workspace, and the linter belongs to its root.
"$pnpm" add --store-dir "$work/pnpm-store" --save-dev -w structlint
one_platform_package node_modules/.pnpm/node_modules/@structlint
check_runner "$pnpm exec"
echo "pnpm: structlint $STRUCTLINT_VERSION added to a pnpm workspace root; pnpm exec works"
