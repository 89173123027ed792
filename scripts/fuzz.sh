#!/usr/bin/env bash
# Fuzzes the engine with cargo-fuzz (libFuzzer), each target for a bounded time:
#
#   scripts/fuzz.sh                      # every target, FUZZ_SECONDS (60) each
#   FUZZ_SECONDS=1800 scripts/fuzz.sh run cel
#
# Targets are the [[bin]]s of fuzz/Cargo.toml (`cargo fuzz list`); a new one is
# picked up as it is, with the default options below
# unless it gets a case of its own in target_options. Each run starts from the
# committed seeds (fuzz/corpus/TARGET) and the minimized reproducers of past
# findings (fuzz/regressions/TARGET), and grows fuzz/corpus-grown/TARGET, which
# is not committed. A crash, panic or hang is written to fuzz/artifacts/TARGET/
# and makes the script fail; minimize it with
#   cargo +nightly fuzz tmin -O -a -s none TARGET fuzz/artifacts/TARGET/crash-...
# and keep the reproducer in fuzz/regressions/TARGET/.
#
# Runs niced (FUZZ_NICE, 19) so that builds on a shared machine keep priority.
# Needs the nightly toolchain and cargo-fuzz (installed here when missing).
# Not run by scripts/test.sh; CI may call it with a small FUZZ_SECONDS.
#
# Environment: FUZZ_SECONDS (per target, default 60), FUZZ_NICE (19),
# FUZZ_RSS_MB (2048), FUZZ_TIMEOUT (per input, seconds; default per target).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT/fuzz"

SECONDS_PER_TARGET="${FUZZ_SECONDS:-60}"
NICE="${FUZZ_NICE:-19}"
RSS_MB="${FUZZ_RSS_MB:-2048}"
# Release build with debug assertions (overflow checks, as in `cargo test`); no
# sanitizer: the engine has no unsafe code, and plain builds run twice as fast.
BUILD_FLAGS=(-O -a -s none)

rustup toolchain list | grep -q '^nightly' ||
  die "the nightly toolchain is needed (rustup toolchain install nightly)"
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  step "cargo install cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

# Per-target libFuzzer options: input size cap, per-input timeout, dictionary.
target_options() {
  case "$1" in
    load) echo "-max_len=65536 -timeout=${FUZZ_TIMEOUT:-10} -dict=dict/yaml.dict" ;;
    # The allocator has no search budget yet: small scenarios only (the target
    # also ignores inputs over 16 KiB), and a hang is a finding.
    run) echo "-max_len=16384 -timeout=${FUZZ_TIMEOUT:-20} -dict=dict/yaml.dict" ;;
    cel) echo "-max_len=4096 -timeout=${FUZZ_TIMEOUT:-10} -dict=dict/cel.dict" ;;
    # Links are short; a small one may still inflate to the 1 MiB limit.
    share) echo "-max_len=8192 -timeout=${FUZZ_TIMEOUT:-10}" ;;
    *)
      local dict=""
      [ -f "dict/$1.dict" ] && dict="-dict=dict/$1.dict"
      echo "-max_len=65536 -timeout=${FUZZ_TIMEOUT:-10} $dict"
      ;;
  esac
}

ALL_TARGETS=($(cargo +nightly fuzz list))
if [ "$#" -gt 0 ]; then TARGETS=("$@"); else TARGETS=("${ALL_TARGETS[@]}"); fi
for t in "${TARGETS[@]}"; do
  printf '%s\n' "${ALL_TARGETS[@]}" | grep -qx "$t" || die "no fuzz target '$t' (have: ${ALL_TARGETS[*]})"
done

step "cargo +nightly fuzz build ${BUILD_FLAGS[*]}"
nice -n "$NICE" cargo +nightly fuzz build "${BUILD_FLAGS[@]}"

mkdir -p logs
FAILED=()
for t in "${TARGETS[@]}"; do
  step "fuzz $t for ${SECONDS_PER_TARGET} s"
  mkdir -p "corpus-grown/$t" "corpus/$t" "regressions/$t" "artifacts/$t"
  log="logs/$t-$(date +%Y%m%d-%H%M%S).log"
  start=$SECONDS
  status=0
  # shellcheck disable=SC2046 # target_options is a list of flags
  nice -n "$NICE" cargo +nightly fuzz run "${BUILD_FLAGS[@]}" "$t" \
    "corpus-grown/$t" "corpus/$t" "regressions/$t" -- \
    -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb="$RSS_MB" \
    -print_final_stats=1 $(target_options "$t") >"$log" 2>&1 || status=$?
  elapsed=$((SECONDS - start))
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
  # Fuzzing time as libFuzzer counts it (without building); on a finding,
  # the wall time of the run.
  fuzzed="$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)"
  fuzzed="${fuzzed:-$elapsed}"
  printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$fuzzed" "${execs:-0}" "$status" >>logs/history.tsv
  if [ "$status" -ne 0 ]; then
    FAILED+=("$t")
    note "FAILED after $fuzzed s (exit $status); log: fuzz/$log"
    grep -E '^(==[0-9]+==|thread .* panicked|ALARM|SUMMARY|artifact_prefix|Test unit written)' "$log" | head -n 20 | sed 's/^/    /'
    tail -n 40 "$log" | sed 's/^/    | /'
  else
    note "ok: fuzzed $fuzzed s ($elapsed s with building), ${execs:-?} inputs, corpus $(find "corpus-grown/$t" -type f | wc -l) grown files"
  fi
done

step "fuzzing time so far (fuzz/logs/history.tsv: seconds per target, all runs on this machine)"
awk -F'\t' '{ s[$2] += $3; n[$2] += $4 } END { for (t in s) printf "    %-10s %7d s %12d inputs\n", t, s[t], n[t] }' logs/history.tsv | sort

if [ "${#FAILED[@]}" -gt 0 ]; then
  die "fuzz targets with findings: ${FAILED[*]} (artifacts in fuzz/artifacts/)"
fi
echo "fuzz: ${#TARGETS[@]} passed, 0 failed"
