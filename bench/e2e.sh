#!/usr/bin/env bash
# End-to-end benchmark (see BENCHMARKS.md, section "End to end").
#
# Builds fivefold in release mode from a snapshot of HEAD (own scratch path), generates the
# synthetic datasets once (`fivefold generate`, kept under $DATA keyed by households and seed),
# then for each size times, RUNS times each and in turn (fivefold, baseline, baseline SQL; again),
# with /usr/bin/time -v:
#   fivefold run pipelines/five-unities.yaml --input DIR --out OUT --as-of 2020-12-31
#   bench/baseline_duckdb.py DIR            (Python/lxml flattens the XML, DuckDB runs the checks)
#   bench/baseline_duckdb.py DIR --phase sql  (DuckDB only, on the XML flattened by the run above)
# and prints Markdown tables: median wall, median user+sys CPU, max peak RSS over the runs, input
# MB (sum of the dataset's input files) and MB/s; then the phase split of each tool.
# Nothing is written to BENCHMARKS.md: paste the tables by hand.
#
# Usage (from anywhere):
#   bench/e2e.sh                                  # sizes 100000 1000000, 3 runs each
#   SIZES=100000 RUNS=3 bench/e2e.sh
#   SIZES="10000 100000 1000000" RUNS=1 BASELINE=0 bench/e2e.sh   # memory growth, fivefold only
# Environment:
#   SIZES      households per dataset (default "100000 1000000")
#   RUNS       runs per case (default 3); the median is reported
#   SEED       generator seed (default 1)
#   DATA       where datasets, outputs and logs go (default /work/bench-data/e2e, outside the repo)
#   VENV       Python virtual environment for the baseline (default /work/bench-data/.venv;
#              created with duckdb, pandas and lxml from PyPI when missing)
#   JOBS       pass --jobs JOBS to fivefold (default: unset, fivefold uses all cores)
#   BASELINE   0 to skip the DuckDB baseline (default 1)
#   ETREE      1 to also time the baseline with the standard library's XML parser (no lxml)
#   IDLE_WAIT  seconds to wait, before each run, for other processes to leave the CPUs idle
#              (< 15 % busy over 2 s; default 300; 0 to not wait). The busy share seen is logged, and
#              so are the CPU seconds other processes used during each run (a noisy neighbour shows).
#   BUILD      0 to skip the build and reuse the binary built last (default 1)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SIZES=${SIZES:-"100000 1000000"}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
DATA=${DATA:-/work/bench-data/e2e}
VENV=${VENV:-/work/bench-data/.venv}
BASELINE=${BASELINE:-1}
ETREE=${ETREE:-0}
IDLE_WAIT=${IDLE_WAIT:-300}
SCRATCH=$ROOT/.build-bench
BIN=$SCRATCH/release/fivefold
LOGS=$DATA/logs/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$DATA" "$LOGS"

# What is measured: the committed HEAD of this repository. It is built from a snapshot
# (`git archive HEAD`, under $DATA/src), not from the work tree, so that edits in progress can
# neither break the build ("modified during the build") nor be measured; the scratch path is
# .build-bench in the repository (git-ignored), never the default .build.
COMMIT=$(git rev-parse --short HEAD)
SRC=$DATA/src
if [ "${BUILD:-1}" != 0 ]; then
    echo "e2e: building $COMMIT (release) from $SRC into $SCRATCH" >&2
    if [ "$(cat "$SRC/.commit" 2>/dev/null)" != "$COMMIT" ]; then
        rm -rf "$SRC.new"
        mkdir -p "$SRC.new"
        git archive "$COMMIT" | tar -x -C "$SRC.new"
        [ -f Package.resolved ] && cp Package.resolved "$SRC.new/"  # same dependency versions
        echo "$COMMIT" >"$SRC.new/.commit"
        rm -rf "$SRC"
        mv "$SRC.new" "$SRC"
    fi
    "$ROOT/scripts/install-deps.sh"
    if ! swift build -c release -Xswiftc -enforce-exclusivity=unchecked --product fivefold --package-path "$SRC" --scratch-path "$SCRATCH" \
            >"$LOGS/build.log" 2>&1; then
        cat "$LOGS/build.log" >&2
        exit 1
    fi
    echo "$COMMIT" >"$SCRATCH/.bench-commit"
fi
COMMIT=$(cat "$SCRATCH/.bench-commit" 2>/dev/null || echo "unknown (built outside e2e.sh)")
[ -x "$BIN" ] || { echo "e2e: no binary at $BIN" >&2; exit 1; }
# the pipeline of the commit measured (the work tree's may be mid-edit)
PIPELINE=$SRC/pipelines/five-unities.yaml
[ -f "$PIPELINE" ] || PIPELINE=$ROOT/pipelines/five-unities.yaml

if [ "$BASELINE" != 0 ] && [ ! -x "$VENV/bin/python" ]; then
    echo "e2e: creating $VENV (duckdb, pandas, lxml)" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q duckdb pandas lxml
fi

# dataset N: the folder of the N-household dataset, generated once.
dataset() {
    local dir=$DATA/n$1-s$SEED
    if [ ! -s "$dir/generator.json" ]; then
        echo "e2e: generating $1 households (seed $SEED) into $dir" >&2
        rm -rf "$dir.tmp"
        # Dated 2020-12-31 like the run and the DuckDB baseline below (generate defaults to today).
        "$BIN" generate --households "$1" --seed "$SEED" --as-of 2020-12-31 --out "$dir.tmp" >"$LOGS/generate-$1.log" 2>&1 \
            || { cat "$LOGS/generate-$1.log" >&2; exit 1; }
        rm -rf "$dir"
        mv "$dir.tmp" "$dir"
    fi
    echo "$dir"
}

# input_bytes DIR: the files fivefold and the baseline read (not truth.csv, noise.csv, generator.json).
input_bytes() {
    find "$1/system" "$1/archive" "$1/wall" "$1/interview" "$1/verification" -type f -printf '%s\n' \
        | awk '{ s += $1 } END { print s }'
}

# wait_idle: wait (at most IDLE_WAIT s) until the CPUs are < 15 % busy over 2 s; echo the share seen.
wait_idle() {
    local deadline=$((SECONDS + IDLE_WAIT)) busy
    while :; do
        busy=$( { awk '/^cpu /{ print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 }' /proc/stat; sleep 2;
                  awk '/^cpu /{ print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 }' /proc/stat; } \
                | awk 'NR == 1 { b = $1; t = $2 } NR == 2 { printf "%.0f", ($2 > t ? 100 * ($1 - b) / ($2 - t) : 0) }')
        if [ "$busy" -lt 15 ] || [ "$SECONDS" -ge "$deadline" ]; then
            echo "$busy"
            return
        fi
    done
}

# cpu_busy: busy jiffies of all CPUs so far (user nice system irq softirq steal).
cpu_busy() { awk '/^cpu /{ print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }

# measure_run NAME LOG I COMMAND...: run I of COMMAND under /usr/bin/time -v; appends one line
# "wall cpu rss_kb busy_before others_cpu" to $LOGS/NAME.runs (or FAILED); the command's output
# goes to LOG.I.
measure_run() {
    local name=$1 log=$2 i=$3
    shift 3
    local busy=0
    [ "$IDLE_WAIT" != 0 ] && busy=$(wait_idle)
    [ -n "${PRE_RUN:-}" ] && eval "$PRE_RUN"
    local rc=0 before after
    before=$(cpu_busy)
    /usr/bin/time -v -o "$log.$i.time" "$@" >"$log.$i" 2>&1 || rc=$?
    after=$(cpu_busy)
    if [ "$rc" != 0 ]; then
        echo "e2e: $name run $i FAILED (exit $rc); its output:" >&2
        cat "$log.$i" >&2
        tail -25 "$log.$i.time" >&2
        echo "FAILED" >>"$LOGS/$name.runs"
        return
    fi
    # others = CPU seconds the whole machine spent during the run beyond this command's own
    awk -v busy="$busy" -v jiffies=$((after - before)) -v hz="$(getconf CLK_TCK)" '
        /User time/ { u = $NF } /System time/ { s = $NF }
        /Elapsed \(wall clock\)/ { n = split($NF, p, ":"); w = (n == 3 ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2]) }
        /Maximum resident/ { r = $NF }
        END { o = jiffies / hz - u - s; printf "%.2f %.2f %d %s %.1f\n", w, u + s, r, busy, (o > 0 ? o : 0) }' \
        "$log.$i.time" >>"$LOGS/$name.runs"
    echo "e2e: $name run $i: $(tail -1 "$LOGS/$name.runs") (wall s, cpu s, peak RSS KB, busy % before, other processes' CPU s during the run)" >&2
}

# measure NAME LOG COMMAND...: RUNS runs of COMMAND one after the other (measure_run).
measure() {
    local name=$1 log=$2
    shift 2
    : >"$LOGS/$name.runs"
    local i
    for i in $(seq "$RUNS"); do measure_run "$name" "$log" "$i" "$@"; done
}

# paired A B: the median, min and max over runs of A's wall time over B's, run i against run i
# (runs taken in turn, so a machine that slows down for a while slows both sides of a pair).
paired() {
    awk 'NR == FNR { a[FNR] = $1; next } a[FNR] != "" && a[FNR] != "FAILED" && $1 != "FAILED" && $1 > 0 { print a[FNR] / $1 }' \
        "$LOGS/$1.runs" "$LOGS/$2.runs" \
        | sort -g | awk '{ a[NR] = $1 } END { if (NR) printf "x%.2f (%.2f-%.2f, %d pairs)", (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2), a[1], a[NR], NR; else print "-" }'
}

# stats NAME: "median_wall median_cpu max_rss_MB max_other_cpu_s" over the successful runs, or "FAILED".
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else if (NR) print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
stats() {
    local ok=$LOGS/$1.ok
    grep -v FAILED "$LOGS/$1.runs" >"$ok" || true
    if [ ! -s "$ok" ]; then echo FAILED; return; fi
    printf '%.1f %.1f %.0f %.0f\n' "$(cut -d' ' -f1 "$ok" | median)" "$(cut -d' ' -f2 "$ok" | median)" \
        "$(cut -d' ' -f3 "$ok" | sort -g | tail -1 | awk '{ print $1 / 1024 }')" \
        "$(cut -d' ' -f5 "$ok" | sort -g | tail -1)"
}

ROWS=()
PHASES=()
for N in $SIZES; do
    DIR=$(dataset "$N")
    BYTES=$(input_bytes "$DIR")
    HH=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['system_household_rows'])" "$DIR/generator.json")
    MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.0f", b / 1e6 }')
    echo "e2e: $N households: $DIR, $MB MB of input" >&2

    # Fivefold, the baseline and the baseline's SQL alone in turn, run after run: the machine's
    # speed drifts over minutes (the same binary took 10.9 and 14.6 s at 100 k an hour apart),
    # and three runs of one tool then three of the other put the drift into the ratio.
    OUT=$DATA/out-fivefold-n$N
    BOUT=$DATA/out-baseline-n$N
    : >"$LOGS/fivefold-$N.runs"
    if [ "$BASELINE" != 0 ]; then : >"$LOGS/baseline-$N.runs"; : >"$LOGS/baseline-sql-$N.runs"; fi
    for i in $(seq "$RUNS"); do
        PRE_RUN="rm -rf '$OUT'"
        measure_run "fivefold-$N" "$LOGS/fivefold-$N" "$i" \
            "$BIN" run "$PIPELINE" --input "$DIR" --out "$OUT" --as-of 2020-12-31 ${JOBS:+--jobs "$JOBS"}
        if [ "$BASELINE" != 0 ]; then
            PRE_RUN="rm -rf '$BOUT'"
            measure_run "baseline-$N" "$LOGS/baseline-$N" "$i" \
                "$VENV/bin/python" bench/baseline_duckdb.py "$DIR" --out "$BOUT" --as-of 2020-12-31
            PRE_RUN="rm -rf '$BOUT/duckdb.tmp'"
            measure_run "baseline-sql-$N" "$LOGS/baseline-sql-$N" "$i" \
                "$VENV/bin/python" bench/baseline_duckdb.py "$DIR" --out "$BOUT" --phase sql --as-of 2020-12-31
        fi
    done
    PRE_RUN=
    read -r FW FC FR FO <<<"$(stats "fivefold-$N")" || true
    FMBS=$(awk -v b="$BYTES" -v w="${FW:-0}" 'BEGIN { if (w > 0) printf "%.1f", b / 1e6 / w; else print "-" }')
    FPH=$(python3 - "$OUT/summary.json" <<'EOF' 2>/dev/null || echo "-"
import json, sys
t = json.load(open(sys.argv[1]))["timings_seconds"]
print(" / ".join(f"{t[k]:.1f}" for k in ("scan", "evaluate", "assemble")))
EOF
)
    FFIND=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['findings'])" "$OUT/summary.json" 2>/dev/null || echo "-")

    BW=- BC=- BR=- BO=- SW=- SC=- SR=- SO=- BPH=- BFIND=-
    if [ "$BASELINE" != 0 ]; then
        read -r BW BC BR BO <<<"$(stats "baseline-$N")" || true
        read -r SW SC SR SO <<<"$(stats "baseline-sql-$N")" || true
        BPH=$(sed -n 's/^timings_seconds: //p' "$LOGS/baseline-$N.1" | tr -d ' ' | tr ',' ' ')
        BFIND=$(awk -F'\t' '$1 == "total" { print $2 }' "$LOGS/baseline-$N.1")
        if [ "$ETREE" = 1 ]; then
            measure "baseline-etree-$N" "$LOGS/baseline-etree-$N" \
                "$VENV/bin/python" bench/baseline_duckdb.py "$DIR" --out "$BOUT-etree" --parser etree --as-of 2020-12-31
            read -r EW EC ER EO <<<"$(stats "baseline-etree-$N")" || true
            PHASES+=("| $N | baseline, stdlib xml.etree instead of lxml | $EW s wall, $EC s CPU, $ER MB | $(sed -n 's/^timings_seconds: //p' "$LOGS/baseline-etree-$N.1") |")
        fi
    fi
    ROWS+=("| $N | $HH | $MB | ${FW:-FAILED} | ${FC:--} | ${FR:--} | $FMBS | $BW | $BC | $BR | $SW | $SC | $SR | ${FO:--} / $BO / $SO |")
    PHASES+=("| $N | fivefold: scan / evaluate / assemble (summary.json of the last run) | $FPH | $FFIND findings |")
    [ "$BASELINE" != 0 ] && PHASES+=("| $N | baseline: $BPH | SQL-only run: ${SW} s | $BFIND findings |")
    [ "$BASELINE" != 0 ] && PHASES+=("| $N | fivefold ÷ baseline, wall, run against run (runs in turn) | $(paired "fivefold-$N" "baseline-$N") | |")
done

echo
echo "End-to-end benchmark: $(date -u +%Y-%m-%d), commit $COMMIT, $(nproc) cores," \
     "$(free -g | awk '/^Mem:/ { print $2 " GB" }'), $(swift --version 2>/dev/null | head -1 | sed 's/ (.*//'), median of $RUNS"
echo
echo "| households (generated) | system households | input MB | fivefold wall s | fivefold CPU s | fivefold peak RSS MB | fivefold MB/s | baseline wall s | baseline CPU s | baseline peak RSS MB | DuckDB-only wall s | DuckDB-only CPU s | DuckDB-only peak RSS MB | other processes' CPU s, worst run (fivefold / baseline / DuckDB-only) |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
printf '%s\n' "${ROWS[@]}"
echo
echo "| households | phases | seconds | |"
echo "|---:|---|---|---|"
printf '%s\n' "${PHASES[@]}"
echo
echo "(per-run figures and every command's output: $LOGS)"
