#!/usr/bin/env bash
# Installs what building, serving and testing the playground needs, skipping what is present:
#   rust target wasm32-unknown-unknown, rustfmt, trunk 0.22.1, wasm-bindgen-cli at the Cargo.lock
#   version, npm packages (binaryen 132 for wasm-opt, esbuild and CodeMirror, playwright-core), Debian chromium +
#   chromium-driver, and the crates (trunk builds offline).
# A fresh machine spends ~30 minutes here (compiling trunk and wasm-bindgen-cli); a second run
# takes seconds.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  note "apt-get install $*"
  # Update the package lists only when installing from them fails (fresh machine, stale lists).
  if ! $SUDO apt-get install -y -q --no-install-recommends "$@"; then
    note "apt-get update, then retry"
    $SUDO apt-get update -q
    $SUDO apt-get install -y -q --no-install-recommends "$@"
  fi
}

timed() {
  local start=$SECONDS
  "$@"
  note "took $((SECONDS - start)) s"
}

step "Rust toolchain"
command -v cargo >/dev/null || die "cargo is not installed (install Rust with rustup first)"
note "$(rustc --version)"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  note "target wasm32-unknown-unknown: present"
else
  note "installing target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
if cargo fmt --version >/dev/null 2>&1; then
  note "rustfmt: present"
else
  note "installing rustfmt"
  rustup component add rustfmt
fi

step "trunk $TRUNK_VERSION"
if [ "$(trunk --version 2>/dev/null || true)" = "trunk $TRUNK_VERSION" ]; then
  note "present: $(command -v trunk)"
else
  note "installing with cargo (compiles for 20-40 minutes)"
  # trunk 0.22 declares a newer rust-version than it needs; it builds and works on 1.95.
  timed cargo install trunk --version "$TRUNK_VERSION" --locked --ignore-rust-version
fi

WASM_BINDGEN_VERSION="$(wasm_bindgen_lock_version)"
[ -n "$WASM_BINDGEN_VERSION" ] || die "no wasm-bindgen in Cargo.lock"
step "wasm-bindgen-cli $WASM_BINDGEN_VERSION (the Cargo.lock version)"
if [ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  note "present: $(command -v wasm-bindgen)"
else
  note "installing with cargo (compiles for 5-10 minutes)"
  # Not --locked: its lockfile pins a webpki-roots release that the registry lacks.
  timed cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

step "Node.js packages (package-lock.json)"
command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
note "node $(node --version), npm $(npm --version)"
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
[ "$NODE_MAJOR" -ge 20 ] || die "Node.js 20 or newer is needed (playwright-core), found $(node --version)"
STAMP="node_modules/.setup-lock.sha256"
LOCK_SUM="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$LOCK_SUM" ]; then
  note "node_modules matches package-lock.json"
else
  note "npm ci"
  timed npm ci --no-audit --no-fund
  echo "$LOCK_SUM" >"$STAMP"
fi
WASM_OPT="$(command -v wasm-opt || true)"
[ "$WASM_OPT" = "$ROOT/node_modules/.bin/wasm-opt" ] || die "wasm-opt on PATH is '$WASM_OPT', not node_modules/.bin/wasm-opt"
wasm-opt --version | grep -q "version $BINARYEN_VERSION " || die "wasm-opt is not binaryen $BINARYEN_VERSION: $(wasm-opt --version)"
note "$(wasm-opt --version)"
# esbuild bundles CodeMirror (js/build.mjs, a trunk pre-build hook); its platform binary comes
# from the optional @esbuild/* package, so it works without its install script.
ESBUILD_VERSION="$(esbuild --version 2>/dev/null || true)"
[ -n "$ESBUILD_VERSION" ] || die "esbuild from node_modules does not run (npm ci should have installed it)"
note "esbuild $ESBUILD_VERSION"

step "Chromium (headless browser for the end-to-end test)"
if [ -x "$CHROMIUM" ] && command -v chromedriver >/dev/null; then
  note "present: $CHROMIUM, $(command -v chromedriver)"
else
  timed apt_install chromium chromium-driver
fi
note "$("$CHROMIUM" --version 2>/dev/null | tail -n 1)"

step "Crates (trunk builds offline)"
cargo fetch --locked --quiet
note "Cargo.lock dependencies are in the cargo cache"

step "Setup done"
