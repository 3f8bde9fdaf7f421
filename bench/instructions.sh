#!/usr/bin/env bash
# Instructions executed by one `fivefold run`, counted by valgrind's callgrind: a CPU figure that
# does not drift with the machine (wall and CPU seconds on this shared 2-core machine move by
# ±25 % between runs of the same binary; instruction counts move by well under 1 %).
#
# Usage: bench/instructions.sh BINARY [BINARY …]
#   Runs each release binary on a generated 10 k-household dataset (made once with the first
#   binary's `generate`, seed 7, kept under $DATA) and prints, per binary, the instructions of the
#   whole run and the same without the ICU transliteration. Give release builds made as the scripts
#   make them (`-Xswiftc -enforce-exclusivity=unchecked`): a plain `swift build -c release` keeps
#   the run-time exclusivity checks, ~14 % more instructions (19.61 against 17.27 G at e6c13f3),
#   and a comparison with it measures the flag, not the change; such a binary is flagged below (the pinyin cache fills itself from
#   ICU on first sight of each character; before commit 86fd12a, when both threads missed the same
#   character at once both computed it, so that share varied from run to run by up to ~0.7 G:
#   compare builds from before it without ICU).
# Environment: DATA (default /work/bench-data/instructions).
# Needs valgrind (apt-get install valgrind). Valgrind 3.19 cannot read Swift 6's DWARF 5, so each
# binary is copied with its debug information stripped first. Each run takes 5–7 minutes.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 BINARY [BINARY …]" >&2; exit 64; }
command -v valgrind >/dev/null || { apt-get install -y valgrind >/dev/null; }
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${DATA:-/work/bench-data/instructions}
mkdir -p "$DATA"
if [ ! -d "$DATA/n10000-s7" ]; then
    "$1" generate --households 10000 --seed 7 --out "$DATA/n10000-s7" --as-of 2020-12-31 >/dev/null
fi
for bin in "$@"; do
    name=$(basename "$bin")
    strip --strip-debug -o "$DATA/$name.stripped" "$bin"
    rm -rf "$DATA/out-$name"
    (cd "$ROOT" && valgrind --tool=callgrind --callgrind-out-file="$DATA/$name.callgrind" \
        "$DATA/$name.stripped" run pipelines/five-unities.yaml --input "$DATA/n10000-s7" \
        --out "$DATA/out-$name" --as-of 2020-12-31 -q --no-ledger) >"$DATA/$name.log" 2>&1
    callgrind_annotate "$DATA/$name.callgrind" 2>/dev/null | python3 -c '
import re, sys
total = icu = access = 0
for line in sys.stdin:
    m = re.match(r"\s*([\d,]+) \(", line)
    if not m: continue
    v = int(m.group(1).replace(",", ""))
    if "PROGRAM TOTALS" in line: total = v
    elif "FoundationICU" in line: icu += v
    elif "swift_beginAccess" in line or "swift_endAccess" in line: access += v
note = ""
if total and access > total / 100:
    note = f" (WARNING: {100 * access / total:.1f} % in run-time exclusivity checks: built without -enforce-exclusivity=unchecked?)"
print(f"{sys.argv[1]}: {total / 1e9:.2f} G instructions, {(total - icu) / 1e9:.2f} G without ICU{note}")
' "$name"
done
