#!/usr/bin/env bash
# Ingest throughput benchmark (see BENCHMARKS.md, section "Ingest").
#
# Generates >= $MB MB (default 200) of household CSV and archive XML, in UTF-8 and GBK, into
# bench-data/ (kept between runs), builds fivefold in release mode, and times, 3 runs each,
# median reported, peak RSS from /usr/bin/time -v:
#   fivefold inspect --count-only   (parse, validate every row's encoding, count; no output)
#   fivefold inspect > /dev/null    (every field decoded to a String and printed as JSON)
#   Python csv.reader / xml.etree.ElementTree.iterparse on the same files
#   zcat | wc -l on the gzipped CSV (a floor for anything that inflates)
# Usage: bench/ingest.sh            (from the package root)
#        MB=50 bench/ingest.sh      (smaller files, quicker)
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${MB:-200}
DATA=bench-data
RUNS=${RUNS:-3}

scripts/install-deps.sh
swift build -c release -Xswiftc -enforce-exclusivity=unchecked --product fivefold >/dev/null
BIN=$(swift build -c release --show-bin-path)/fivefold

if [ ! -s "$DATA/archive-gbk.xml" ] || [ "$(stat -c %s "$DATA/households-utf8.csv")" -lt $((MB * 1000000)) ]; then
    python3 bench/gen_ingest_data.py --out "$DATA" --mb "$MB"
fi
[ -s "$DATA/households-utf8.csv.gz" ] && [ "$DATA/households-utf8.csv.gz" -nt "$DATA/households-utf8.csv" ] \
    || gzip -kf "$DATA/households-utf8.csv"
[ "$DATA/households-utf8.dat" -nt "$DATA/households-utf8.csv.gz" ] \
    || cp "$DATA/households-utf8.csv.gz" "$DATA/households-utf8.dat"  # gzip without .gz

# time_case LABEL BYTES COMMAND...: prints one Markdown table row.
time_case() {
    local label=$1 bytes=$2
    shift 2
    local times=() rss=0 out
    for _ in $(seq "$RUNS"); do
        out=$( /usr/bin/time -v "$@" 2>&1 >/dev/null | grep -E "Elapsed \(wall|Maximum resident" )
        local wall kb
        wall=$(echo "$out" | sed -n 's/.*(h:mm:ss or m:ss): //p' | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
        kb=$(echo "$out" | sed -n 's/.*Maximum resident set size (kbytes): //p')
        times+=("$wall")
        [ "$kb" -gt "$rss" ] && rss=$kb
    done
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    awk -v l="$label" -v b="$bytes" -v t="$median" -v r="$rss" \
        'BEGIN { printf "| %s | %.0f | %.2f | %.0f | %.0f |\n", l, b / 1e6, t, (t > 0 ? b / 1e6 / t : 0), r / 1024 }'
}

size() { stat -c %s "$1"; }
CSV8=$DATA/households-utf8.csv CSVG=$DATA/households-gbk.csv XML8=$DATA/archive-utf8.xml XMLG=$DATA/archive-gbk.xml
XP=(--record-path 档案/户 --member-path 成员列表/成员)

echo "Ingest benchmark: $(date -u +%Y-%m-%d), $(nproc) cores, $(swift --version 2>/dev/null | head -1), median of $RUNS"
echo
echo "| case | MB | s | MB/s | peak RSS MB |"
echo "|---|---:|---:|---:|---:|"
time_case "fivefold CSV UTF-8, count-only" "$(size $CSV8)" "$BIN" inspect "$CSV8" --count-only
time_case "fivefold CSV GBK, count-only" "$(size $CSVG)" "$BIN" inspect "$CSVG" --count-only
time_case "fivefold CSV UTF-8 gzipped (.dat, no suffix), count-only" "$(size $CSV8)" "$BIN" inspect "$DATA/households-utf8.dat" --count-only
time_case "fivefold CSV UTF-8, all fields as JSON to /dev/null" "$(size $CSV8)" "$BIN" inspect "$CSV8"
time_case "fivefold CSV GBK, all fields as JSON to /dev/null" "$(size $CSVG)" "$BIN" inspect "$CSVG"
time_case "Python csv.reader, UTF-8" "$(size $CSV8)" python3 bench/py_csv_count.py "$CSV8" utf-8-sig
time_case "Python csv.reader, GBK" "$(size $CSVG)" python3 bench/py_csv_count.py "$CSVG" gbk
time_case "zcat \| wc -l, gzipped UTF-8 CSV" "$(size $CSV8)" sh -c "zcat '$DATA/households-utf8.csv.gz' | wc -l"
time_case "fivefold XML UTF-8, count-only (records built)" "$(size $XML8)" "$BIN" inspect "$XML8" "${XP[@]}" --count-only
time_case "fivefold XML GBK, count-only (records built)" "$(size $XMLG)" "$BIN" inspect "$XMLG" "${XP[@]}" --count-only
time_case "Python ElementTree.iterparse, UTF-8 XML" "$(size $XML8)" python3 bench/py_xml_count.py "$XML8" 户
time_case "Python ElementTree pull parser, GBK XML (decoded by Python)" "$(size $XMLG)" python3 bench/py_xml_count.py "$XMLG" 户 gbk
