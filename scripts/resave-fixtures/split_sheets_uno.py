"""The legacy wall-card workbook as township offices send it and a county clerk compiles it:
one sheet per township (郎岱镇 first, then 岩脚镇), each with the title row and header of the
original sheet and only its township's cards (by the 户编号's township digits), saved as .xlsx by
LibreOffice (through UNO). Other sheets are removed.

Usage (LibreOffice's own Python): /usr/bin/python3 split_sheets_uno.py IN.xlsx OUT.xlsx SHEET HEADER_ROW
"""
import os
import sys

import uno

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "signoff-fixtures"))
from fill_xlsx_uno import connect, prop  # noqa: E402

TOWNSHIPS = [("郎岱镇", "520203100"), ("岩脚镇", "520203101")]


def main(source, target, sheet_name, header_row):
    header_row = int(header_row)
    office, desktop = connect()
    try:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0, (prop("Hidden", True),))
        sheets = doc.Sheets
        for name in [n for n in sheets.ElementNames if n != sheet_name]:
            sheets.removeByName(name)
        for n, (township, _) in enumerate(TOWNSHIPS[1:], start=1):
            sheets.copyByName(sheet_name, township, n)
        sheets.getByName(sheet_name).Name = TOWNSHIPS[0][0]
        for township, prefix in TOWNSHIPS:
            sheet = sheets.getByName(township)
            last = header_row
            while sheet.getCellByPosition(0, last).String:
                last += 1
            for row in range(last - 1, header_row - 1, -1):
                if not sheet.getCellByPosition(0, row).String.startswith(prefix):
                    sheet.Rows.removeByIndex(row, 1)
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        office.wait(timeout=60)


if __name__ == "__main__":
    main(*sys.argv[1:5])
