#!/usr/bin/env bash
# Set-up command 2: run every test (unit and end-to-end). Extra arguments go to `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build --build-tests 2>&1 | tail -n 1
swift test --skip-build "$@"
