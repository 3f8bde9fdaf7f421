#!/usr/bin/env python3
"""Generate realistic Chinese household dumps for the Ingest benchmark (bench/ingest.sh).

Writes, into the output folder, a households CSV in the system layout (SPEC §3, 22 columns) and
an archive XML (档案/户 with 成员列表/成员), each at least --mb megabytes, in UTF-8 (CSV with BOM)
and GBK. Values are drawn from realistic pools with a fixed seed, so runs are repeatable. About
one row in 40 has a quoted field with a comma or a line break, as spreadsheet exports do.
"""
import argparse
import os
import random

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红娥玲芬燕彬斌宇浩凯健俊帆帅旭宁龙林欢阳建华亮成飞鹏辉昊天晓东志国海波永福德贵荣翠花秀珍"
COUNTIES = ["盘州市", "水城区", "六枝特区", "钟山区", "威宁县", "赫章县", "纳雍县", "织金县"]
TOWNS = ["红果街道", "两河街道", "柏果镇", "保田镇", "刘官街道", "石桥镇", "鸡场坪镇", "老厂镇", "羊场乡", "普古乡"]
VILLAGES = ["大河村", "小河村", "新民村", "坪地村", "松林村", "岩脚村", "石门村", "团结村", "龙场村", "沙坝村", "水井村", "核桃村"]
STATUS = ["未脱贫", "已脱贫", "已脱贫", "已脱贫", "返贫", "边缘户", "已脱贫(享受政策)"]
ATTRIBUTE = ["一般贫困户", "低保贫困户", "特困供养贫困户", "一般贫困户"]
CAUSE = ["因病", "因残", "因学", "因灾", "缺土地", "缺水", "缺技术", "缺劳力", "缺资金", "交通条件落后", "自身发展动力不足"]
TYPES = ["农场主型", "产业务工型", "商业贸易型", "合作发展型", "专业技能型", "政策保障型"]
MEASURES = ["产业扶贫", "就业扶贫", "易地扶贫搬迁", "教育扶贫", "健康扶贫", "危房改造", "小额信贷", "生态补偿", "兜底保障"]
RELATION = ["户主", "配偶", "之子", "之女", "之儿媳", "之孙子", "之孙女", "之父", "之母"]
ETHNIC = ["汉族", "彝族", "苗族", "布依族", "回族", "白族", "仡佬族"]
EDU = ["小学", "初中", "高中", "文盲或半文盲", "大专"]
SCHOOL = ["非在校生", "小学", "初中", "高中", "学前", "中职"]
HEALTH = ["健康", "健康", "长期慢性病", "患有大病", "残疾", "残疾,长期慢性病"]
LABOR = ["普通劳动力", "技能劳动力", "弱劳动力或半劳动力", "丧失劳动力", "无劳动能力"]

HEADER = ["户编号", "行政区划代码", "县", "乡镇", "村", "户主姓名", "户主身份证号", "家庭人口数", "脱贫状态",
          "贫困户属性", "识别年度", "脱贫年度", "主要致贫原因", "人均纯收入", "住房安全等级", "住房面积",
          "粮食产量", "饮水安全", "六型类别", "帮扶责任人", "责任人电话", "帮扶措施"]
MEMBER_FIELDS = ["姓名", "身份证号", "与户主关系", "性别", "出生日期", "民族", "文化程度", "在校生状况", "健康状况", "劳动技能", "务工时间", "参加医保"]


def name(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def id_number(rng, year):
    body = "5202%02d%04d%02d%02d%03d" % (rng.randint(1, 30), year, rng.randint(1, 12), rng.randint(1, 28), rng.randint(1, 999))
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]


def household(rng, index):
    hid = "5202%010d" % index
    county = rng.randrange(len(COUNTIES))
    status = rng.choice(STATUS)
    size = rng.randint(1, 7)
    head = name(rng)
    measures = "、".join(rng.sample(MEASURES, rng.randint(1, 3)))
    if rng.random() < 0.025:
        measures = measures + ",备注：" + rng.choice(["已核实", "待复查\n需入户"])  # needs quoting
    values = [hid, "5202%02d1%02d2%02d" % (county, rng.randint(1, 20), rng.randint(1, 99)), COUNTIES[county],
              rng.choice(TOWNS), rng.choice(VILLAGES), head, id_number(rng, rng.randint(1940, 1990)), str(size),
              status, rng.choice(ATTRIBUTE), str(rng.randint(2014, 2016)),
              str(rng.randint(2016, 2020)) if "脱贫" in status else "", rng.choice(CAUSE),
              "%.2f" % rng.uniform(2000, 15000), rng.choice("AABBCD"), "%.1f" % rng.uniform(30, 200),
              str(rng.randint(100, 3000)), rng.choice(["是", "否", "是"]), rng.choice(TYPES), name(rng),
              "1%010d" % rng.randint(3000000000, 9999999999), measures]
    members = []
    for k in range(size):
        year = rng.randint(1940, 2018)
        members.append([head if k == 0 else name(rng), id_number(rng, year), RELATION[0] if k == 0 else rng.choice(RELATION[1:]),
                        rng.choice("男女"), "%d-%02d-%02d" % (year, rng.randint(1, 12), rng.randint(1, 28)), rng.choice(ETHNIC),
                        rng.choice(EDU), rng.choice(SCHOOL), rng.choice(HEALTH), rng.choice(LABOR), str(rng.randint(0, 12)),
                        rng.choice(["是", "否"])])
    return values, members


def csv_field(v):
    if any(c in v for c in ',"\r\n'):
        return '"' + v.replace('"', '""') + '"'
    return v


def xml_text(v):
    return v.replace("&", "&amp;").replace("<", "&lt;")


def write(path, encoding, chunks, target, bom=b""):
    written = 0
    with open(path, "wb") as out:
        out.write(bom)
        for text in chunks:
            data = text.encode(encoding)
            out.write(data)
            written += len(data)
            if written >= target:
                break
    return written


def csv_chunks(rng, footer=None):
    yield ",".join(HEADER) + "\r\n"
    index = 0
    while True:
        rows = []
        for _ in range(2000):
            index += 1
            values, _ = household(rng, index)
            rows.append(",".join(csv_field(v) for v in values) + "\r\n")
        yield "".join(rows)


def xml_chunks(rng, encoding_label):
    yield '<?xml version="1.0" encoding="%s"?>\n<档案>\n' % encoding_label
    index = 0
    while True:
        parts = []
        for _ in range(1000):
            index += 1
            values, members = household(rng, index)
            parts.append('  <户 户编号="%s">\n' % values[0])
            for key, value in zip(HEADER[1:], values[1:]):
                parts.append("    <%s>%s</%s>\n" % (key, xml_text(value), key))
            parts.append("    <成员列表>\n")
            for m in members:
                parts.append("      <成员>" + "".join("<%s>%s</%s>" % (k, xml_text(v), k) for k, v in zip(MEMBER_FIELDS, m)) + "</成员>\n")
            parts.append("    </成员列表>\n  </户>\n")
        yield "".join(parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="bench-data")
    parser.add_argument("--mb", type=int, default=200, help="minimum size of each file in MB")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    target = args.mb * 1_000_000
    for label, encoding, bom in [("utf8", "utf-8", b"\xef\xbb\xbf"), ("gbk", "gbk", b"")]:
        path = os.path.join(args.out, "households-%s.csv" % label)
        size = write(path, encoding, csv_chunks(random.Random(7)), target, bom)
        print("%s %.0f MB" % (path, size / 1e6))
        path = os.path.join(args.out, "archive-%s.xml" % label)
        gen = xml_chunks(random.Random(11), "UTF-8" if label == "utf8" else "GBK")
        with open(path, "wb") as out:
            written = 0
            for text in gen:
                data = text.encode(encoding)
                out.write(data)
                written += len(data)
                if written >= target:
                    break
            out.write("</档案>\n".encode(encoding))
        print("%s %.0f MB" % (path, written / 1e6))


if __name__ == "__main__":
    main()
