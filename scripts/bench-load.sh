#!/usr/bin/env bash
# The first-load benchmark (issue 13): builds the release site, then measures it in headless
# Chromium on emulated networks (scripts/bench-load.mjs, whose options pass through: --runs N,
# --profile fast|slow|embed, --encodings br,gzip, --json FILE). --no-build measures dist/ as it
# is. A measurement, not a test: it never fails on a number; record results in docs/benchmarks.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

if [ "${1:-}" = "--no-build" ]; then
  shift
else
  "$ROOT/scripts/setup.sh"
  step "trunk build --release"
  trunk build --release
fi
[ -f "$ROOT/dist/index.html" ] || die "dist/index.html is missing: build the site first"
step "first-load benchmark (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
exec node "$ROOT/scripts/bench-load.mjs" "$ROOT/dist" "$@"
