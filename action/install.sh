#!/usr/bin/env bash
# The action's install step: the structlint npm package (launcher and this platform's binary)
# into the runner's temporary folder, put on PATH for the steps after it.
set -euo pipefail
: "${STRUCTLINT_VERSION:?the version input of the action is empty}"
: "${RUNNER_TEMP:?not on a GitHub runner: RUNNER_TEMP is unset}"
prefix="$RUNNER_TEMP/structlint-$STRUCTLINT_VERSION"
npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error "structlint@$STRUCTLINT_VERSION"
echo "$prefix/node_modules/.bin" >> "$GITHUB_PATH"
"$prefix/node_modules/.bin/structlint" --version
