"""Fills a sent worklist .xlsx in LibreOffice through UNO and saves it as .xlsx, the way a field
office returns it: the item sheet moved behind a new sheet, an extra column inserted in front,
核实日期 typed as real dates (one as a bare serial number).

Usage (LibreOffice's own Python): /usr/bin/python3 fill_xlsx_uno.py SENT.xlsx RETURNED.xlsx
"""
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue

sys.path.insert(0, os.path.dirname(__file__))
from fill import DATES, SIGNERS, result_for  # noqa: E402

PIPE = "fivefold_fixtures_%d" % os.getpid()


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect():
    profile = "file:///tmp/fivefold-lo-profile-%d" % os.getpid()
    office = subprocess.Popen([
        "soffice", "--headless", "--invisible", "--nologo", "--norestore",
        "-env:UserInstallation=" + profile, "--accept=pipe,name=%s;urp;" % PIPE,
    ])
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % PIPE)
            return office, ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:
            time.sleep(0.5)
    raise SystemExit("LibreOffice did not start")


def serial(date_text):
    y, m, d = [int(x) for x in date_text.replace("年", "-").replace("月", "-").replace("日", "").replace("/", "-").replace(".", "-").split("-")]
    import datetime
    return (datetime.date(y, m, d) - datetime.date(1899, 12, 30)).days


def fill(doc):
    sheets = doc.Sheets
    sheet = next(sheets.getByIndex(i) for i in range(sheets.Count)
                 if sheets.getByIndex(i).getCellByPosition(0, 0).String == "问题编号")
    header = []
    while sheet.getCellByPosition(len(header), 0).String:
        header.append(sheet.getCellByPosition(len(header), 0).String)
    col = {name: i for i, name in enumerate(header)}
    formats = doc.NumberFormats
    locale = uno.createUnoStruct("com.sun.star.lang.Locale")
    date_format = formats.queryKey("YYYY-MM-DD", locale, False)
    if date_format == -1:
        date_format = formats.addNew("YYYY-MM-DD", locale)
    row = 1
    while sheet.getCellByPosition(0, row).String:
        n = row - 1
        field = sheet.getCellByPosition(col["字段"], row).String
        sheet.getCellByPosition(col["核实结果"], row).String = result_for(field)
        sheet.getCellByPosition(col["核实人"], row).String = SIGNERS[n % len(SIGNERS)]
        date_cell = sheet.getCellByPosition(col["核实日期"], row)
        date_cell.Value = serial(DATES[n % len(DATES)])
        if n % 2 == 0:
            date_cell.NumberFormat = date_format  # a date cell; odd rows stay bare serial numbers
        row += 1
    # An extra column in front, and a new first sheet: the import finds both by name.
    sheet.Columns.insertByIndex(0, 1)
    sheet.getCellByPosition(0, 0).String = "备注"
    sheets.insertNewByName("填写说明", 0)
    sheets.getByName("填写说明").getCellByPosition(0, 0).String = "已入户核实"


def main(source, target):
    office, desktop = connect()
    try:
        url = uno.systemPathToFileUrl(os.path.abspath(source))
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        fill(doc)
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
    main(sys.argv[1], sys.argv[2])
