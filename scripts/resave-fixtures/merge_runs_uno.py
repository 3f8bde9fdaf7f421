"""The legacy wall-card workbook as a clerk tidies it in a spreadsheet: every run of rows with
the same 帮扶责任人, and every run with the same 责任人电话, typed once and merged down
(合并单元格), saved as .xlsx by LibreOffice (through UNO). The cells below each range's top are
empty in the file; a person reads the top's value in each row. One merged cell is mistyped: 王丽娟's
phone 13908580102 as 13908580120, wrong on the cards of all four households it covers.

Usage (LibreOffice's own Python): /usr/bin/python3 merge_runs_uno.py IN.xlsx OUT.xlsx SHEET HEADER_ROW
"""
import os
import sys

import uno

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "signoff-fixtures"))
from fill_xlsx_uno import connect, prop  # noqa: E402

COLUMNS = ["帮扶责任人", "责任人电话"]
TYPOS = {"13908580102": "13908580120"}


def merge_runs(sheet, header_row):
    h = header_row - 1  # 0-based
    header = {}
    c = 0
    while sheet.getCellByPosition(c, h).String:
        header[sheet.getCellByPosition(c, h).String] = c
        c += 1
    last = h
    while sheet.getCellByPosition(0, last + 1).String:
        last += 1
    for name in COLUMNS:
        col = header[name]
        start = h + 1
        while start <= last:
            text = sheet.getCellByPosition(col, start).String
            end = start
            while end + 1 <= last and text and sheet.getCellByPosition(col, end + 1).String == text:
                end += 1
            if end > start:
                for row in range(start + 1, end + 1):
                    sheet.getCellByPosition(col, row).String = ""
                sheet.getCellRangeByPosition(col, start, col, end).merge(True)
                if text in TYPOS:
                    sheet.getCellByPosition(col, start).String = TYPOS[text]
            start = end + 1


def main(source, target, sheet_name, header_row):
    office, desktop = connect()
    try:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0, (prop("Hidden", True),))
        merge_runs(doc.Sheets.getByName(sheet_name), int(header_row))
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
