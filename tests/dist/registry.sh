# Sourced by the distribution tests: packs structlint's npm packages for one binary and serves
# them from a registry on loopback (tests/dist/registry.py), as a user's npm, pnpm, pre-commit
# or GitHub Action would get them once published, with no other network.
#
#   source tests/dist/registry.sh
#   start_registry BINARY WORK    # a linux-x64 glibc binary; WORK an empty scratch folder
#
# It exports npm_config_registry and an empty npm cache in WORK, sets STRUCTLINT_VERSION, and
# stops the registry when the shell exits. The other four platform packages hold a stub that
# fails loudly, so a test sees it if npm ever picks the wrong one.

start_registry() {
  local binary work repo stub target
  binary=$(realpath "$1")
  work=$2
  repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  stub="$work/wrong-platform"
  printf '#!/bin/sh\necho "the binary of another platform ran" >&2\nexit 99\n' > "$stub"
  local args=(--target linux-x64-gnu --binary "$binary")
  for target in $(node -p "Object.keys(require('$repo/npm/targets.json')).join(' ')"); do
    [ "$target" = linux-x64-gnu ] || args+=(--target "$target" --binary "$stub")
  done
  node "$repo/npm/build.mjs" --out "$work/pkgs" "${args[@]}" >/dev/null
  mkdir -p "$work/registry"
  for pkg in "$work"/pkgs/*/; do
    (cd "$pkg" && npm pack --silent --pack-destination "$work/registry" >/dev/null)
  done
  STRUCTLINT_VERSION=$(node -p "require('$work/pkgs/structlint/package.json').version")
  export STRUCTLINT_VERSION

  python3 "$repo/tests/dist/registry.py" "$work/registry" "$work/port" &
  REGISTRY_PID=$!
  trap 'kill "$REGISTRY_PID" 2>/dev/null || true; [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"' EXIT
  local waited=0
  until [ -s "$work/port" ]; do
    sleep 0.1
    waited=$((waited + 1))
    [ "$waited" -lt 100 ] || { echo "registry.sh: the registry did not start" >&2; return 1; }
  done
  export npm_config_registry="http://127.0.0.1:$(cat "$work/port")/"
  export npm_config_cache="$work/npm-cache"
  export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
}

# Ends the test that sourced this file with a message naming it.
fail() {
  echo "tests/dist/$(basename "$0"): $*" >&2
  exit 1
}

# PATH with node, npm (and pnpm, when given) but without cargo or rustc: what a JavaScript
# team's machine has.
path_without_rust() {
  local dirs=("$(dirname "$(command -v node)")" "$(dirname "$(command -v npm)")" "$@")
  PATH=$(IFS=:; echo "${dirs[*]}"):/usr/bin:/bin
  export PATH
  if command -v cargo >/dev/null || command -v rustc >/dev/null; then
    echo "registry.sh: a Rust toolchain is on the test's PATH ($PATH)" >&2
    return 1
  fi
}
