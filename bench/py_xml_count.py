#!/usr/bin/env python3
"""Baseline for bench/ingest.sh: count record elements with xml.etree.ElementTree's pull parser.

UTF-8 files go to `iterparse`; expat cannot read GBK itself, so a GBK file is decoded by Python's
codec in 1 MiB chunks and fed as text to an `XMLPullParser` (same parser, same events).
"""
import sys
import xml.etree.ElementTree as ET

path, tag = sys.argv[1], sys.argv[2]
encoding = sys.argv[3] if len(sys.argv) > 3 else None
count = 0
if encoding is None:
    for _, elem in ET.iterparse(path, events=("end",)):
        if elem.tag == tag:
            count += 1
            elem.clear()
else:
    parser = ET.XMLPullParser(events=("end",))
    with open(path, encoding=encoding) as f:
        first = True
        while True:
            text = f.read(1 << 20)
            if not text:
                break
            if first:  # drop the declaration: the text is already decoded
                text = text[text.index("?>") + 2:] if text.startswith("<?xml") else text
                first = False
            parser.feed(text)
            for _, elem in parser.read_events():
                if elem.tag == tag:
                    count += 1
                    elem.clear()
    parser.close()
print(count, "records", file=sys.stderr)
