#!/usr/bin/env bash
# Precision and recall of the shipped pipeline on generated data dated today.
#
#   bench/quality.sh [HOUSEHOLDS] [SEED]       (defaults 20000, 2026)
#
# Generates HOUSEHOLDS households with `fivefold generate` (reference date: today, its default),
# runs pipelines/five-unities.yaml unchanged and WITHOUT --as-of (so as_of is the run date too),
# and scores findings.csv against truth.csv per rule (bench/precision_recall.py). BIN picks the
# binary (default .build/release/fivefold, else .build/debug/fivefold).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-20000}
SEED=${2:-2026}
BIN=${BIN:-}
if [ -z "$BIN" ]; then
  if [ -x .build/release/fivefold ]; then BIN=.build/release/fivefold; else BIN=.build/debug/fivefold; fi
fi
WORK=${WORK:-$(mktemp -d /tmp/fivefold-quality.XXXXXX)}
"$BIN" generate --households "$N" --seed "$SEED" --out "$WORK/data" --defect-rate 0.05 --noise-rate 0.1 >&2
"$BIN" run pipelines/five-unities.yaml --input "$WORK/data" --out "$WORK/out" --no-ledger -q >&2
echo "dataset $WORK/data (generated $(date -u +%F)), output $WORK/out" >&2
python3 bench/precision_recall.py "$WORK/data" "$WORK/out" --markdown
