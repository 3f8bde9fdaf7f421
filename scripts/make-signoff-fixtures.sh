#!/usr/bin/env bash
# Regenerates fixtures/signoff/: worklists of a real run sent through LibreOffice the way field
# offices return them. SpreadsheetSignoffTests imports these files; they need no LibreOffice.
#
#   sent/<乡镇>.csv, sent/<乡镇>.xlsx   the worklists of a run on SignoffFixture.dataset()
#                                     (Tests/EndToEndTests/Support/SignoffFixture.swift)
#   returned/roundtrip-岩脚镇.csv      sent CSV filled in (Python), opened by LibreOffice and saved
#                                     as XLSX, that XLSX saved as CSV in GBK: LibreOffice turns
#                                     户编号 into a number rounded to 15 significant digits
#   returned/roundtrip-岩脚镇.xlsx     the XLSX of that round trip (户编号 number cells, rounded)
#   returned/roundtrip-郎岱镇.csv      the same, saved as `;`-delimited UTF-8 CSV
#   returned/filled-郎岱镇.xlsx        sent XLSX filled in LibreOffice (UNO), with a sheet and a
#                                     column added, saved by LibreOffice as XLSX
#   returned/split-郎岱镇.xlsx         sent XLSX filled in and split into one sheet per village (UNO)
#   returned/merged-郎岱镇.xlsx        sent XLSX with 核实人, 核实日期 and one 属实 typed once and
#                                     merged down over several rows (合并单元格, UNO)
#   libreoffice/<乡镇>.csv             sent XLSX converted by LibreOffice to CSV (UTF-8): the id
#                                     columns must come back exact
#
# The finding ids in these files are those of the fixture dataset. When ids change (a new rule,
# a changed id recipe), SpreadsheetSignoffTests fails naming the drift: run this script again
# and commit fixtures/signoff/.
#
# Needs soffice (installs libreoffice-calc-nogui and python3-uno with apt-get when missing) and
# LibreOffice's Python (/usr/bin/python3 with the uno module).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/fixtures/signoff

if ! command -v soffice >/dev/null || ! /usr/bin/python3 -c 'import uno' 2>/dev/null; then
    apt-get update && apt-get install -y --no-install-recommends libreoffice-calc-nogui python3-uno
fi

swift build --build-tests
rm -rf "$out/sent" "$out/returned" "$out/libreoffice"
mkdir -p "$out/sent" "$out/returned" "$out/libreoffice"
FIVEFOLD_SIGNOFF_FIXTURES="$out/sent" swift test --skip-build --disable-swift-testing --filter SignoffFixtureWriter

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
profile="-env:UserInstallation=file://$tmp/profile"
csv_in='CSV:44,34,76,1'                       # comma, double quote, UTF-8, from line 1
gbk_out='csv:Text - txt - csv (StarCalc):44,34,85'      # comma, double quote, GBK
semicolon_out='csv:Text - txt - csv (StarCalc):59,34,76'  # semicolon, double quote, UTF-8
utf8_out='csv:Text - txt - csv (StarCalc):44,34,76'

# (a), (c): CSV filled in, opened and saved as XLSX, saved back as CSV.
for town in 岩脚镇 郎岱镇; do
    python3 scripts/signoff-fixtures/fill.py "$out/sent/$town.csv" "$tmp/$town.csv"
    soffice --headless "$profile" --infilter="$csv_in" --convert-to xlsx --outdir "$tmp/xlsx" "$tmp/$town.csv"
done
soffice --headless "$profile" --convert-to "$gbk_out" --outdir "$tmp/gbk" "$tmp/xlsx/岩脚镇.xlsx"
cp "$tmp/gbk/岩脚镇.csv" "$out/returned/roundtrip-岩脚镇.csv"
cp "$tmp/xlsx/岩脚镇.xlsx" "$out/returned/roundtrip-岩脚镇.xlsx"
soffice --headless "$profile" --convert-to "$semicolon_out" --outdir "$tmp/semicolon" "$tmp/xlsx/郎岱镇.xlsx"
cp "$tmp/semicolon/郎岱镇.csv" "$out/returned/roundtrip-郎岱镇.csv"

# (b), (d): our XLSX filled in and saved by LibreOffice; our XLSX read back by LibreOffice.
if ls "$out/sent/"*.xlsx >/dev/null 2>&1; then
    /usr/bin/python3 scripts/signoff-fixtures/fill_xlsx_uno.py "$out/sent/郎岱镇.xlsx" "$out/returned/filled-郎岱镇.xlsx"
    /usr/bin/python3 scripts/signoff-fixtures/split_merge_uno.py "$out/sent/郎岱镇.xlsx" \
        "$out/returned/split-郎岱镇.xlsx" "$out/returned/merged-郎岱镇.xlsx"
    for town in 岩脚镇 郎岱镇; do
        soffice --headless "$profile" --convert-to "$utf8_out" --outdir "$out/libreoffice" "$out/sent/$town.xlsx"
    done
fi
ls -l "$out"/*/
