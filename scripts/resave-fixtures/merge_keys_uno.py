"""The sample's system members as a report-style sheet: each family's 户编号 typed once and
merged down over its member rows (合并单元格), then saved as CSV by LibreOffice (through UNO).
LibreOffice, like Excel, writes a merged range's value in its first row only: the other member
rows of a family have an empty 户编号. The ID columns are imported as text.

Usage (LibreOffice's own Python): /usr/bin/python3 merge_keys_uno.py MEMBERS.csv OUT.csv
"""
import csv
import os
import sys

import uno

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "signoff-fixtures"))
from fill_xlsx_uno import connect, prop  # noqa: E402


def main(source, target):
    with open(source, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    key = header.index("户编号")
    text_columns = [header.index(c) + 1 for c in ("户编号", "身份证号")]
    options = "44,34,76,1," + "/".join("%d/2" % c for c in text_columns)
    office, desktop = connect()
    try:
        url = uno.systemPathToFileUrl(os.path.abspath(source))
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (
            prop("Hidden", True), prop("FilterName", "Text - txt - csv (StarCalc)"), prop("FilterOptions", options)))
        sheet = doc.Sheets.getByIndex(0)
        start = 1
        while start < len(rows):
            end = start
            while end + 1 < len(rows) and rows[end + 1][key] == rows[start][key]:
                end += 1
            if end > start:
                for row in range(start + 1, end + 1):
                    sheet.getCellByPosition(key, row).String = ""
                sheet.getCellRangeByPosition(key, start, key, end).merge(True)
            start = end + 1
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
