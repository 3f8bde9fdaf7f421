#!/usr/bin/env bash
# Set-up command 2: run every test (unit and end-to-end). Extra arguments go to `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
log=$(mktemp)
if ! swift build --build-tests >"$log" 2>&1; then
  grep -E "error:" "$log" | sort -u | head -40 >&2 || true
  tail -n 20 "$log" >&2
  echo "build failed (full log: $log)" >&2
  exit 1
fi
tail -n 1 "$log"
swift test --skip-build "$@"
