#!/usr/bin/env python3
"""Regenerates src/test/resources/malicious/history/: hostile and broken history entries.

Usage: python3 src/test/python/make_malicious_history.py

Each file is what a tampered or damaged CI cache could hand the check as an entry of its history directory
(MaliciousHistoryTest names, for each, the refusal expected or, for the last two, how it is shown). They start
from the documented example of HistoryFormat (in format 1, which is still read, or format 2) and change one thing.
"""

import copy
import json
import os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "malicious", "history")
BASE = {"historyFormat": 1, "build": "4f2a9c1", "time": "2026-12-07T04:45:40Z", "result": "passed",
        "snapshots": [{"name": "battle.pickle", "totalBytes": 100, "traces": 3,
                       "directories": {"client": 60, "common": 40}}],
        "budgets": [{"path": "client", "scope": "self", "snapshot": "battle.pickle", "bytes": 60, "status": "ok"}]}
TEXT = json.dumps(BASE)
# The same entry in historyFormat 2, each budget's figures as [snapshot index, bytes, status].
BASE_2 = dict(BASE, historyFormat=2, budgets=[{"path": "client", "scope": "self", "figures": [[0, 60, "ok"]]}])


def changed(change, base=BASE):
    document = copy.deepcopy(base)
    change(document)
    return json.dumps(document, ensure_ascii=False) + "\n"


def changed_2(change):
    return changed(change, BASE_2)


FILES = {
    # a key a data-binding reader would use to pick a class to instantiate
    "class-key.json": changed(lambda d: d.update({"@class": "java.lang.ProcessBuilder"})),
    # 20,000 directories in 250 KB: charts and legends that grow with the data
    "many-directories.json": changed(lambda d: d["snapshots"][0].update(
        directories={"d%d" % i: 1 for i in range(20000)})),
    "long-label.json": changed(lambda d: d.update(build="x" * 201)),
    # a label that would clear the terminal and forge a log line
    "control-label.json": changed(lambda d: d.update(build="build\u001b[2J\r\nINFO forged line")),
    "future-format.json": changed(lambda d: d.update(historyFormat=999)),
    "negative-bytes.json": changed(lambda d: d["budgets"][0].update(bytes=-5)),
    "huge-float.json": changed(lambda d: d["snapshots"][0].update(totalBytes=1.5e300)),
    "huge-integer.json": TEXT.replace('"totalBytes": 100', '"totalBytes": ' + "9" * 5000),
    "nested-arrays.json": TEXT.replace('"budgets": [', '"budgets": ' + "[" * 100000 + "[", 1),
    "duplicate-result.json": TEXT.replace('"result": "passed"', '"result": "passed", "result": "failed"'),
    "null-snapshots.json": TEXT.replace('"snapshots": [', '"snapshots": null, "x": [', 1),
    "utf16.json": TEXT.encode("utf-16"),
    "nul-bytes.json": b"\x00" * 64,
    "trailing.json": TEXT + "\n{\"historyFormat\": 1}",
    "string-number.json": TEXT.replace('"traces": 3', '"traces": "3"'),
    "time-not-utc.json": TEXT.replace("2026-12-07T04:45:40Z", "2026-12-07T04:45:40+02:00"),
    # format 1: a figure of a snapshot the entry does not hold
    "unknown-snapshot.json": changed(lambda d: d["budgets"][0].update(snapshot="../../etc/passwd")),
    # format 2: a figure's snapshot index out of the entry's, past an int, a figure of two values, and format 1's
    # figure under format 2's number
    "snapshot-index-out-of-range.json": changed_2(lambda d: d["budgets"][0].update(figures=[[7, 60, "ok"]])),
    "snapshot-index-huge.json": changed_2(lambda d: d["budgets"][0].update(figures=[[2 ** 31, 60, "ok"]])),
    "short-figure.json": changed_2(lambda d: d["budgets"][0].update(figures=[[0, 60]])),
    "format-1-figure-as-2.json": changed(lambda d: d.update(historyFormat=2)),
    # readable, but hostile where it is shown: the report's page and charts, the log, memflame.md
    "xss-labels.json": changed(lambda d: (d.update(build="\"><script>alert(1)</script>", result="failed"),
                                          d["snapshots"][0].update(directories={
                                              "<img src=x onerror=alert(2)>": 60,
                                              "]]></svg><script>alert(3)</script>": 40}))),
    "bidi-label.json": changed(lambda d: d.update(build="\u202eyp.evil")),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, content in sorted(FILES.items()):
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(content if isinstance(content, bytes) else content.encode("utf-8"))
        print(name)


if __name__ == "__main__":
    main()
