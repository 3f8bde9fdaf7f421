"""What a field team writes into a worklist: shared by the CSV filler and the UNO filler.

Every item gets a signer and a date; 核实结果 depends on the item's field (字段): a value the
field accepts, or 属实 / 不属实 for an item about no field.
"""
import csv
import sys

RESULTS = {
    "粮食产量": "1500公斤",
    "家庭人口数": "2",
    "帮扶责任人": "周海燕",
    "脱贫状态": "未脱贫",
}
SIGNERS = ["张三", "李四", "王五"]
# Date forms as people type them; a spreadsheet keeps some as text and turns others into dates.
DATES = ["2021/1/5", "2021-01-06", "2021年1月7日", "2021.1.8"]


def result_for(field):
    return RESULTS.get(field, "属实")


def fill_csv(source, target):
    """Fills 核实结果, 核实人, 核实日期 of every row of a sent (UTF-8 with BOM) worklist CSV."""
    with open(source, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    col = {name: i for i, name in enumerate(header)}
    for n, row in enumerate(rows[1:]):
        row[col["核实结果"]] = result_for(row[col["字段"]])
        row[col["核实人"]] = SIGNERS[n % len(SIGNERS)]
        row[col["核实日期"]] = DATES[n % len(DATES)]
    with open(target, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)


if __name__ == "__main__":
    fill_csv(sys.argv[1], sys.argv[2])
