#!/usr/bin/env bash
# Set-up command 1: build Fivefold and run the default pipeline on the shipped fixtures.
# Extra arguments go to `fivefold run` (e.g. --out /tmp/ff).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product fivefold 2>&1 | tail -n 1
.build/release/fivefold run pipelines/five-unities.yaml "$@"
