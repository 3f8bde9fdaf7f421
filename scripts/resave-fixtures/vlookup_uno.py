"""The sample's system households with 帮扶责任人 filled again by VLOOKUP from a roster, as a
clerk tidies an export in a spreadsheet, saved as CSV by LibreOffice (through UNO).

The roster (a second sheet, 户编号 → 帮扶责任人) is every household's cadre except two: the
household without one (5202031012020002) and one whose cadre is missing from the roster
(5202031002010003). Their cells become #N/A, which LibreOffice (like Excel and WPS) saves as
the text "#N/A". The ID columns are imported as text, so nothing else is rounded.

Usage (LibreOffice's own Python): /usr/bin/python3 vlookup_uno.py HOUSEHOLDS.csv OUT.csv
"""
import csv
import os
import sys

import uno

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "signoff-fixtures"))
from fill_xlsx_uno import connect, prop  # noqa: E402

NOT_ON_ROSTER = {"5202031012020002", "5202031002010003"}


def main(source, target):
    with open(source, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    key, cadre = header.index("户编号"), header.index("帮扶责任人")
    roster = [(r[key], r[cadre]) for r in rows[1:] if r[key] not in NOT_ON_ROSTER]
    text_columns = [header.index(c) + 1 for c in ("户编号", "行政区划代码", "户主身份证号", "责任人电话")]
    options = "44,34,76,1," + "/".join("%d/2" % c for c in text_columns)
    office, desktop = connect()
    try:
        url = uno.systemPathToFileUrl(os.path.abspath(source))
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (
            prop("Hidden", True), prop("FilterName", "Text - txt - csv (StarCalc)"), prop("FilterOptions", options)))
        sheets = doc.Sheets
        sheets.insertNewByName("帮扶名册", 1)
        names = sheets.getByName("帮扶名册")
        for i, (household, name) in enumerate(roster):
            names.getCellByPosition(0, i).String = household
            names.getCellByPosition(1, i).String = name
        sheet = sheets.getByIndex(0)
        for row in range(1, len(rows)):
            sheet.getCellByPosition(cadre, row).Formula = "=VLOOKUP(A%d;$帮扶名册.$A$1:$B$%d;2;0)" % (row + 1, len(roster))
        doc.calculateAll()
        out = uno.systemPathToFileUrl(os.path.abspath(target))
        doc.storeToURL(out, (prop("FilterName", "Text - txt - csv (StarCalc)"), prop("FilterOptions", "44,34,76")))
        doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        office.wait(timeout=60)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
