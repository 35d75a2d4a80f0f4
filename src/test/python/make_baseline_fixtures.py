#!/usr/bin/env python3
"""Regenerates src/test/resources/baseline/: two real runs of the game-demo scenes and CPython's figures.

Usage: python3 src/test/python/make_baseline_fixtures.py [PYTHON]

PYTHON (default: pyenv's 3.11) runs examples/game-demo's run_scenes.py twice, each in a fresh process:
- before/: the game as it is;
- after/:  the same scenes with a deliberate leak in one module: BattleController._tick in
  client/controller/battle_controller.py also appends an 8 KiB buffer per round to the module-level
  _BATTLES list, on the same source line (line numbers elsewhere do not move).

The game runs from a temporary copy (the leak is patched into the copy, the demo stays as it is), compiled
with the studio's Windows file names, so the dumps look like the studio's. oracle.json then holds what
CPython's own tracemalloc computes from the files written (Snapshot.load, statistics, compare_to), with
paths normalized as memflame's stripPrefixes does (the studio root removed, '\\' as '/'):

  {"python": "3.11.7", "stripPrefix": "I:\\G1\\...\\Python\\", "leak": {...},
   "snapshots": {"scene-3-battle.pickle": {
       "before": {"traces": N, "totalBytes": N, "byLine": {"path:line": bytes}, "byFile": {"path": bytes},
                  "selfByDirectory": {"client/controller": bytes}, "totalByDirectory": {...}},
       "after": {...},
       "compareToLineno": [["path:line", sizeBefore, sizeAfter, sizeDiff]]}}}

selfByDirectory counts the traces whose allocating frame is under the directory (a budget's scope self),
totalByDirectory those with any frame under it (scope total). compareToLineno is
after.compare_to(before, 'lineno') (largest absolute change first, as CPython sorts it), with
size_diff = size - the baseline's size.

The order of traces in a dump follows memory addresses, and a few sizes move by some bytes between runs,
so regenerated dumps are not byte-identical to the committed ones; the oracle always matches the files.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
GAME_DIR = os.path.join(ROOT, "examples", "game-demo", "src", "main", "python")
OUT = os.path.join(ROOT, "src", "test", "resources", "baseline")
DEFAULT_PYTHON = "/root/.pyenv/versions/3.11.7/bin/python"
STUDIO_ROOT = "I:\\G1\\trunk\\code\\Script\\Python\\"

LEAK_FILE = os.path.join("client", "controller", "battle_controller.py")
LEAK_LINE = "        self.damage_buffers.append(bytearray(24 * 1024))\n"
LEAKED_LINE = ("        self.damage_buffers.append(bytearray(24 * 1024)); "
               "_BATTLES.append(bytearray(8 * 1024))\n")

# Runs the game copy's scenes under tracemalloc; run_scenes.py is compiled as "run_scenes.py" so the root
# frames do not carry the temporary directory's name.
DRIVER = r'''
import os, sys
game_dir, out_dir = sys.argv[1:3]
path = os.path.join(game_dir, "run_scenes.py")
with open(path, "rb") as f:
    source = f.read().decode("utf-8")
g = {"__name__": "run_scenes", "__file__": path}
exec(compile(source, "run_scenes.py", "exec"), g)
g["run_scenes"](out_dir)
'''

# Computes the oracle with the same interpreter's tracemalloc, from the files as written.
ORACLE = r'''
import json, os, sys, tracemalloc
before_dir, after_dir, strip = sys.argv[1:4]

def norm(filename):
    if filename.startswith(strip):
        filename = filename[len(strip):]
    return filename.replace("\\", "/")

def site(filename, lineno):
    return norm(filename) + ":" + str(lineno)

def directories(path):
    parts = path.split("/")[:-1]
    return [d for d in ("/".join(parts[:i]) for i in range(1, len(parts) + 1)) if d]

def figures(snapshot):
    by_line = {}
    for stat in snapshot.statistics("lineno"):
        frame = stat.traceback[0]
        by_line[site(frame.filename, frame.lineno)] = stat.size
    by_file = {norm(stat.traceback[0].filename): stat.size for stat in snapshot.statistics("filename")}
    self_dirs, total_dirs = {}, {}
    for trace in snapshot.traces:
        # Python 3.7+ Traceback objects run from the oldest frame to the most recent (allocating) one
        allocating = norm(trace.traceback[-1].filename)
        for d in directories(allocating):
            self_dirs[d] = self_dirs.get(d, 0) + trace.size
        seen = set()
        for frame in trace.traceback:
            seen.update(directories(norm(frame.filename)))
        for d in seen:
            total_dirs[d] = total_dirs.get(d, 0) + trace.size
    return {"traces": len(snapshot.traces), "totalBytes": sum(t.size for t in snapshot.traces),
            "byLine": dict(sorted(by_line.items())), "byFile": dict(sorted(by_file.items())),
            "selfByDirectory": dict(sorted(self_dirs.items())),
            "totalByDirectory": dict(sorted(total_dirs.items()))}

result = {}
for name in sorted(os.listdir(after_dir)):
    if sys.version_info < (3, 7):
        raise SystemExit("the oracle needs Python 3.7+ (frame order of Traceback)")
    before = tracemalloc.Snapshot.load(os.path.join(before_dir, name))
    after = tracemalloc.Snapshot.load(os.path.join(after_dir, name))
    compared = [[site(d.traceback[0].filename, d.traceback[0].lineno), d.size - d.size_diff, d.size, d.size_diff]
                for d in after.compare_to(before, "lineno")]
    result[name] = {"before": figures(before), "after": figures(after), "compareToLineno": compared}
json.dump(result, sys.stdout)
'''


def run(args, **kwargs):
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONTRACEMALLOC", None)
    return subprocess.run(args, check=True, env=env, **kwargs)


def game_copy(tmp, name, leak):
    game = os.path.join(tmp, name)
    shutil.copytree(GAME_DIR, game, ignore=shutil.ignore_patterns("__pycache__"))
    if leak:
        path = os.path.join(game, LEAK_FILE)
        with open(path, encoding="utf-8") as f:
            lines = f.readlines()
        if lines.count(LEAK_LINE) != 1:
            raise SystemExit("the leak line is not in " + path + " exactly once; update LEAK_LINE")
        lines[lines.index(LEAK_LINE)] = LEAKED_LINE
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(lines)
    return game


def main(argv):
    python = argv[1] if len(argv) > 1 else DEFAULT_PYTHON
    version = run([python, "-c", "import platform; print(platform.python_version())"],
                  capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        for run_name, leak in (("before", False), ("after", True)):
            out_dir = os.path.join(OUT, run_name)
            shutil.rmtree(out_dir, ignore_errors=True)
            os.makedirs(out_dir)
            run([python, "-c", DRIVER, game_copy(tmp, run_name, leak), out_dir])
    oracle = json.loads(run([python, "-c", ORACLE, os.path.join(OUT, "before"), os.path.join(OUT, "after"),
                             STUDIO_ROOT], capture_output=True, text=True).stdout)
    leak_line = LEAK_FILE.replace(os.sep, "/") + ":" + str(_line_number())
    document = {"python": version, "stripPrefix": STUDIO_ROOT,
                "leak": {"site": leak_line, "what": "8 KiB more per battle round, kept in _BATTLES"},
                "snapshots": oracle}
    with open(os.path.join(OUT, "oracle.json"), "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1, ensure_ascii=False)
        f.write("\n")
    for name, figures in oracle.items():
        print("%s: %d -> %d bytes" % (name, figures["before"]["totalBytes"], figures["after"]["totalBytes"]))
    return 0


def _line_number():
    with open(os.path.join(GAME_DIR, LEAK_FILE), encoding="utf-8") as f:
        return f.readlines().index(LEAK_LINE) + 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
