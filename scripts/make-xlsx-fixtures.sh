#!/usr/bin/env bash
# Regenerates the LibreOffice-made workbooks in fixtures/xlsx from their committed sources:
#   households.csv  -> households.xlsx  (CSV import with per-column types: some ID columns
#                                        Standard, so LibreOffice turns them into rounded numbers,
#                                        the same IDs again as Text columns)
#   two-sheets.fods -> two-sheets.xlsx  (flat ODS: a Chinese-named sheet first, then dates,
#                                        times, formulas, an error value)
#   birth-months.fods -> birth-months.xlsx (出生年月 as date cells styled yyyy-mm and
#                                        yyyy年m月, one of them over a day other than the 1st)
#   XLSXWriter      -> worklist.xlsx    (written by the test XLSXWriterLibreOfficeTests with
#                                        FIVEFOLD_XLSX_FIXTURES=write), which LibreOffice turns into
#                      worklist.csv     (its first sheet as UTF-8 CSV) and
#                      worklist-libreoffice.xlsx (opened and saved again by LibreOffice)
# The tests read the committed .xlsx files, so they pass on machines without LibreOffice.
# Installs libreoffice-calc-nogui with apt-get when soffice is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=fixtures/xlsx

if ! command -v soffice >/dev/null; then
  echo "installing: libreoffice-calc-nogui" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libreoffice-calc-nogui >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A private profile: a second soffice on the machine (or a desktop one) would otherwise make this
# one hand the job over and exit without converting anything.
lo() { soffice -env:UserInstallation="file://$work/profile" --headless "$@" >/dev/null 2>&1; }

# CSV filter options: separator 44 (,), quote 34 ("), charset 76 (UTF-8), start at line 1, then
# column/type pairs: 1 = Standard (numbers are parsed), 2 = Text, 5 = YY/MM/DD date.
#   A 户编号 Standard    B 户编号文本 Text      C 身份证号 Standard   D 身份证号文本 Text
#   E 户主姓名 Text      F 出生日期 YMD date    G 出生日期文本 Text   H 家庭人口 Standard
#   I 人均纯收入 Standard J 行政区划代码 Standard K 备注 Text
lo --infilter="CSV:44,34,76,1,1/1/2/2/3/1/4/2/5/2/6/5/7/2/8/1/9/1/10/1/11/2" \
  --convert-to xlsx --outdir "$work" "$dir/households.csv"
lo --convert-to xlsx --outdir "$work" "$dir/two-sheets.fods"
lo --convert-to xlsx --outdir "$work" "$dir/birth-months.fods"

for f in households.xlsx two-sheets.xlsx birth-months.xlsx; do
  [ -s "$work/$f" ] || { echo "soffice did not produce $f" >&2; exit 1; }
  cp "$work/$f" "$dir/$f"
done

# The writer's workbook: the test writes fixtures/xlsx/worklist.xlsx when asked to.
swift build --build-tests >/dev/null
FIVEFOLD_XLSX_FIXTURES=write swift test --skip-build --disable-swift-testing \
  --filter XLSXWriterLibreOfficeTests/testXLSXWriter_StillWritesTheCommittedWorkbook >/dev/null
lo --convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1" --outdir "$work" "$dir/worklist.xlsx"
mkdir -p "$work/resaved"
lo --convert-to "xlsx:Calc MS Excel 2007 XML" --outdir "$work/resaved" "$dir/worklist.xlsx"
[ -s "$work/worklist.csv" ] && [ -s "$work/resaved/worklist.xlsx" ] || { echo "soffice did not convert worklist.xlsx" >&2; exit 1; }
cp "$work/worklist.csv" "$dir/worklist.csv"
cp "$work/resaved/worklist.xlsx" "$dir/worklist-libreoffice.xlsx"

echo "wrote $dir: households.xlsx two-sheets.xlsx birth-months.xlsx worklist.xlsx worklist.csv worklist-libreoffice.xlsx ($(soffice --version | head -n 1))"
