#!/usr/bin/env bash
# Set-up command 2: run every test (unit and end-to-end). Extra arguments go to `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
log=$(mktemp)
out=$(mktemp)
# Both logs go when the script ends, but for the build's when the build failed (it is named).
trap 'rm -f "$out"; [ -z "$log" ] || rm -f "$log"' EXIT
if ! swift build --build-tests >"$log" 2>&1; then
  grep -E "error:" "$log" | sort -u | head -40 >&2 || true
  tail -n 20 "$log" >&2
  echo "build failed (full log: $log)" >&2
  log=
  exit 1
fi
tail -n 1 "$log"
# The suite is XCTest only; Swift Testing would close the output with "0 tests" of its own.
status=0
swift test --skip-build --disable-swift-testing "$@" 2>&1 | tee "$out" || status=$?
# XCTest writes "with N failures", or "with K tests skipped and N failures" when tests skipped.
summary=$(grep -E "Executed [0-9]+ tests?, with ([0-9]+ tests? skipped and )?[0-9]+ failures?" "$out" | tail -n 1 || true)
if [ -n "$summary" ]; then
  total=$(echo "$summary" | sed -E 's/.*Executed ([0-9]+) tests?.*/\1/')
  failed=$(echo "$summary" | sed -E 's/.* ([0-9]+) failures?.*/\1/')
  skipped=0
  if echo "$summary" | grep -qE "[0-9]+ tests? skipped"; then
    skipped=$(echo "$summary" | sed -E 's/.*with ([0-9]+) tests? skipped.*/\1/')
  fi
  echo "$((total - failed - skipped)) passed, $failed failed, $skipped skipped"
fi
exit $status
