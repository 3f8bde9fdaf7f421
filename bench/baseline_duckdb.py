#!/usr/bin/env python3
"""The baseline a data team would otherwise write: Python flattens the XML, DuckDB runs the checks.

Reads one dataset in the SPEC §3 layout (the same files `fivefold run` reads) and computes the
core checks of SPEC §4 with plain SQL over normalised columns; writes every finding row to
OUT/findings.csv and prints the count per check on stdout (then the phase timings).

Phases (timed separately, printed at the end):
  flatten  archive/archive.xml (GBK or UTF-8) and interview/survey.xml.gz are parsed in Python
           (lxml.etree.iterparse when lxml is installed, else xml.etree's pull parser fed with text
           decoded by Python's codec) and written as UTF-8 CSV under WORK; wall/cards.csv (GBK) is
           transcoded to UTF-8 (DuckDB's CSV reader has no GBK without a downloaded extension).
  sql      DuckDB reads the system, inspection, registry CSVs directly plus the flattened files,
           normalises, runs every check, writes findings.csv.
`--phase sql` reuses WORK from an earlier run: the DuckDB-only variant (XML already flat).

What it covers, and what it does not, is listed in BENCHMARKS.md ("End to end").

Usage: baseline_duckdb.py INPUT_DIR [--work DIR] [--out DIR] [--phase all|flatten|sql]
                          [--as-of 2020-12-31] [--parser auto|lxml|etree]
"""
import argparse
import csv
import gzip
import os
import sys
import time

SYSTEM_HH = ["户编号", "行政区划代码", "县", "乡镇", "村", "户主姓名", "户主身份证号", "家庭人口数", "脱贫状态",
             "贫困户属性", "识别年度", "脱贫年度", "主要致贫原因", "人均纯收入", "住房安全等级", "住房面积",
             "粮食产量", "饮水安全", "六型类别", "帮扶责任人", "责任人电话", "帮扶措施"]
SYSTEM_MEM = ["身份证号", "姓名", "与户主关系", "性别", "出生日期", "民族", "文化程度", "在校生状况",
              "健康状况", "劳动技能", "务工时间", "参加医保"]
INTERVIEW_HH = ["户编号", "户主姓名", "家庭人口数", "人均纯收入", "住房安全", "粮食产量", "饮水安全",
                "帮扶责任人", "满意度"]
INTERVIEW_MEM = ["姓名", "年龄", "与户主关系", "性别", "在校生状况", "健康状况", "劳动技能", "务工时间",
                 "参加医保"]


# ---------------------------------------------------------------------------------------------
# Phase 1: flatten the XML sources (and transcode the GBK wall card CSV)

def iter_records(path, record_tag, parser):
    """Yield each record element (ElementTree API), cleared after the caller is done with it."""
    opener = gzip.open if path.endswith(".gz") else open
    if parser == "lxml":
        from lxml import etree
        with opener(path, "rb") as f:
            # libxml2 honours the encoding declaration (GBK through iconv).
            for _, elem in etree.iterparse(f, events=("end",), tag=record_tag, huge_tree=True):
                yield elem
                elem.clear()
                while elem.getprevious() is not None:
                    del elem.getparent()[0]
        return
    import xml.etree.ElementTree as ET
    with opener(path, "rb") as fb:
        head = fb.read(200)
    encoding = "utf-8"
    if head.startswith(b"<?xml"):
        decl = head[:head.index(b"?>")].decode("ascii", "replace").lower()
        for enc in ("gb18030", "gbk", "gb2312"):
            if enc in decl:
                encoding = "gb18030"  # superset of GBK and GB2312
    # expat has no GBK decoder: decode in Python and feed text (declaration dropped).
    pp = ET.XMLPullParser(events=("start", "end"))
    root = None
    with opener(path, "rt", encoding=encoding) as f:
        first = True
        while True:
            text = f.read(1 << 20)
            if not text:
                break
            if first:
                text = text.lstrip("\ufeff")
                if text.startswith("<?xml"):
                    text = text[text.index("?>") + 2:]
                first = False
            pp.feed(text)
            for ev, elem in pp.read_events():
                if ev == "start":
                    if root is None:
                        root = elem
                    continue
                if elem.tag == record_tag:
                    yield elem
                    elem.clear()
                    root.clear()
    pp.close()


def flatten_archive(path, work, parser):
    n_hh = n_mem = 0
    with open(os.path.join(work, "archive_households.csv"), "w", newline="", encoding="utf-8") as fh, \
         open(os.path.join(work, "archive_members.csv"), "w", newline="", encoding="utf-8") as fm:
        wh, wm = csv.writer(fh), csv.writer(fm)
        wh.writerow(SYSTEM_HH + ["成员数"])
        wm.writerow(["户编号"] + SYSTEM_MEM)
        for rec in iter_records(path, "户", parser):
            values = {}
            members = []
            for child in rec:
                if child.tag == "成员列表":
                    for m in child:
                        members.append({c.tag: (c.text or "") for c in m})
                else:
                    values[child.tag] = child.text or ""
            hid = rec.get("户编号") or values.get("户编号", "")
            values["户编号"] = hid
            wh.writerow([values.get(c, "") for c in SYSTEM_HH] + [len(members)])
            for m in members:
                wm.writerow([hid] + [m.get(c, "") for c in SYSTEM_MEM])
            n_hh += 1
            n_mem += len(members)
    return n_hh, n_mem


def flatten_interview(path, work, parser):
    n_hh = n_mem = 0
    with open(os.path.join(work, "interview_households.csv"), "w", newline="", encoding="utf-8") as fh, \
         open(os.path.join(work, "interview_members.csv"), "w", newline="", encoding="utf-8") as fm:
        wh, wm = csv.writer(fh), csv.writer(fm)
        wh.writerow(["记录号"] + INTERVIEW_HH + ["成员数"])
        wm.writerow(["记录号", "户编号"] + INTERVIEW_MEM)
        for rec in iter_records(path, "submission", parser):
            values = {}
            members = []
            for child in rec:
                if child.tag == "members":
                    for m in child:
                        members.append({c.tag: (c.text or "") for c in m})
                else:
                    values[child.tag] = child.text or ""
            n_hh += 1
            wh.writerow([n_hh] + [values.get(c, "") for c in INTERVIEW_HH] + [len(members)])
            hid = values.get("户编号", "")
            for m in members:
                wm.writerow([n_hh, hid] + [m.get(c, "") for c in INTERVIEW_MEM])
            n_mem += len(members)
    return n_hh, n_mem


def sniff_encoding(path):
    with open(path, "rb") as f:
        head = f.read(1 << 16)
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as e:
        return "utf-8" if e.start > len(head) - 4 else "gb18030"


def transcode(path, out):
    enc = sniff_encoding(path)
    with open(path, encoding=enc, newline="") as src, open(out, "w", encoding="utf-8", newline="") as dst:
        while True:
            text = src.read(1 << 20)
            if not text:
                break
            dst.write(text)
    return enc


def find_input(root, rel):
    """The file itself, or its gzipped form."""
    p = os.path.join(root, rel)
    if os.path.exists(p):
        return p
    if os.path.exists(p + ".gz"):
        return p + ".gz"
    raise SystemExit(f"baseline: missing input {p}")


# ---------------------------------------------------------------------------------------------
# Phase 2: DuckDB

MACROS = r"""
-- full-width digits/letters to half-width, white space (ASCII and ideographic) removed
-- (translate is slow: only values that hold something to fold go through it)
CREATE MACRO fw(s) AS CASE WHEN regexp_matches(s, '[０-９Ａ-Ｚａ-ｚ－．\s　]')
    THEN translate(s, '０１２３４５６７８９ＡＢＣＤＸｘ－． 　' || chr(9) || chr(10) || chr(13), '0123456789ABCDXx-.')
    ELSE coalesce(s, '') END;
-- numbers (input already folded by fw): thousands separators and units
-- (元, 万元, 斤 = 0.5 kg, 公斤, 人, 岁, 平方米, 年)
CREATE MACRO num_f(v) AS CASE
    WHEN v = '' THEN NULL
    WHEN contains(v, '万') THEN try_cast(regexp_replace(v, '[^0-9.\-]', '', 'g') AS DOUBLE) * 10000
    WHEN suffix(v, '斤') AND NOT suffix(v, '公斤') THEN try_cast(regexp_replace(v, '[^0-9.\-]', '', 'g') AS DOUBLE) * 0.5
    ELSE try_cast(translate(v, ',，元公斤人岁平方米㎡年', '') AS DOUBLE) END;
CREATE MACRO num(s) AS num_f(fw(s));
-- GB 11643 check character of the first 17 digits
CREATE MACRO idcheck(s) AS substr('10X98765432', ((
      7 * try_cast(substr(s, 1, 1) AS INTEGER) + 9 * try_cast(substr(s, 2, 1) AS INTEGER)
    + 10 * try_cast(substr(s, 3, 1) AS INTEGER) + 5 * try_cast(substr(s, 4, 1) AS INTEGER)
    + 8 * try_cast(substr(s, 5, 1) AS INTEGER) + 4 * try_cast(substr(s, 6, 1) AS INTEGER)
    + 2 * try_cast(substr(s, 7, 1) AS INTEGER) + 1 * try_cast(substr(s, 8, 1) AS INTEGER)
    + 6 * try_cast(substr(s, 9, 1) AS INTEGER) + 3 * try_cast(substr(s, 10, 1) AS INTEGER)
    + 7 * try_cast(substr(s, 11, 1) AS INTEGER) + 9 * try_cast(substr(s, 12, 1) AS INTEGER)
    + 10 * try_cast(substr(s, 13, 1) AS INTEGER) + 5 * try_cast(substr(s, 14, 1) AS INTEGER)
    + 8 * try_cast(substr(s, 15, 1) AS INTEGER) + 4 * try_cast(substr(s, 16, 1) AS INTEGER)
    + 2 * try_cast(substr(s, 17, 1) AS INTEGER)) % 11) + 1, 1);
-- ID (input already folded and upper-cased): a 15-digit ID upgraded to 18
CREATE MACRO id18(v) AS CASE WHEN length(v) = 15 AND regexp_full_match(v, '[0-9]{15}')
    THEN substr(v, 1, 6) || '19' || substr(v, 7) || idcheck(substr(v, 1, 6) || '19' || substr(v, 7))
    ELSE v END;
CREATE MACRO idn(s) AS id18(upper(fw(s)));
CREATE MACRO dt_f(v) AS CASE WHEN regexp_full_match(v, '[0-9]{5}') THEN DATE '1899-12-30' + v::INTEGER
    ELSE try_strptime(v, ['%Y-%m-%d', '%Y/%m/%d', '%Y年%m月%d日', '%Y%m%d', '%Y.%m.%d'])::DATE END;
CREATE MACRO dt(s) AS dt_f(fw(s));
CREATE MACRO status_f(v) AS CASE
    WHEN v IN ('0', '2', '未脱贫', '预脱贫', '未脱贫户', '贫困户', '在档贫困户', '建档立卡贫困户', '贫困') THEN '未脱贫'
    WHEN v IN ('1', '4', '已脱贫', '脱贫', '稳定脱贫', '已脱贫户', '脱贫户', '标注脱贫')
         OR prefix(v, '已脱贫(') OR prefix(v, '已脱贫（') OR (prefix(v, '脱贫') AND suffix(v, '享受政策'))
         OR (prefix(v, '已脱贫') AND suffix(v, '享受政策')) THEN '已脱贫'
    WHEN v IN ('3', '返贫', '返贫户', '已返贫') THEN '返贫'
    ELSE v END;
CREATE MACRO status_n(s) AS status_f(fw(s));
CREATE MACRO grade_f(v) AS CASE
    WHEN v IN ('1', '2', '3', '4') THEN ['A', 'B', 'C', 'D'][v::INTEGER]
    WHEN v = '局部危房' THEN 'C' WHEN v = '整体危房' THEN 'D'
    WHEN v = '' THEN NULL
    ELSE substr(v, 1, 1) END;
CREATE MACRO grade_n(s) AS grade_f(upper(fw(s)));
CREATE MACRO bool_f(v) AS CASE
    WHEN v IN ('是', 'Y', 'y', '1', '√', '有', '已参保', '参保', '已参加', '参加', '安全') THEN '是'
    WHEN v IN ('否', 'N', 'n', '0', '×', '无', '未参保', '不参保', '未参加', '不参加', '不安全') THEN '否'
    WHEN v = '' THEN NULL ELSE v END;
CREATE MACRO bool_n(s) AS bool_f(fw(s));
CREATE MACRO rel_f(v) AS CASE WHEN v IN ('户主', '本人', '户主本人', '自己') THEN '户主' ELSE v END;
CREATE MACRO school_f(v) AS CASE
    WHEN v IN ('', '非在校生', '非在校', '不在校', '否', '无', '辍学', '失学', '未上学', '已毕业', '毕业') THEN NULL
    ELSE v END;
"""

LOAD = """
CREATE TABLE sys_hh AS SELECT * FROM read_csv('{system_hh}', all_varchar = true, header = true);
CREATE TABLE sys_mem AS SELECT * FROM read_csv('{system_mem}', all_varchar = true, header = true);
CREATE TABLE arc_hh AS SELECT * FROM read_csv('{work}/archive_households.csv', all_varchar = true, header = true);
CREATE TABLE arc_mem AS SELECT * FROM read_csv('{work}/archive_members.csv', all_varchar = true, header = true);
CREATE TABLE wall AS SELECT * FROM read_csv('{work}/wall.csv', all_varchar = true, header = true);
CREATE TABLE itv_hh AS SELECT * FROM read_csv('{work}/interview_households.csv', all_varchar = true, header = true);
CREATE TABLE insp AS SELECT * FROM read_csv('{inspection}', all_varchar = true, header = true);
CREATE TABLE r_deaths AS SELECT idn(身份证号) AS id, * FROM read_csv('{reg}/deaths.csv', all_varchar = true, header = true);
CREATE TABLE r_public AS SELECT idn(身份证号) AS id, * FROM read_csv('{reg}/public_employees.csv', all_varchar = true, header = true);
CREATE TABLE r_vehicles AS SELECT idn(身份证号) AS id, * FROM read_csv('{reg}/vehicles.csv', all_varchar = true, header = true);
CREATE TABLE r_property AS SELECT idn(身份证号) AS id, * FROM read_csv('{reg}/property.csv', all_varchar = true, header = true);
CREATE TABLE r_business AS SELECT idn(身份证号) AS id, * FROM read_csv('{reg}/businesses.csv', all_varchar = true, header = true);
CREATE TABLE r_students AS SELECT idn(身份证号) AS id, * FROM read_csv('{reg}/students.csv', all_varchar = true, header = true);
CREATE TABLE r_insurance AS SELECT idn(身份证号) AS id, * FROM read_csv('{reg}/insurance.csv', all_varchar = true, header = true);
CREATE TABLE r_hukou AS SELECT idn(身份证号) AS id, * FROM read_csv('{reg}/hukou.csv', all_varchar = true, header = true);
"""

NORMALISE = """
-- fold every used column once (fw), then map the folded values
CREATE TABLE hh AS SELECT hid, head_name, id18(head_id) AS head_id, num_f(size) AS size, status_f(status) AS status,
    try_cast(replace(exit_year, '年', '') AS INTEGER) AS exit_year, num_f(income) AS income,
    grade_f(upper(grade)) AS grade, cadre FROM (
  SELECT fw(户编号) AS hid, fw(户主姓名) AS head_name, upper(fw(户主身份证号)) AS head_id, fw(家庭人口数) AS size,
    fw(脱贫状态) AS status, fw(脱贫年度) AS exit_year, fw(人均纯收入) AS income, fw(住房安全等级) AS grade,
    fw(帮扶责任人) AS cadre FROM sys_hh);
CREATE TABLE mem AS SELECT hid, id_raw, id18(id_raw) AS id, name, rel_f(relation) AS relation, sex,
    dt_f(birth) AS birth, school_f(in_school) AS in_school, bool_f(insured) AS insured FROM (
  SELECT fw(户编号) AS hid, upper(fw(身份证号)) AS id_raw, fw(姓名) AS name, fw(与户主关系) AS relation,
    fw(性别) AS sex, fw(出生日期) AS birth, fw(在校生状况) AS in_school, fw(参加医保) AS insured FROM sys_mem);
CREATE TABLE a_hh AS SELECT hid, head_name, num_f(size) AS size, status_f(status) AS status, num_f(income) AS income,
    grade_f(upper(grade)) AS grade, n_members FROM (
  SELECT fw(户编号) AS hid, fw(户主姓名) AS head_name, fw(家庭人口数) AS size, fw(脱贫状态) AS status,
    fw(人均纯收入) AS income, fw(住房安全等级) AS grade, 成员数::INTEGER AS n_members FROM arc_hh);
CREATE TABLE a_mem AS SELECT hid, id18(id) AS id, name FROM (
  SELECT fw(户编号) AS hid, upper(fw(身份证号)) AS id, fw(姓名) AS name FROM arc_mem);
CREATE TABLE w_hh AS SELECT hid, head_name, num_f(size) AS size, status_f(status) AS status, num_f(income) AS income,
    n_members FROM (
  SELECT fw(户编号) AS hid, fw(户主姓名) AS head_name, fw(家庭人口数) AS size, fw(脱贫状态) AS status,
    fw(人均纯收入) AS income,
    len(list_filter(string_split_regex(coalesce(家庭成员, ''), '[、,，;；]'), lambda x: trim(x) <> '')) AS n_members
  FROM wall);
CREATE TABLE i_hh AS SELECT hid, head_name, num_f(size) AS size, num_f(income) AS income, n_members FROM (
  SELECT fw(户编号) AS hid, fw(户主姓名) AS head_name, fw(家庭人口数) AS size, fw(人均纯收入) AS income,
    成员数::INTEGER AS n_members FROM itv_hh);
CREATE TABLE v_hh AS SELECT hid, grade_f(upper(grade)) AS grade, num_f(income) AS income FROM (
  SELECT fw(户编号) AS hid, fw(住房安全等级) AS grade, fw(人均纯收入) AS income FROM insp);
"""

# Every check yields (rule, household_id, member_id, field, detail). `{as_of}` is replaced.
CHECKS = r"""
CREATE TABLE findings AS
WITH
id_ok AS (SELECT *, regexp_full_match(id, '[0-9]{17}[0-9X]')
                     AND try_strptime(substr(id, 7, 8), '%Y%m%d') IS NOT NULL AS well_formed FROM mem),
-- 1. ID format / checksum / birth / sex (system members)
f_id AS (
  SELECT 'id.format' AS rule, hid, id_raw AS member_id, 'id_number' AS field, id_raw AS detail FROM id_ok WHERE NOT well_formed
  UNION ALL SELECT 'id.checksum', hid, id, 'id_number', id FROM id_ok WHERE well_formed AND idcheck(id) <> substr(id, 18, 1)
  UNION ALL SELECT 'id.birth_mismatch', hid, id, 'birth_date', birth::VARCHAR FROM id_ok
    WHERE well_formed AND birth IS NOT NULL AND strftime(birth, '%Y%m%d') <> substr(id, 7, 8)
  UNION ALL SELECT 'id.sex_mismatch', hid, id, 'sex', sex FROM id_ok
    WHERE well_formed AND sex IN ('男', '女')
      AND sex <> CASE WHEN substr(id, 17, 1)::INTEGER % 2 = 1 THEN '男' ELSE '女' END),
-- 2. size vs member count, in every source that lists members
mcount AS (SELECT hid, count(*) AS n, count(*) FILTER (WHERE relation = '户主') AS heads,
                  list(id) FILTER (WHERE relation = '户主') AS head_ids, list(name) AS names FROM mem GROUP BY hid),
f_size AS (
  SELECT 'household.size_mismatch', h.hid, NULL, 'size', 'system=' || h.size || ';members=' || coalesce(m.n, 0)
    FROM hh h LEFT JOIN mcount m USING (hid) WHERE h.size IS DISTINCT FROM coalesce(m.n, 0)
  UNION ALL SELECT 'household.size_mismatch', hid, NULL, 'size', 'archive=' || size || ';members=' || n_members
    FROM a_hh WHERE size IS DISTINCT FROM n_members
  UNION ALL SELECT 'household.size_mismatch', hid, NULL, 'size', 'wall=' || size || ';members=' || n_members
    FROM w_hh WHERE n_members > 0 AND size IS DISTINCT FROM n_members
  UNION ALL SELECT 'household.size_mismatch', hid, NULL, 'size', 'interview=' || size || ';members=' || n_members
    FROM i_hh WHERE hid IN (SELECT hid FROM hh) AND size IS DISTINCT FROM n_members),
-- 3. head: none, several, or head_id not the 户主 member
f_head AS (
  SELECT 'household.head', h.hid, NULL, 'relation', 'heads=' || coalesce(m.heads, 0)
    FROM hh h LEFT JOIN mcount m USING (hid)
    WHERE coalesce(m.heads, 0) <> 1 OR NOT list_contains(m.head_ids, h.head_id)),
-- 4. no cadre, or the cadre is a member
f_cadre AS (
  SELECT 'household.no_cadre', h.hid, NULL, 'cadre_name', h.cadre FROM hh h LEFT JOIN mcount m USING (hid)
    WHERE h.status IN ('未脱贫', '返贫', '已脱贫') AND (h.cadre = '' OR list_contains(m.names, h.cadre))),
-- 5. households and members missing across sources (registered = in the system)
src_hh AS (
  SELECT hid, 'system' AS src FROM hh UNION SELECT hid, 'archive' FROM a_hh UNION SELECT hid, 'wall' FROM w_hh
  UNION SELECT hid, 'interview' FROM i_hh WHERE hid <> '' UNION SELECT hid, 'verification' FROM v_hh),
presence AS (SELECT hid, list(src) AS srcs FROM src_hh GROUP BY hid),
f_missing AS (
  SELECT 'unify.missing', p.hid, NULL, 'household', 'absent from ' || s.src
    FROM presence p, (VALUES ('system'), ('archive'), ('wall'), ('interview'), ('verification')) s(src)
    WHERE NOT list_contains(p.srcs, s.src)
      -- an interview household unknown to the system is unregistered (a 漏评 candidate), not missing
      AND NOT (list_contains(p.srcs, 'interview') AND len(p.srcs) = 1)
  UNION ALL
  SELECT 'unify.missing', coalesce(s.hid, a.hid), coalesce(s.id, a.id), 'member',
         CASE WHEN s.id IS NULL THEN 'absent from system' ELSE 'absent from archive' END
    FROM (SELECT DISTINCT hid, id FROM mem WHERE id <> '') s
    FULL OUTER JOIN (SELECT DISTINCT hid, id FROM a_mem WHERE id <> '') a ON s.id = a.id AND s.hid = a.hid
    WHERE (s.id IS NULL OR a.id IS NULL)
      AND coalesce(s.hid, a.hid) IN (SELECT hid FROM hh) AND coalesce(s.hid, a.hid) IN (SELECT hid FROM a_hh)),
-- 6. field mismatches across system / archive / wall / interview / inspection
long AS (
  SELECT hid, 'system' AS src, head_name, size, status, income, grade FROM hh
  UNION ALL SELECT hid, 'archive', head_name, size, status, income, grade FROM a_hh
  UNION ALL SELECT hid, 'wall', head_name, size, status, income, NULL FROM w_hh
  UNION ALL SELECT hid, 'interview', head_name, size, NULL, income, NULL FROM i_hh WHERE hid IN (SELECT hid FROM hh)
  UNION ALL SELECT hid, 'verification', NULL, NULL, NULL, income, grade FROM v_hh),
agg AS (
  SELECT hid,
    count(DISTINCT nullif(head_name, '')) AS d_head, string_agg(src || '=' || head_name, ';' ORDER BY src) AS v_head,
    count(DISTINCT size) AS d_size, string_agg(src || '=' || size, ';' ORDER BY src) AS v_size,
    count(DISTINCT nullif(status, '')) AS d_status, string_agg(src || '=' || status, ';' ORDER BY src) AS v_status,
    count(DISTINCT grade) AS d_grade, string_agg(src || '=' || grade, ';' ORDER BY src) AS v_grade,
    min(income) AS lo, max(income) AS hi, string_agg(src || '=' || income, ';' ORDER BY src) AS v_income
  FROM long WHERE hid IN (SELECT hid FROM hh) GROUP BY hid),
f_mismatch AS (
  SELECT 'unify.mismatch', hid, NULL, 'head_name', v_head FROM agg WHERE d_head > 1
  UNION ALL SELECT 'unify.mismatch', hid, NULL, 'size', v_size FROM agg WHERE d_size > 1
  UNION ALL SELECT 'unify.mismatch', hid, NULL, 'status', v_status FROM agg WHERE d_status > 1
  UNION ALL SELECT 'unify.mismatch', hid, NULL, 'house_grade', v_grade FROM agg WHERE d_grade > 1
  UNION ALL SELECT 'unify.mismatch', hid, NULL, 'income_per_capita', v_income FROM agg WHERE hi - lo > 0.05 * hi),
-- member identity fields: system against the 公安 hukou registry and the archive, by ID number
f_member_mismatch AS (
  SELECT 'unify.mismatch', m.hid, m.id, 'name', 'system=' || m.name || ';hukou=' || fw(h.姓名)
    FROM mem m JOIN r_hukou h ON h.id = m.id WHERE m.name <> fw(h.姓名)
  UNION ALL SELECT 'unify.mismatch', m.hid, m.id, 'sex', 'system=' || m.sex || ';hukou=' || fw(h.性别)
    FROM mem m JOIN r_hukou h ON h.id = m.id WHERE m.sex <> fw(h.性别)
  UNION ALL SELECT 'unify.mismatch', m.hid, m.id, 'birth_date', 'system=' || m.birth || ';hukou=' || dt(h.出生日期)
    FROM mem m JOIN r_hukou h ON h.id = m.id WHERE m.birth <> dt(h.出生日期)
  UNION ALL SELECT 'unify.mismatch', m.hid, m.id, 'name', 'system=' || m.name || ';archive=' || a.name
    FROM mem m JOIN a_mem a ON a.id = m.id AND a.hid = m.hid WHERE m.name <> a.name),
-- 7. registry joins on the system members
f_registry AS (
  SELECT 'registry.deceased', m.hid, m.id, 'id_number', d.死亡日期 FROM mem m JOIN r_deaths d ON d.id = m.id
  UNION ALL SELECT 'eligibility.public_employee', m.hid, m.id, 'id_number', p.单位 FROM mem m JOIN r_public p ON p.id = m.id
  UNION ALL SELECT 'eligibility.vehicle', m.hid, m.id, 'id_number', v.车辆类型 FROM mem m JOIN r_vehicles v ON v.id = m.id
    WHERE NOT (v.车辆类型 LIKE '%摩托车%' OR v.车辆类型 LIKE '%农用车%' OR v.车辆类型 LIKE '%三轮车%')
  UNION ALL SELECT 'eligibility.property', m.hid, m.id, 'id_number', p.房屋坐落 FROM mem m JOIN r_property p ON p.id = m.id
  UNION ALL SELECT 'eligibility.business', m.hid, m.id, 'id_number', b.企业名称 FROM mem m JOIN r_business b ON b.id = m.id
    WHERE coalesce(try_cast(regexp_replace(fw(b."注册资本(万元)"), '[^0-9.]', '', 'g') AS DOUBLE), 0) >= 10),
-- 8. exit standard for exited households (income and grade: inspection first, else system)
lines(year, line) AS (VALUES (2014, 2800), (2015, 2855), (2016, 2952), (2017, 2952), (2018, 2995), (2019, 3218), (2020, 4000)),
exited AS (SELECT h.*, coalesce(v.income, h.income) AS inc, coalesce(v.grade, h.grade) AS g
             FROM hh h LEFT JOIN (SELECT DISTINCT ON (hid) * FROM v_hh) v USING (hid) WHERE h.status = '已脱贫'),
f_exit AS (
  SELECT 'exit.income', e.hid, NULL, 'income_per_capita', e.inc || '<' || l.line
    FROM exited e JOIN lines l ON l.year = e.exit_year WHERE e.inc < l.line
  UNION ALL SELECT 'exit.housing', hid, NULL, 'house_grade', g FROM exited WHERE g IN ('C', 'D')
  UNION ALL SELECT 'exit.medical', m.hid, m.id, 'medical_insured', i.参保状态
    FROM mem m JOIN exited e USING (hid) JOIN r_insurance i ON i.id = m.id
    WHERE m.insured = '否' AND fw(i.参保状态) = '未参保'
  UNION ALL SELECT 'exit.education', m.hid, m.id, 'in_school', NULL
    FROM mem m JOIN exited e USING (hid)
    WHERE date_diff('year', coalesce(m.birth, try_strptime(substr(m.id, 7, 8), '%Y%m%d')::DATE), DATE '{as_of}')
          - CASE WHEN strftime(coalesce(m.birth, try_strptime(substr(m.id, 7, 8), '%Y%m%d')::DATE), '%m%d') > strftime(DATE '{as_of}', '%m%d') THEN 1 ELSE 0 END
          BETWEEN 6 AND 15
      AND m.in_school IS NULL AND NOT EXISTS (SELECT 1 FROM r_students r WHERE r.id = m.id)),
-- 9. duplicates: one ID in several households (or twice in one); one head of several households
f_dup AS (
  SELECT 'duplicate.person', m.hid, m.id, 'id_number', d.n || ' rows'
    FROM (SELECT DISTINCT hid, id FROM mem) m
    JOIN (SELECT id, count(*) AS n, count(DISTINCT hid) AS nh FROM mem WHERE id <> '' GROUP BY id
          HAVING count(*) > 1) d USING (id)
  UNION ALL SELECT 'duplicate.household', h.hid, h.head_id, 'head_id', d.n || ' households'
    FROM hh h JOIN (SELECT head_id, count(*) AS n FROM hh WHERE head_id <> '' GROUP BY head_id HAVING count(*) > 1) d
      USING (head_id))
SELECT * FROM f_id UNION ALL SELECT * FROM f_size UNION ALL SELECT * FROM f_head UNION ALL SELECT * FROM f_cadre
UNION ALL SELECT * FROM f_missing UNION ALL SELECT * FROM f_mismatch UNION ALL SELECT * FROM f_member_mismatch UNION ALL SELECT * FROM f_registry
UNION ALL SELECT * FROM f_exit UNION ALL SELECT * FROM f_dup;
"""


def run_sql(root, work, out, as_of, threads, memory_limit):
    import duckdb
    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    if memory_limit:
        con.execute(f"SET memory_limit = '{memory_limit}'")
    con.execute(f"SET temp_directory = '{work}/duckdb.tmp'")
    con.execute(MACROS)
    t = [time.perf_counter()]
    con.execute(LOAD.format(system_hh=find_input(root, "system/households.csv"),
                            system_mem=find_input(root, "system/members.csv"),
                            inspection=find_input(root, "verification/inspection.csv"),
                            reg=os.path.join(root, "verification/registry"), work=work))
    t.append(time.perf_counter())
    con.execute(NORMALISE)
    t.append(time.perf_counter())
    con.execute(CHECKS.replace("{as_of}", as_of))
    t.append(time.perf_counter())
    os.makedirs(out, exist_ok=True)
    con.execute(f"COPY (SELECT * FROM findings ORDER BY ALL) "
                f"TO '{out}/findings.csv' (HEADER, DELIMITER ',')")
    t.append(time.perf_counter())
    print("duckdb: load %.2f s, normalise %.2f s, checks %.2f s, write %.2f s"
          % tuple(b - a for a, b in zip(t, t[1:])), file=sys.stderr)
    counts = con.execute("SELECT rule, count(*) FROM findings GROUP BY rule ORDER BY rule").fetchall()
    rows = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("sys_hh", "sys_mem", "arc_hh", "arc_mem", "wall", "itv_hh", "insp")}
    return counts, rows


def timed(fn, *a):
    t = time.perf_counter()
    r = fn(*a)
    return r, time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input")
    ap.add_argument("--work", help="folder for the flattened XML (default: OUT/flat)")
    ap.add_argument("--out", default="baseline-out")
    ap.add_argument("--phase", choices=["all", "flatten", "sql"], default="all")
    ap.add_argument("--as-of", default="2020-12-31")
    ap.add_argument("--parser", choices=["auto", "lxml", "etree"], default="auto")
    ap.add_argument("--threads", type=int, default=0, help="DuckDB threads (default: all cores)")
    ap.add_argument("--flatten-jobs", type=int, default=min(2, os.cpu_count() or 1),
                    help="1: flatten the two XML files one after the other; 2 (default on 2+ cores): at once")
    ap.add_argument("--memory-limit", default="", help="DuckDB memory_limit, e.g. 2GB (default: DuckDB's)")
    args = ap.parse_args()
    work = args.work or os.path.join(args.out, "flat")
    os.makedirs(work, exist_ok=True)
    parser = args.parser
    if parser == "auto":
        try:
            import lxml.etree  # noqa: F401
            parser = "lxml"
        except ImportError:
            parser = "etree"
    timings = {}
    if args.phase in ("all", "flatten"):
        t0 = time.perf_counter()
        archive = find_input(args.input, "archive/archive.xml")
        interview = find_input(args.input, "interview/survey.xml.gz")
        if args.flatten_jobs > 1:
            # the two XML files in two processes (one core each); the wall CSV meanwhile here
            from concurrent.futures import ProcessPoolExecutor
            with ProcessPoolExecutor(2) as pool:
                fa = pool.submit(timed, flatten_archive, archive, work, parser)
                fi = pool.submit(timed, flatten_interview, interview, work, parser)
                enc = transcode(find_input(args.input, "wall/cards.csv"), os.path.join(work, "wall.csv"))
                t_wall = time.perf_counter() - t0
                (ah, am), t_a = fa.result()
                (ih, im), t_i = fi.result()
        else:
            (ah, am), t_a = timed(flatten_archive, archive, work, parser)
            (ih, im), t_i = timed(flatten_interview, interview, work, parser)
            t_wall, enc = timed(transcode, find_input(args.input, "wall/cards.csv"), os.path.join(work, "wall.csv"))[::-1]
        timings.update(flatten_archive_xml=t_a, flatten_interview_xml=t_i, transcode_wall_csv=t_wall,
                       flatten_total=time.perf_counter() - t0)
        print(f"flatten ({parser}): archive {ah} households {am} members; interview {ih} submissions "
              f"{im} members; wall read as {enc}", file=sys.stderr)
    if args.phase in ("all", "sql"):
        t0 = time.perf_counter()
        counts, rows = run_sql(args.input, work, args.out, args.as_of, args.threads, args.memory_limit)
        timings["duckdb_sql"] = time.perf_counter() - t0
        print("rows: " + ", ".join(f"{k}={v}" for k, v in rows.items()))
        total = 0
        for rule, n in counts:
            print(f"{rule}\t{n}")
            total += n
        print(f"total\t{total}")
    print("timings_seconds: " + ", ".join(f"{k}={v:.2f}" for k, v in timings.items()))


if __name__ == "__main__":
    main()
