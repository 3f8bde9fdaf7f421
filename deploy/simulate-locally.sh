#!/usr/bin/env bash
# Runs, on this machine, exactly the commands the Kubernetes Indexed Job and the Slurm array run
# (one process per shard index, then the merge), and checks the merged outputs against a whole
# run. Usage: deploy/simulate-locally.sh [INPUT_DIR] [SHARDS]
set -euo pipefail
cd "$(dirname "$0")/.."
FIVEFOLD=${FIVEFOLD:-.build/release/fivefold}
PIPELINE=pipelines/five-unities.yaml
INPUT=${1:-fixtures/sample}
SHARDS=${2:-4}
WORK=$(mktemp -d)
AS_OF=${AS_OF:-$(date +%F)}  # one date for every shard, as the Slurm script pins it
for ((JOB_COMPLETION_INDEX = 0; JOB_COMPLETION_INDEX < SHARDS; JOB_COMPLETION_INDEX++)); do
  "$FIVEFOLD" run "$PIPELINE" --input "$INPUT" --out "$WORK/shards/shard-$JOB_COMPLETION_INDEX" \
    --shard "$JOB_COMPLETION_INDEX/$SHARDS" --as-of "$AS_OF" --no-ledger --jobs 2 --quiet &
done
wait
"$FIVEFOLD" merge "$PIPELINE" "$WORK"/shards/shard-* --input "$INPUT" --out "$WORK/out" --no-ledger --quiet
"$FIVEFOLD" run "$PIPELINE" --input "$INPUT" --out "$WORK/whole" --as-of "$AS_OF" --no-ledger --quiet
strip() { grep -v '"assemble"\|"evaluate"\|"scan"\|"merge"\|"write"' "$1"; }
diff -r -x summary.json "$WORK/whole" "$WORK/out"
diff <(strip "$WORK/whole/summary.json") <(strip "$WORK/out/summary.json")
echo "merged outputs of $SHARDS shards equal the whole run ($WORK)"
