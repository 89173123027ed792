#!/usr/bin/env bash
# Every test of the project, failing loudly at the first problem:
#   setup (scripts/setup.sh), cargo fmt --check, cargo clippy (every target, warnings are
#   errors), cargo test --workspace (API types, CEL, engine, command line, web app, conformance
#   runners, gallery examples), cargo bench --no-run (the criterion benchmarks compile), the
#   browser component tests, trunk build --release (the site as deployed: boot script, hashed
#   files, service worker, CSP, precompressed copies), and the browser end-to-end tests of the
#   built site (tests/e2e/app.mjs, headless chromium; screenshots and timings in
#   tests/e2e/artifacts/).
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
# The site as deployed (js/site/post-build.mjs): the boot script loads the page and names the
# CodeMirror bundle; the engine worker's files carry a content hash, named in index.html; the
# service worker; a .br and a .gz copy beside every file.
BOOT="$(sed -n 's/.*<script type="module" src="\/\(boot-[0-9a-f]*\.js\)".*/\1/p' "$ROOT/dist/index.html")"
[ -n "$BOOT" ] && [ -f "$ROOT/dist/$BOOT" ] || die "dist/index.html does not load a hashed boot script"
EDITOR="$(grep -o 'editor-[0-9a-f]*\.js' "$ROOT/dist/$BOOT" | head -n 1)"
[ -n "$EDITOR" ] && [ -f "$ROOT/dist/$EDITOR" ] || die "the boot script does not name the CodeMirror bundle"
WORKER="$(sed -n 's/.*<meta name="dra-engine-worker" content="\.\/\([^"]*\)".*/\1/p' "$ROOT/dist/index.html")"
case "$WORKER" in engine-worker-*.js) ;; *) die "dist/index.html does not name a hashed engine worker" ;; esac
[ -f "$ROOT/dist/$WORKER" ] && [ -f "$ROOT/dist/${WORKER%.js}_bg.wasm" ] && [ ! -e "$ROOT/dist/engine-worker_bg.wasm" ] ||
  die "dist/ lacks $WORKER or its wasm, or still has the unhashed worker files"
[ -f "$ROOT/dist/sw.js" ] || die "dist/ lacks the service worker"
# The deploy guide (README) quotes the Content-Security-Policy the build writes.
CSP="$(node -e 'import("./js/site/headers.mjs").then((m) => console.log(m.CONTENT_SECURITY_POLICY))')"
grep -qF "<meta http-equiv=\"Content-Security-Policy\" content=\"$CSP\"" "$ROOT/dist/index.html" || die "dist/index.html lacks the CSP meta tag"
grep -qF "\`$CSP\`" "$ROOT/README.md" || die "README's Deploy section does not quote the Content-Security-Policy of js/site/headers.mjs"
note "built in $((SECONDS - start)) s"
for f in "$ROOT"/dist/*; do
  case "$f" in *.br | *.gz) continue ;; esac
  [ -f "$f.br" ] && [ -f "$f.gz" ] || die "$(basename "$f") has no precompressed .br/.gz copy"
  note "$(basename "$f"): $(wc -c <"$f") bytes raw, $(wc -c <"$f.gz") gzip, $(wc -c <"$f.br") brotli"
done
note "first-load times on emulated networks: scripts/bench-load.sh (docs/benchmarks.md)"

step "browser end-to-end tests (headless chromium)"
node "$ROOT/tests/e2e/app.mjs" "$ROOT/dist" | tee "$LOGS/e2e.log" || die "the end-to-end tests failed"
E2E_PASSED="$(sed -n 's/^e2e: \([0-9]*\) passed, 0 failed$/\1/p' "$LOGS/e2e.log")"
[ -n "$E2E_PASSED" ] && [ "$E2E_PASSED" -gt 0 ] || die "the end-to-end check did not pass"

step "All tests passed in $((SECONDS - TOTAL_START)) s"
note "cargo test: $CARGO_PASSED tests in $SUITES test binaries"
note "browser component tests: $WASM_PASSED tests"
note "browser e2e: $E2E_PASSED checks"
echo "total: $((CARGO_PASSED + WASM_PASSED + E2E_PASSED)) passed, 0 failed"
