#!/usr/bin/env bash
# Installs what is missing (scripts/setup.sh), then serves the playground with trunk, rebuilding
# on changes. Dev build by default; pass --release for the size-optimised build.
#   ADDRESS (default 127.0.0.1) and PORT (default 8080) choose where; other arguments go to trunk.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

"$ROOT/scripts/setup.sh"

ADDRESS="${ADDRESS:-127.0.0.1}"
PORT="${PORT:-8080}"
step "Serving the DRA Playground at http://$ADDRESS:$PORT/ (first build takes a few minutes; Ctrl-C stops)"
exec trunk serve --address "$ADDRESS" --port "$PORT" "$@"
