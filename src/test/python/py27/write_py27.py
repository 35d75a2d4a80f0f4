# -*- coding: utf-8 -*-
"""Runs under Python 2.7: turns raw python3 traces (JSON) into Python 2.7-style dumps.

  python2.7 write_py27.py pickle IN.json ENCODING OUT.pickle   # cPickle protocol 2 Snapshot
  python2.7 write_py27.py json   IN.json OUT.json              # json.dump of (size, traceback)
  python2.7 write_py27.py tagged IN.json OUT.json              # json.dump of (size, traceback, tag)

IN.json is ``json.dump(tracemalloc._get_traces())`` from python3 (4-tuples). Filenames become byte
strings in ENCODING (Python 2 ``str``), line numbers of ``<...>`` pseudo-files become None (as
pytracemalloc reports an unknown line), and filenames, frames and tracebacks are interned like the C
module does, so the pickle shares them through the memo (BINPUT/LONG_BINPUT, BINGET/LONG_BINGET).
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cPickle  # noqa: E402
import tracemalloc  # noqa: E402  (the stand-in next to this file)

TRACEBACK_LIMIT = 25


class Interner(object):
    def __init__(self, encoding):
        self.encoding = encoding
        self.names = {}
        self.frames = {}
        self.tracebacks = {}

    def name(self, text):
        if text not in self.names:
            self.names[text] = text.encode(self.encoding)
        return self.names[text]

    def frame(self, filename, lineno):
        if filename.startswith(u"<"):
            lineno = None
        key = (filename, lineno)
        if key not in self.frames:
            self.frames[key] = (self.name(filename), lineno)
        return self.frames[key]

    def traceback(self, frames):
        tb = tuple(self.frame(f[0], f[1]) for f in frames)
        return self.tracebacks.setdefault(tb, tb)


def read_traces(path, encoding):
    with open(path) as f:
        raw = json.load(f)
    interner = Interner(encoding)
    return [(trace[1], interner.traceback(trace[2])) for trace in raw]


def tag_of(traceback):
    leaf = traceback[0][0].replace("\\", "/").rsplit("/", 1)[-1]
    if leaf.startswith("socket"):
        return "socket"
    return leaf.rsplit(".", 1)[0]


def main(argv):
    mode = argv[1]
    if mode == "pickle":
        encoding, out = argv[3], argv[4]
        traces = read_traces(argv[2], encoding)
        # sizes beyond 2**31: a Python 2 int (cPickle writes INT text) and a long (LONG1)
        traces.append((3 * 2 ** 30, traces[0][1]))
        traces.append((long(5 * 2 ** 40), traces[-2][1]))
        # a filename of 256 bytes or more is written as BINSTRING, shorter ones as SHORT_BINSTRING
        long_name = ("I:\\G1\\trunk\\code\\Script\\Python\\" + "deep\\" * 60 + "leaf.py").encode(encoding)
        traces.append((4321, ((long_name, 12), traces[0][1][-1])))
        with open(out, "wb") as f:
            cPickle.dump(tracemalloc.Snapshot(traces, TRACEBACK_LIMIT), f, 2)
    elif mode in ("json", "tagged"):
        out = argv[3]
        traces = read_traces(argv[2], "utf-8")
        if mode == "tagged":
            traces = [(size, tb, tag_of(tb)) for size, tb in traces]
        with open(out, "w") as f:
            json.dump(traces, f)
    else:
        raise SystemExit("unknown mode " + mode)


if __name__ == "__main__":
    main(sys.argv)
