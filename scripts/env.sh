# Sourced by the other scripts: the repository root and the PATH the tools are found on.
# node_modules/.bin comes first so that trunk finds npm's wasm-opt (binaryen 132), not an older one.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_VERSION="0.22.1"
export BINARYEN_VERSION="132"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

step() { printf '\n==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
die() { printf '\nERROR: %s\n' "$*" >&2; exit 1; }

# The wasm-bindgen version in Cargo.lock: the wasm-bindgen CLI must match it exactly.
wasm_bindgen_lock_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}
