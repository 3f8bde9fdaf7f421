"""Two more ways field offices return the .xlsx worklist, made in LibreOffice through UNO:

  split  the items split into one sheet per village (the first sheet keeps its village's rows,
         a sheet named after each other village holds theirs), every row filled in;
  merged one 核实人 and one 核实日期 typed in the first item row and merged down over every item
         row (合并单元格), and one 属实 typed and merged over the rows of a village whose items
         share it: the other cells of each range are empty in the file.

Usage (LibreOffice's own Python): /usr/bin/python3 split_merge_uno.py SENT.xlsx SPLIT.xlsx MERGED.xlsx
"""
import os
import sys

import uno

sys.path.insert(0, os.path.dirname(__file__))
from fill import DATES, SIGNERS, result_for  # noqa: E402
from fill_xlsx_uno import connect, prop  # noqa: E402


def item_sheet(doc):
    sheet = doc.Sheets.getByIndex(0)
    header = []
    while sheet.getCellByPosition(len(header), 0).String:
        header.append(sheet.getCellByPosition(len(header), 0).String)
    rows = 0
    while sheet.getCellByPosition(0, rows + 1).String:
        rows += 1
    return sheet, {name: i for i, name in enumerate(header)}, rows


def split(doc):
    sheets = doc.Sheets
    sheet, col, rows = item_sheet(doc)
    for row in range(1, rows + 1):
        sheet.getCellByPosition(col["核实结果"], row).String = result_for(sheet.getCellByPosition(col["字段"], row).String)
        sheet.getCellByPosition(col["核实人"], row).String = SIGNERS[(row - 1) % len(SIGNERS)]
        sheet.getCellByPosition(col["核实日期"], row).String = DATES[(row - 1) % len(DATES)]
    villages = []
    for row in range(1, rows + 1):
        village = sheet.getCellByPosition(col["村"], row).String
        if village not in villages:
            villages.append(village)
    # One copy of the filled sheet per further village, each keeping only that village's rows.
    for n, village in enumerate(villages[1:], start=1):
        sheets.copyByName(sheet.Name, village, n)
    for n, village in enumerate(villages):
        target = sheets.getByIndex(n)
        for row in range(rows, 0, -1):
            if target.getCellByPosition(col["村"], row).String != village:
                target.Rows.removeByIndex(row, 1)


def merged(doc):
    sheet, col, rows = item_sheet(doc)
    sheet.getCellByPosition(col["核实人"], 1).String = SIGNERS[0]
    sheet.getCellByPosition(col["核实日期"], 1).String = DATES[1]
    for name in ["核实人", "核实日期"]:
        sheet.getCellRangeByPosition(col[name], 1, col[name], rows).merge(True)
    # 核实结果: typed per row, except one 属实 merged over the rows of the last village, which
    # holds two items that are both real.
    village = sheet.getCellByPosition(col["村"], rows).String
    first = rows
    while first > 1 and sheet.getCellByPosition(col["村"], first - 1).String == village:
        first -= 1
    for row in range(1, first):
        sheet.getCellByPosition(col["核实结果"], row).String = "属实"
    sheet.getCellByPosition(col["核实结果"], first).String = "属实"
    if rows > first:
        sheet.getCellRangeByPosition(col["核实结果"], first, col["核实结果"], rows).merge(True)


def main(source, split_target, merged_target):
    office, desktop = connect()
    try:
        for change, target in ((split, split_target), (merged, merged_target)):
            url = uno.systemPathToFileUrl(os.path.abspath(source))
            doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
            change(doc)
            out = uno.systemPathToFileUrl(os.path.abspath(target))
            doc.storeToURL(out, (prop("FilterName", "Calc MS Excel 2007 XML"),))
            doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        office.wait(timeout=60)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
