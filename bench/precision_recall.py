#!/usr/bin/env python3
"""Precision and recall per rule of a Fivefold run against a generated dataset's truth.csv.

    python3 bench/precision_recall.py DATASET_DIR OUTPUT_DIR [--markdown]

A finding is a true positive when a truth row explains it: same rule and household (for
village.class the same region code; for dataset-level findings such as vocabulary.unknown and
unregistered interview households a blank household), and the same member and field wherever
the truth row gives them (the rule GeneratedQualityTests applies). Precision per rule = explained
findings / findings; recall = truth rows explained by at least one finding / truth rows.
Python 3 standard library only.
"""
import csv
import sys
from collections import defaultdict


def read(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def matches(t, f):
    if t["rule"] != f["rule"] or t["household_id"] != f["household_id"]:
        return False
    if t["rule"] == "village.class" and t["region_code"] != f["region_code"]:
        return False
    if t["member_id"] and t["member_id"] != f["member_id"]:
        return False
    if t["field"] and t["field"] != f["field"]:
        return False
    return True


def score(truth, findings):
    by_key = defaultdict(list)
    for t in truth:
        by_key[(t["rule"], t["household_id"])].append(t)
    rules = sorted({t["rule"] for t in truth} | {f["rule"] for f in findings})
    stats = {r: {"findings": 0, "true": 0, "planted": 0, "found": 0} for r in rules}
    for f in findings:
        stats[f["rule"]]["findings"] += 1
        if any(matches(t, f) for t in by_key[(f["rule"], f["household_id"])]):
            stats[f["rule"]]["true"] += 1
    found_by_key = defaultdict(list)
    for f in findings:
        found_by_key[(f["rule"], f["household_id"])].append(f)
    for t in truth:
        stats[t["rule"]]["planted"] += 1
        if any(matches(t, f) for f in found_by_key[(t["rule"], t["household_id"])]):
            stats[t["rule"]]["found"] += 1
    return stats


def ratio(a, b):
    return "–" if b == 0 else "%.3f" % (a / b)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        sys.exit(__doc__)
    truth = read(args[0] + "/truth.csv")
    findings = read(args[1] + "/findings.csv")
    stats = score(truth, findings)
    total = {k: sum(s[k] for s in stats.values()) for k in ("findings", "true", "planted", "found")}
    if "--markdown" in sys.argv:
        print("| rule | findings | true | precision | planted | found | recall |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for rule, s in stats.items():
            print("| `%s` | %d | %d | %s | %d | %d | %s |" % (rule, s["findings"], s["true"], ratio(s["true"], s["findings"]),
                                                          s["planted"], s["found"], ratio(s["found"], s["planted"])))
        print("| **all** | %d | %d | **%s** | %d | %d | **%s** |" % (total["findings"], total["true"], ratio(total["true"], total["findings"]),
                                                                   total["planted"], total["found"], ratio(total["found"], total["planted"])))
    else:
        for rule, s in stats.items():
            print("%-28s precision %s (%d/%d)  recall %s (%d/%d)" % (rule, ratio(s["true"], s["findings"]), s["true"], s["findings"],
                                                                    ratio(s["found"], s["planted"]), s["found"], s["planted"]))
        print("%-28s precision %s (%d/%d)  recall %s (%d/%d)" % ("all", ratio(total["true"], total["findings"]), total["true"], total["findings"],
                                                                ratio(total["found"], total["planted"]), total["found"], total["planted"]))


if __name__ == "__main__":
    main()
