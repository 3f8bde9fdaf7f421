#!/usr/bin/env bash
# Regenerates the LibreOffice-made workbooks in fixtures/tables (issue 13's XLSX table input) from
# the CSV files committed beside them:
#   wall-cards.csv -> wall-cards.xlsx  (a title row above the header; every column Text except
#                                       家庭人口数, so the 16-digit 户编号 stay text)
#   deaths.csv     -> deaths.xlsx      (身份证号 Standard: LibreOffice makes numbers of them, exact
#                                       for the 15-digit old form, rounded for the 18-digit one;
#                                       死亡日期 imported as YMD dates, so they are date cells)
# The tests read the committed .xlsx files, so they pass on machines without LibreOffice.
# Installs libreoffice-calc-nogui with apt-get when soffice is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=fixtures/tables

if ! command -v soffice >/dev/null; then
  echo "installing: libreoffice-calc-nogui" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libreoffice-calc-nogui >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A private profile, so that another soffice on the machine does not take the job over.
lo() { soffice -env:UserInstallation="file://$work/profile" --headless "$@" >/dev/null 2>&1; }

# CSV filter options: separator 44 (,), quote 34 ("), charset 76 (UTF-8), start at line 1, then
# column/type pairs: 1 = Standard (numbers are parsed), 2 = Text, 5 = YY/MM/DD date.
lo --infilter="CSV:44,34,76,1,1/2/2/2/3/1/4/2/5/2" --convert-to xlsx --outdir "$work" "$dir/wall-cards.csv"
lo --infilter="CSV:44,34,76,1,1/1/2/2/3/5" --convert-to xlsx --outdir "$work" "$dir/deaths.csv"

for f in wall-cards.xlsx deaths.xlsx; do
  [ -s "$work/$f" ] || { echo "soffice did not produce $f" >&2; exit 1; }
  cp "$work/$f" "$dir/$f"
done
echo "wrote $dir: wall-cards.xlsx deaths.xlsx ($(soffice --version | head -n 1))"
