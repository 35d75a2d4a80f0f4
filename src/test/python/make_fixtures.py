#!/usr/bin/env python3
"""Regenerates src/test/resources/fixtures/ and its oracle.json from real CPython runs.

Usage: python3 src/test/python/make_fixtures.py

Runs the game-demo scenes (examples/game-demo/src/main/python/run_scenes.py) under every pyenv
CPython 3.x it finds (PYENV_VERSIONS, default /root/.pyenv/versions), writes the Python 2.7-style
dumps through Python 2.7 itself (py27/write_py27.py), derives the JSON, folded, gzip, edge and
broken fixtures, and computes oracle.json with this interpreter's own tracemalloc. It ends with a
self-check that reloads every pickle fixture and compares it with the oracle.

Deterministic as far as CPython allows: PYTHONHASHSEED=0, gzip mtime 0, sorted oracle lists. The
order of traces inside a dump follows memory addresses and sizes can move by a few bytes between
runs, so regenerated dumps are not byte-identical; the oracle always matches the files written.
"""

import argparse
import collections
import gzip
import io
import json
import os
import pickle
import pickletools
import re
import shutil
import subprocess
import sys
import tempfile
import tracemalloc

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
GAME_DIR = os.path.join(ROOT, "examples", "game-demo", "src", "main", "python")
OUT = os.path.join(ROOT, "src", "test", "resources", "fixtures")
PYENV_VERSIONS = os.environ.get("PYENV_VERSIONS", "/root/.pyenv/versions")
LIMIT = 25

LAYOUT_2 = "(size, traceback)"
LAYOUT_3 = "(domain, size, traceback)"
LAYOUT_4 = "(domain, size, traceback, total_nframe)"
LAYOUT_TAGGED = "(size, traceback, tag)"
LAYOUT_FOLDED = "frame;frame;frame bytes (root first, frame = filename:lineno)"

# Runs the game under a given interpreter. run_scenes.py is compiled with the file name
# "run_scenes.py" (and this driver is "<string>"), so the root frames of the dumps do not carry the
# absolute path of this checkout. Mode "pickle" dumps Snapshot.dump() after each scene (exactly what
# run_scenes.py does), mode "json" dumps json.dump(tracemalloc._get_traces()) after each scene.
DRIVER = r'''
import json, os, sys, tracemalloc
game_dir, mode, out_dir = sys.argv[1:4]
path = os.path.join(game_dir, "run_scenes.py")
with open(path, "rb") as f:
    source = f.read().decode("utf-8")
g = {"__name__": "run_scenes", "__file__": path}
exec(compile(source, "run_scenes.py", "exec"), g)
if mode == "pickle":
    g["run_scenes"](out_dir)
else:
    loaded = g["load_game"]()
    tracemalloc.start(g["TRACEBACK_LIMIT"])
    for name, module in loaded:
        module.run()
        with open(os.path.join(out_dir, name + ".json"), "w") as f:
            json.dump(tracemalloc._get_traces(), f)
'''

# Re-dumps a real dump in an older layout with the interpreter's own Snapshot.dump().
REDUMP = r'''
import sys, tracemalloc
src, dst, container = sys.argv[1:4]
snap = tracemalloc.Snapshot.load(src)
raw = [(t[1], t[2]) if len(t) >= 3 else t for t in snap.traces._traces]
if container == "tuple":
    raw = tuple(raw)
tracemalloc.Snapshot(raw, snap.traceback_limit).dump(dst)
'''


def log(message):
    print(message, flush=True)


def interpreters():
    """(tag, version, path) of every CPython 3.x under PYENV_VERSIONS, oldest first."""
    found = []
    for name in os.listdir(PYENV_VERSIONS) if os.path.isdir(PYENV_VERSIONS) else []:
        m = re.fullmatch(r"3\.(\d+)\.(\d+)", name)
        exe = os.path.join(PYENV_VERSIONS, name, "bin", "python")
        if m and os.path.exists(exe):
            found.append((int(m.group(1)), "py3" + m.group(1), name, exe))
    return [(tag, version, exe) for _, tag, version, exe in sorted(found)]


def python27():
    exe = os.path.join(PYENV_VERSIONS, "2.7.18", "bin", "python")
    if not os.path.exists(exe):
        raise SystemExit("Python 2.7 not found at " + exe)
    return exe


def run(args, **kwargs):
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONTRACEMALLOC", None)
    subprocess.run(args, check=True, env=env, **kwargs)


def run_game(exe, mode, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    run([exe, "-c", DRIVER, GAME_DIR, mode, out_dir])


def out(relpath):
    path = os.path.join(OUT, *relpath.split("/"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def write_bytes(relpath, data):
    with open(out(relpath), "wb") as f:
        f.write(data)


def read_bytes(relpath):
    with open(out(relpath), "rb") as f:
        return f.read()


def gzip_bytes(data):
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0) as z:
        z.write(data)
    return buf.getvalue()


def pickle_protocol(data):
    return data[1] if data[:1] == b"\x80" else 0


# ---------------------------------------------------------------------------------------------
# Oracle: statistics by CPython's own tracemalloc.

def normalize(raw, encoding=None):
    """Any raw layout -> 4-tuples this interpreter's Snapshot accepts, and a note if needed."""
    notes = set()
    result = []
    for t in raw:
        t = tuple(t)
        if len(t) == 2 or (len(t) == 3 and isinstance(t[2], str)):  # (size, tb) / (size, tb, tag)
            domain, size, tb, nframe = 0, t[0], t[1], None
        elif len(t) == 3:
            domain, size, tb, nframe = t[0], t[1], t[2], None
        else:
            domain, size, tb, nframe = t[0], t[1], t[2], t[3]
        frames = []
        for frame in tb:
            filename, lineno = frame[0], frame[1]
            if isinstance(filename, bytes):
                filename = filename.decode(encoding)
            if lineno is None:
                notes.add("a None line number counts as line 0")
                lineno = 0
            frames.append((filename, lineno))
        if not frames:
            notes.add("an empty traceback counts as the frame ('<unknown>', 0), as CPython's C module "
                      "records a traceback it cannot get")
            frames = [("<unknown>", 0)]
        result.append((domain, size, tuple(frames), len(frames) if nframe is None else nframe))
    return result, sorted(notes)


def oracle_entry(relpath, fmt, python, layout, raw, limit, encoding="UTF-8", protocol=None):
    stacks = len({tuple(tuple(f) for f in t[1 if len(t) == 2 or isinstance(t[2], str) else 2])
                  for t in map(tuple, raw)})
    traces, notes = normalize(raw, None if encoding is None else encoding.lower())
    snap = tracemalloc.Snapshot(traces, limit)
    by_file = {}
    for stat in snap.statistics("filename"):
        by_file[stat.traceback[0].filename] = stat.size
    by_line = sorted(([s.traceback[0].filename, s.traceback[0].lineno, s.size]
                      for s in snap.statistics("lineno")), key=lambda r: (-r[2], r[0], r[1]))
    entry = collections.OrderedDict([
        ("file", relpath), ("format", fmt), ("fileNameEncoding", encoding),
        ("python", python), ("layout", layout),
    ])
    if protocol is not None:
        entry["protocol"] = protocol
    entry["traces"] = len(traces)
    entry["totalBytes"] = sum(t[1] for t in traces)
    entry["byFile"] = dict(sorted(by_file.items(), key=lambda kv: (-kv[1], kv[0])))
    entry["byLine"] = by_line
    entry["stacks"] = stacks
    if notes:
        entry["note"] = "; ".join(notes)
    return entry


def layout_of(raw):
    if not raw:
        return LAYOUT_4
    first = tuple(raw[0])
    if len(first) == 2:
        return LAYOUT_2
    if len(first) == 3:
        return LAYOUT_TAGGED if isinstance(first[2], str) else LAYOUT_3
    return LAYOUT_4


def load_pickle_bytes(data, py2=False):
    if py2:
        # A 2.7 dump holds byte strings; latin-1 keeps every byte so they can be re-decoded.
        return pickle.loads(data, encoding="latin1")
    return pickle.loads(data)


def raw_from_py2(snap):
    # latin-1 str -> the original bytes
    return [(size, tuple((f[0].encode("latin1"), f[1]) for f in tb)) for size, tb in snap.traces._traces]


def pickle_entry(relpath, python, py2=False, encoding="UTF-8"):
    data = read_bytes(relpath)
    if relpath.endswith(".gz") or data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    snap = load_pickle_bytes(data, py2)
    raw = raw_from_py2(snap) if py2 else list(snap.traces._traces)
    return oracle_entry(relpath, "tracemalloc-pickle", python, layout_of(raw), raw,
                        snap.traceback_limit, encoding, pickle_protocol(data))


def json_entry(relpath, python):
    data = read_bytes(relpath)
    if relpath.endswith(".gz"):
        data = gzip.decompress(data)
    doc = json.loads(data.decode("utf-8"))
    limit = LIMIT
    if isinstance(doc, dict):
        limit = doc["traceback_limit"]
        doc = doc["traces"]
    raw = [tuple(tuple(tuple(f) for f in x) if isinstance(x, list) else x for x in t) for t in doc]
    return oracle_entry(relpath, "json-traces", python, layout_of(raw), raw, limit)


def parse_folded(text):
    stacks = []
    for line in text.splitlines():
        if not line.strip():
            continue
        stack, count = line.rsplit(" ", 1)
        frames = []
        for frame in stack.split(";"):
            filename, lineno = frame.rsplit(":", 1)
            frames.append((filename, int(lineno)))
        stacks.append((int(count), tuple(reversed(frames))))  # leaf first, as tracemalloc stores
    return stacks


def folded_entry(relpath, python):
    data = read_bytes(relpath)
    if relpath.endswith(".gz"):
        data = gzip.decompress(data)
    raw = parse_folded(data.decode("utf-8"))
    entry = oracle_entry(relpath, "folded", python, LAYOUT_FOLDED, raw, LIMIT)
    return entry


def to_folded(raw):
    """Folded stacks of a 3.x snapshot: one line per distinct traceback, bytes summed."""
    sizes = collections.Counter()
    for t in raw:
        tb = t[2]
        sizes[";".join("%s:%d" % (f[0], f[1]) for f in reversed(tb))] += t[1]
    return "".join("%s %d\n" % (stack, size) for stack, size in sorted(sizes.items()))


# ---------------------------------------------------------------------------------------------
# Fixture groups.

def make_version_dumps(tmp, versions):
    """1. a real Snapshot.dump() of scene-3-battle from every CPython 3.x."""
    for tag, version, exe in versions:
        work = os.path.join(tmp, tag)
        run_game(exe, "pickle", work)
        shutil.copyfile(os.path.join(work, "scene-3-battle.pickle"), out(tag + "/battle.pickle"))
        log("%s/battle.pickle (%s): %d bytes" % (tag, version, os.path.getsize(out(tag + "/battle.pickle"))))


def make_py35_layout(versions):
    """2. the 3.4/3.5 (size, traceback) layout, re-dumped by a protocol-4 CPython (3.6/3.7)."""
    proto4 = [v for v in versions if v[0] in ("py37", "py36")]
    if not proto4:
        raise SystemExit("need CPython 3.6 or 3.7 for the protocol-4 (3.4/3.5) layout fixtures")
    tag, version, exe = proto4[-1]
    src = out(tag + "/battle.pickle")
    run([exe, "-c", REDUMP, src, out("py35-layout/battle.pickle"), "list"])
    run([exe, "-c", REDUMP, src, out("edge/py35-tuple-traces.pickle"), "tuple"])
    return version


def make_py27(tmp, raw_json_battle, raw_json_login):
    """3. Python 2.7 pytracemalloc-style pickles, 4. the 2.7 JSON dumps."""
    exe = python27()
    writer = os.path.join(HERE, "py27", "write_py27.py")
    run([exe, writer, "pickle", raw_json_battle, "utf-8", out("py27/battle.pickle")])
    run([exe, writer, "pickle", raw_json_battle, "gbk", out("py27/battle-gbk.pickle")])
    run([exe, writer, "json", raw_json_login, out("json/py27-traces.json")])
    run([exe, writer, "tagged", raw_json_login, out("json/py27-tagged.json")])


def make_edges(py311_raw):
    """7. edge values through this interpreter's own Snapshot(raw, limit).dump()."""
    tb = py311_raw[0][2]
    tb2 = py311_raw[1][2]

    def dump(relpath, raw, limit=LIMIT):
        tracemalloc.Snapshot(raw, limit).dump(out(relpath))

    dump("edge/big-sizes.pickle", [
        (0, 2 ** 31, tb, len(tb)),             # LONG1 (just past BININT)
        (0, 2 ** 31 + 12345, tb2, len(tb2)),
        (0, 2 ** 40 + 7, tb, len(tb)),         # a terabyte
        (0, 3 * 2 ** 50, tb2, len(tb2)),
        (0, 2 ** 62, (("big.py", 1),), 1),     # total 2**62 + ~3.4e15: still fits a long
        (0, 100, (("big.py", 2),), 1),
    ])
    dump("edge/total-overflow.pickle", [
        (0, 2 ** 63 - 1, (("overflow.py", 1),), 1),
        (0, 2 ** 62, (("overflow.py", 2),), 1),
        (0, 2 ** 62, (("overflow.py", 3),), 1),
    ])
    dump("edge/lone-surrogate.pickle", [
        (0, 4096, (("I:\\G1\\bad\\na\udcffme.py", 7), ("I:\\G1\\bad\\main.py", 3)), 2),
        (0, 64, (("ok.py", 1),), 1),
    ])
    dump("edge/xss.pickle", [
        (0, 1000, (("<script>alert(1)</script>.py", 1),), 1),
        (0, 2000, (("a&b\"c'.py", 2), ("<script>alert(1)</script>.py", 9)), 2),
        (0, 3000, (("客户端/界面/背包.py", 3),), 1),
        (0, 4000, (("../../etc/passwd.py", 4), ("客户端/界面/背包.py", 30)), 2),
    ])
    dump("edge/empty-traceback.pickle", [
        (0, 512, (), 0),
        (0, 256, (("main.py", 5),), 1),
    ])
    dump("edge/no-traces.pickle", [])
    long_name = "I:\\G1\\trunk\\code\\Script\\Python\\" + "deep\\" * 60 + "leaf.py"  # >= 256 bytes: BINUNICODE
    dump("edge/long-filename.pickle", [(0, 777, ((long_name, 1), ("main.py", 2)), 2)])


def make_broken(tmp):
    """8. inputs every reader must refuse."""
    good = read_bytes("py311/battle.pickle")
    cut = len(good) // 2
    write_bytes("broken/truncated.pickle", good[:cut])

    # the first NEWOBJ (0x81) -> REDUCE ('R'): both take (callable, args), no argument bytes
    pos = next(p for op, _, p in pickletools.genops(good) if op.name == "NEWOBJ")
    wrong = good[:pos] + b"R" + good[pos + 1:]
    write_bytes("broken/wrong-opcode.pickle", wrong)

    # the os.system payload: written with pickle, never loaded
    class Pwn:
        def __reduce__(self):
            return (os.system, ("echo pwned",))
    write_bytes("broken/os-system.pickle", pickle.dumps(Pwn(), protocol=4))

    # the same structure as a dump (NEWOBJ + BUILD {'traces', 'traceback_limit'}), wrong class
    snap = pickle.loads(good)
    impostor = argparse.Namespace(traces=snap.traces, traceback_limit=snap.traceback_limit)
    write_bytes("broken/wrong-global.pickle", pickle.dumps(impostor, protocol=pickle.HIGHEST_PROTOCOL))

    tb = [["I:\\G1\\trunk\\code\\Script\\Python\\net\\socket_pool.py", 19]]
    with open(out("broken/wrong-shape.json"), "w") as f:
        json.dump([[0, 128, "I:\\G1\\trunk\\code\\Script\\Python\\net\\socket_pool.py:19", 1],
                   [0, 64, tb, 1]], f)
    with open(out("broken/negative-size.json"), "w") as f:
        json.dump([[0, 128, tb, 1], [0, -4096, tb, 1]], f)
    with open(out("broken/non-numeric-count.folded"), "w") as f:
        f.write("run_scenes.py:88;I:\\G1\\trunk\\code\\Script\\Python\\client\\ui\\bag_panel.py:14 1024\n"
                "run_scenes.py:88;I:\\G1\\trunk\\code\\Script\\Python\\net\\socket_pool.py:19 12kB\n")
    good_json = read_bytes("json/py312-traces.json")
    write_bytes("broken/truncated.json", good_json[:len(good_json) // 2])
    gz = gzip_bytes(good)
    write_bytes("broken/truncated.pickle.gz", gz[:len(gz) // 2])

    # parse the os.system one only with pickletools (it never executes anything)
    ops = [op.name for op, _, _ in pickletools.genops(read_bytes("broken/os-system.pickle"))]
    assert "REDUCE" in ops and "STACK_GLOBAL" in ops, ops
    return [
        {"file": "broken/truncated.pickle",
         "what": "a real py311 dump cut at byte %d of %d" % (cut, len(good))},
        {"file": "broken/wrong-opcode.pickle",
         "what": "the real py311 dump with its first NEWOBJ opcode (byte %d) replaced by REDUCE" % pos},
        {"file": "broken/os-system.pickle",
         "what": "pickle.dumps (protocol 4) of an object whose __reduce__ is (os.system, ('echo pwned',)): "
                 "STACK_GLOBAL 'posix' 'system' + REDUCE; never load it with pickle"},
        {"file": "broken/wrong-global.pickle",
         "what": "the py311 snapshot's traces in an argparse.Namespace: the dump's NEWOBJ/BUILD shape "
                 "with global 'argparse' 'Namespace' instead of 'tracemalloc' 'Snapshot'"},
        {"file": "broken/wrong-shape.json",
         "what": "json traces whose first traceback is a string, not a list of [filename, lineno]"},
        {"file": "broken/negative-size.json", "what": "json traces with a size of -4096"},
        {"file": "broken/non-numeric-count.folded", "what": "folded stacks whose second count is '12kB'"},
        {"file": "broken/truncated.json",
         "what": "json/py312-traces.json cut at byte %d of %d" % (len(good_json) // 2, len(good_json))},
        {"file": "broken/truncated.pickle.gz",
         "what": "gzip of the py311 dump cut at byte %d of %d of the gzip stream" % (len(gz) // 2, len(gz))},
        {"file": "edge/total-overflow.pickle",
         "what": "a real Snapshot.dump() (CPython %s) of 3 traces, sizes 2**63-1, 2**62, 2**62: each fits "
                 "a signed 64-bit long, the total (%d) does not; must be rejected"
                 % (sys.version.split()[0], 2 ** 63 - 1 + 2 ** 63)},
    ]


# ---------------------------------------------------------------------------------------------

def self_check(oracle):
    """Reload every pickle fixture with tracemalloc.Snapshot.load and compare with the oracle."""
    checked = 0
    for entry in oracle["fixtures"]:
        if entry["format"] != "tracemalloc-pickle":
            continue
        path = out(entry["file"])
        py2 = entry["python"].startswith("2.")
        with open(path, "rb") as f:
            head = f.read(2)
        if head == b"\x1f\x8b":
            with gzip.open(path, "rb") as f:
                snap = pickle.load(f, encoding="latin1") if py2 else pickle.load(f)
        elif py2:
            with open(path, "rb") as f:
                snap = pickle.load(f, encoding="latin1")
        else:
            snap = tracemalloc.Snapshot.load(path)
        traces = snap.traces._traces
        size_index = 0 if entry["layout"] == LAYOUT_2 else 1
        assert len(traces) == entry["traces"], entry["file"]
        assert sum(t[size_index] for t in traces) == entry["totalBytes"], entry["file"]
        if entry["layout"] == LAYOUT_4 and "note" not in entry:
            by_file = {s.traceback[0].filename: s.size for s in snap.statistics("filename")}
            assert by_file == entry["byFile"], entry["file"]
            by_line = {(s.traceback[0].filename, s.traceback[0].lineno): s.size
                       for s in snap.statistics("lineno")}
            assert by_line == {(r[0], r[1]): r[2] for r in entry["byLine"]}, entry["file"]
        assert sum(entry["byFile"].values()) == entry["totalBytes"], entry["file"]
        checked += 1
    return checked


def main():
    if sys.version_info < (3, 9):
        raise SystemExit("run make_fixtures.py with python 3.9 or later")
    versions = interpreters()
    if not versions:
        raise SystemExit("no CPython 3.x under " + PYENV_VERSIONS)
    by_tag = {tag: (version, exe) for tag, version, exe in versions}
    me = sys.version.split()[0]
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    tmp = tempfile.mkdtemp(prefix="memflame-fixtures-")
    try:
        make_version_dumps(tmp, versions)

        # raw traces (json.dump(tracemalloc._get_traces())) after each scene
        for tag in ("py38", "py311", "py312"):
            run_game(by_tag[tag][1], "json", os.path.join(tmp, "json-" + tag))
        for tag in ("py38", "py312"):
            shutil.copyfile(os.path.join(tmp, "json-" + tag, "scene-1-login.json"),
                            out("json/%s-traces.json" % tag))
        with open(os.path.join(tmp, "json-py311", "scene-1-login.json")) as f:
            login311 = json.load(f)
        with open(out("json/object-form.json"), "w") as f:
            json.dump({"traces": login311, "traceback_limit": LIMIT}, f)
        make_py27(tmp, os.path.join(tmp, "json-py311", "scene-3-battle.json"),
                  os.path.join(tmp, "json-py311", "scene-1-login.json"))

        py35_python = make_py35_layout(versions)

        py311 = tracemalloc.Snapshot.load(out("py311/battle.pickle"))
        with open(out("folded/battle.folded"), "w", encoding="utf-8", newline="\n") as f:
            f.write(to_folded(py311.traces._traces))

        write_bytes("gz/battle.pickle.gz", gzip_bytes(read_bytes("py311/battle.pickle")))
        write_bytes("gz/traces.json.gz", gzip_bytes(read_bytes("json/py312-traces.json")))
        write_bytes("gz/battle.folded.gz", gzip_bytes(read_bytes("folded/battle.folded")))
        write_bytes("gz/no-extension-gzip.pickle", gzip_bytes(read_bytes("py310/battle.pickle")))

        make_edges(py311.traces._traces)
        broken = make_broken(tmp)

        fixtures = []
        for tag, version, _ in versions:
            fixtures.append(pickle_entry(tag + "/battle.pickle", version))
        fixtures.append(pickle_entry("py35-layout/battle.pickle", py35_python))
        fixtures.append(pickle_entry("py27/battle.pickle", "2.7.18", py2=True, encoding="UTF-8"))
        fixtures.append(pickle_entry("py27/battle-gbk.pickle", "2.7.18", py2=True, encoding="GBK"))
        fixtures.append(json_entry("json/py38-traces.json", by_tag["py38"][0]))
        fixtures.append(json_entry("json/py312-traces.json", by_tag["py312"][0]))
        fixtures.append(json_entry("json/py27-traces.json", "2.7.18"))
        fixtures.append(json_entry("json/py27-tagged.json", "2.7.18"))
        fixtures.append(json_entry("json/object-form.json", by_tag["py311"][0]))
        fixtures.append(folded_entry("folded/battle.folded", me))
        fixtures.append(pickle_entry("gz/battle.pickle.gz", by_tag["py311"][0]))
        fixtures.append(json_entry("gz/traces.json.gz", by_tag["py312"][0]))
        fixtures.append(folded_entry("gz/battle.folded.gz", me))
        fixtures.append(pickle_entry("gz/no-extension-gzip.pickle", by_tag["py310"][0]))
        for name in ("big-sizes", "lone-surrogate", "xss", "empty-traceback", "no-traces", "long-filename"):
            fixtures.append(pickle_entry("edge/%s.pickle" % name, me))
        fixtures.append(pickle_entry("edge/py35-tuple-traces.pickle", py35_python))

        oracle = {"fixtures": fixtures, "broken": broken}
        with open(out("oracle.json"), "w", encoding="utf-8", newline="\n") as f:
            json.dump(oracle, f, indent=1)  # ASCII: lone surrogates cannot be UTF-8
            f.write("\n")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    with open(out("oracle.json"), encoding="utf-8") as f:
        checked = self_check(json.load(f))
    total = sum(os.path.getsize(os.path.join(d, n)) for d, _, ns in os.walk(OUT) for n in ns)
    log("self-check: %d pickle fixtures match oracle.json; fixtures total %d bytes" % (checked, total))


if __name__ == "__main__":
    main()
