#!/usr/bin/env bash
# Set-up command 1: build Fivefold and run the default pipeline on the shipped fixtures.
# Extra arguments go to `fivefold run` (e.g. --out /tmp/ff).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
log=$(mktemp)
# The build log goes when the script ends, but when the build failed (the message names it).
trap '[ -z "$log" ] || rm -f "$log"' EXIT
if ! swift build -c release -Xswiftc -enforce-exclusivity=unchecked --product fivefold >"$log" 2>&1; then
  grep -E "error:" "$log" | sort -u | head -40 >&2 || true
  tail -n 20 "$log" >&2
  echo "build failed (full log: $log)" >&2
  log=
  exit 1
fi
tail -n 1 "$log"
# fixtures/sample is 2020 data: say so. The pipeline pins no date (as_of defaults to the run date),
# and 2020 ages checked as of today would disagree with every birth date.
.build/release/fivefold run pipelines/five-unities.yaml --as-of 2020-12-31 "$@"
