#!/usr/bin/env bash
# Every test of the project, failing loudly at the first problem:
#   setup (scripts/setup.sh), cargo fmt --check, cargo clippy (every target, warnings are
#   errors), cargo test --workspace (API types, CEL, engine, command line, web app, conformance
#   runners, gallery examples), cargo bench --no-run (the criterion benchmarks compile), the
#   browser component tests, trunk build --release (with the CodeMirror bundle), and the browser
#   end-to-end tests of the built site (tests/e2e/app.mjs, headless chromium; screenshots and
#   timings in tests/e2e/artifacts/).
#
# scripts/test.sh --quick: the edit-test loop: fmt, clippy and cargo test only (no setup, no
# browser build, no benchmarks).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

QUICK=false
case "${1:-}" in
  "") ;;
  --quick) QUICK=true ;;
  *) die "usage: scripts/test.sh [--quick]" ;;
esac

TOTAL_START=$SECONDS
LOGS="$ROOT/target/test-logs"

$QUICK || "$ROOT/scripts/setup.sh"
mkdir -p "$LOGS"

step "cargo fmt --all --check"
cargo fmt --all --check || die "code is not formatted: run 'cargo fmt --all'"
note "formatted"

step "cargo clippy --workspace --all-targets --locked -- -D warnings"
start=$SECONDS
cargo clippy --workspace --all-targets --locked -- -D warnings || die "clippy found problems"
note "clippy: no warnings ($((SECONDS - start)) s)"

step "cargo test --workspace --locked"
start=$SECONDS
cargo test --workspace --locked 2>&1 | tee "$LOGS/cargo-test.log" || die "cargo test failed"
# Never pass vacuously: count what the test binaries report.
read -r CARGO_PASSED CARGO_FAILED SUITES < <(awk '
  /^test result: / {
    suites++
    for (i = 1; i <= NF; i++) {
      if ($(i) ~ /^passed;?$/) passed += $(i - 1)
      if ($(i) ~ /^failed;?$/) failed += $(i - 1)
    }
  }
  END { print passed + 0, failed + 0, suites + 0 }' "$LOGS/cargo-test.log")
[ "$SUITES" -gt 0 ] || die "cargo test printed no test results"
[ "$CARGO_FAILED" -eq 0 ] || die "cargo test: $CARGO_FAILED tests failed"
[ "$CARGO_PASSED" -gt 0 ] || die "cargo test ran no test"
note "cargo test: $CARGO_PASSED passed, 0 failed in $SUITES test binaries ($((SECONDS - start)) s)"

if $QUICK; then
  step "Quick tests passed in $((SECONDS - TOTAL_START)) s"
  note "cargo test: $CARGO_PASSED tests in $SUITES test binaries"
  note "not run: benchmarks' build, browser component tests, trunk build, browser e2e (scripts/test.sh)"
  exit 0
fi

step "browser component tests (wasm-bindgen-test, headless chromium)"
start=$SECONDS
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --locked --target wasm32-unknown-unknown -p dra-playground-web --bin dra-playground-web 2>&1 \
  | tee "$LOGS/wasm-test.log" || die "the browser component tests failed"
WASM_PASSED="$(awk '/^test result: ok\. [0-9]+ passed; 0 failed/ { sum += $4 } END { print sum + 0 }' "$LOGS/wasm-test.log")"
[ -n "$WASM_PASSED" ] && [ "$WASM_PASSED" -gt 0 ] || die "the browser component tests ran no test"
note "browser component tests: $WASM_PASSED passed ($((SECONDS - start)) s)"

step "cargo bench -p dra-engine --bench engine --locked --no-run"
start=$SECONDS
cargo bench -p dra-engine --bench engine --locked --no-run 2>&1 | tail -n 3 || die "the benchmarks do not compile"
note "the benchmarks compile ($((SECONDS - start)) s); run them with 'cargo bench -p dra-engine'"

step "trunk build --release"
start=$SECONDS
rm -rf "$ROOT/dist"
trunk build --release || die "trunk build --release failed"
WASM="$(find "$ROOT/dist" -maxdepth 1 -name '*.wasm' | head -n 1)"
[ -n "$WASM" ] && [ -f "$ROOT/dist/index.html" ] || die "dist/ lacks index.html or .wasm"
grep -q 'editor-.*\.js\|editor\.js' "$ROOT/dist/index.html" || die "dist/index.html does not load the CodeMirror bundle"
# The worker's files carry a content hash (js/hash-worker.mjs), named in index.html.
WORKER_LOADER="$(sed -n 's/.*<meta name="dra-engine-worker" content="\.\/\([^"]*\)".*/\1/p' "$ROOT/dist/index.html")"
case "$WORKER_LOADER" in engine-worker_loader-*.js) ;; *) die "dist/index.html does not name a hashed worker loader" ;; esac
[ -f "$ROOT/dist/$WORKER_LOADER" ] && [ ! -e "$ROOT/dist/engine-worker_bg.wasm" ] ||
  die "dist/ lacks $WORKER_LOADER or still has the unhashed worker files"
size() { printf '%s bytes raw, %s bytes gzipped' "$(wc -c <"$1")" "$(gzip -9 -c "$1" | wc -c)"; }
note "built in $((SECONDS - start)) s"
SITE_GZ=0
for f in "$ROOT"/dist/*; do
  [ -f "$f" ] || continue
  note "$(basename "$f"): $(size "$f")"
  SITE_GZ=$((SITE_GZ + $(gzip -9 -c "$f" | wc -c)))
done
note "whole site: $SITE_GZ bytes gzipped"
# Issue 6's budget is 500 KB gzipped; the engine's wasm alone is over it for now (reported, not
# yet enforced: the size is the engine's dependencies, see the report in the ui branch).
[ "$SITE_GZ" -lt 500000 ] || note "WARNING: the site is $SITE_GZ bytes gzipped, over the 500 KB budget of issue 6"

step "browser end-to-end tests (headless chromium)"
node "$ROOT/tests/e2e/app.mjs" "$ROOT/dist" | tee "$LOGS/e2e.log" || die "the end-to-end tests failed"
E2E_PASSED="$(sed -n 's/^e2e: \([0-9]*\) passed, 0 failed$/\1/p' "$LOGS/e2e.log")"
[ -n "$E2E_PASSED" ] && [ "$E2E_PASSED" -gt 0 ] || die "the end-to-end check did not pass"

step "All tests passed in $((SECONDS - TOTAL_START)) s"
note "cargo test: $CARGO_PASSED tests in $SUITES test binaries"
note "browser component tests: $WASM_PASSED tests"
note "browser e2e: $E2E_PASSED checks"
echo "total: $((CARGO_PASSED + WASM_PASSED + E2E_PASSED)) passed, 0 failed"
