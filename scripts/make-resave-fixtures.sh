#!/usr/bin/env bash
# Regenerates fixtures/resaved/: tables of the shipped sample (fixtures/sample) opened in
# LibreOffice and saved again, the way a data clerk "tidies" an export before sending it on.
# LibreOffice types the ID columns as numbers, which keep 15 significant digits: an 18-digit
# 身份证号 comes back as 5.20203196608121E+017, a 16-digit 户编号 rounded (5202031002010001 →
# 5202031002010000). SpreadsheetResaveTests reads these files; they need no LibreOffice.
#
#   system/households.csv    UTF-8 CSV → XLSX → UTF-8 CSV (户编号 rounded, 户主身份证号 in E notation)
#   system/members.csv       the same (身份证号 in E notation, 户编号 rounded)
#   wall/cards.csv           GBK CSV → XLSX → GBK CSV (户编号 rounded; no ID number column)
#   direct/households.csv    system/households.csv opened and saved as CSV, no XLSX between (as
#                            a clerk re-saves an export): the 16-digit 户编号 kept exact, 户主身份证号
#                            in E notation but for the four ending in X
#   unicode/households.csv   system/households.csv with its ID columns typed as text, saved as
#                            "Unicode text": UTF-16LE with a byte-order mark, tab-separated
#   xlsx/households.xlsx     the XLSX of the first round trip: 户编号 and 户主身份证号 number cells
#   misread/1252/households.csv  system/households.csv (UTF-8) opened as Windows-1252, the ID
#                            columns typed as text, saved as UTF-8: 户编号 → ï»¿æˆ·ç¼–å·
#   misread/gbk/households.csv   the same opened as GBK and saved as GBK: 户编号 → 锘挎埛缂栧彿 (a
#                            name of an odd byte count swallows the comma after it)
#   misread/lost/cards.csv   wall/cards.csv (GBK) opened as UTF-8 and saved as UTF-8: every Chinese
#                            character became U+FFFD (户编号 → ���), the text is lost
#   vlookup/households.csv   system/households.csv with 帮扶责任人 filled by VLOOKUP from a roster
#                            lacking two households (UNO, scripts/resave-fixtures/vlookup_uno.py),
#                            saved as UTF-8 CSV: their cells are the text #N/A
#   merged/明白卡.xlsx        fixtures/legacy's wall-card workbook with every run of equal 帮扶责任人
#                            and 责任人电话 typed once and merged down, one merged phone mistyped
#                            (UNO, scripts/resave-fixtures/merge_runs_uno.py)
#   merged/members.csv       system/members.csv with each family's 户编号 merged over its rows,
#                            saved as UTF-8 CSV: the 户编号 only in a family's first row
#                            (UNO, scripts/resave-fixtures/merge_keys_uno.py)
#   sheets/明白卡.xlsx        fixtures/legacy's wall-card workbook split into one sheet per township
#                            (UNO, scripts/resave-fixtures/split_sheets_uno.py)
#
# Needs soffice (installs libreoffice-calc-nogui with apt-get when missing) and LibreOffice's
# Python (/usr/bin/python3 with the uno module) for vlookup/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/fixtures/resaved

if ! command -v soffice >/dev/null; then
    apt-get update && apt-get install -y --no-install-recommends libreoffice-calc-nogui
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
profile="-env:UserInstallation=file://$tmp/profile"
utf8_in='CSV:44,34,76,1'                                  # comma, double quote, UTF-8, from line 1
gbk_in='CSV:44,34,85,1'                                   # the same in GBK
utf8_out='csv:Text - txt - csv (StarCalc):44,34,76'
utf16_out='csv:Text - txt - csv (StarCalc):9,34,65535'     # tab, double quote, UTF-16
gbk_out='csv:Text - txt - csv (StarCalc):44,34,85'

rm -rf "$out"
mkdir -p "$out/direct" "$out/system" "$out/wall" "$out/unicode" "$out/xlsx" "$out/misread/1252" "$out/misread/gbk" "$out/misread/lost" "$out/vlookup" "$out/merged" "$out/sheets"
resave() { # source-file infilter outfilter destination-folder
    local name
    name=$(basename "$1" .csv)
    mkdir -p "$tmp/$name"
    soffice --headless "$profile" --infilter="$2" --convert-to xlsx --outdir "$tmp/$name" "$1" >/dev/null
    soffice --headless "$profile" --convert-to "$3" --outdir "$4" "$tmp/$name/$name.xlsx" >/dev/null
}
resave fixtures/sample/system/households.csv "$utf8_in" "$utf8_out" "$out/system"
cp "$tmp/households/households.xlsx" "$out/xlsx/households.xlsx"
resave fixtures/sample/system/members.csv "$utf8_in" "$utf8_out" "$out/system"
soffice --headless "$profile" --infilter="$utf8_in" --convert-to "$utf8_out" --outdir "$out/direct" fixtures/sample/system/households.csv >/dev/null
resave fixtures/sample/wall/cards.csv "$gbk_in" "$gbk_out" "$out/wall"
mkdir -p "$tmp/text"
cp fixtures/sample/system/households.csv "$tmp/text/households.csv"
resave "$tmp/text/households.csv" "$utf8_in,1/2/7/2" "$utf16_out" "$out/unicode"
mkdir -p "$tmp/misread1252" "$tmp/misreadgbk"
cp fixtures/sample/system/households.csv "$tmp/misread1252/households.csv"
cp fixtures/sample/system/households.csv "$tmp/misreadgbk/households.csv"
resave "$tmp/misread1252/households.csv" 'CSV:44,34,1,1,1/2/7/2' "$utf8_out" "$out/misread/1252"   # 1: Windows-1252
resave "$tmp/misreadgbk/households.csv" 'CSV:44,34,85,1,1/2/7/2' "$gbk_out" "$out/misread/gbk"
resave fixtures/sample/wall/cards.csv "$utf8_in" "$utf8_out" "$out/misread/lost"                    # GBK read as UTF-8
/usr/bin/python3 scripts/resave-fixtures/vlookup_uno.py fixtures/sample/system/households.csv "$out/vlookup/households.csv"
/usr/bin/python3 scripts/resave-fixtures/merge_runs_uno.py fixtures/legacy/明白卡/明白卡.xlsx "$out/merged/明白卡.xlsx" 明白卡 2
/usr/bin/python3 scripts/resave-fixtures/merge_keys_uno.py fixtures/sample/system/members.csv "$out/merged/members.csv"
/usr/bin/python3 scripts/resave-fixtures/split_sheets_uno.py fixtures/legacy/明白卡/明白卡.xlsx "$out/sheets/明白卡.xlsx" 明白卡 2
ls -l "$out"/*/
