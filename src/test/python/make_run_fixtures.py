#!/usr/bin/env python3
"""Regenerates src/test/resources/run/: two real runs of the game-demo scenes as one test run each, and
CPython's figures for them.

Usage: python3 src/test/python/make_run_fixtures.py [PYTHON]

PYTHON (default: pyenv's 3.11) runs a temporary copy of examples/game-demo (the demo stays as it is), with
the studio's Windows file names as run_scenes.py gives them, in two fresh processes:

- revisit/: town, battle, town again (scene-1-town, scene-2-battle, scene-3-town). Leaving a scene lets go of
  what it kept (its module-level lists are cleared), except one line of client/ui/bag_panel.py, patched to
  keep 100 KiB per visit in a list nobody clears: the second visit holds 100 KiB more there.
- rounds/: five battle rounds (battle-round-1 .. battle-round-5), each left before the next. One line of
  client/controller/battle_controller.py keeps 40 KiB per round (the leak), and another fills a 200 KiB sprite
  cache in round 1 only (the warm-up).

The patches replace whole source lines, so line numbers do not move. oracle.json then holds what CPython's
own tracemalloc computes from the files written (Snapshot.load, statistics('lineno'), compare_to), with the
studio root stripped and '\\' as '/', as memflame's stripPrefixes does:

  {"python": "3.11.7", "stripPrefix": "I:\\G1\\...\\Python\\",
   "revisit": {"from": "scene-1-town.pickle", "to": "scene-3-town.pickle", "leak": "client/ui/bag_panel.py:31",
               "selfByDirectory": {"scene-1-town.pickle": {"client": bytes, ...}, ...},
               "compareToLineno": [["path:line", sizeBefore, sizeAfter, sizeDiff], ...]},
   "rounds": {"leak": "path:line", "cache": "path:line",
              "selfByDirectory": {"battle-round-1.pickle": {...}, ...},
              "byLine": {"battle-round-1.pickle": {"path:line": bytes}, ...}}}

compareToLineno is to.compare_to(from, 'lineno'), in CPython's order (largest absolute change first).
The order of traces in a dump follows memory addresses, and a few sizes move by some bytes between runs, so
regenerated dumps are not byte-identical to the committed ones; the oracle always matches the files.
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
OUT = os.path.join(ROOT, "src", "test", "resources", "run")
DEFAULT_PYTHON = "/root/.pyenv/versions/3.11.7/bin/python"
STUDIO_ROOT = "I:\\G1\\trunk\\code\\Script\\Python\\"

BAG = os.path.join("client", "ui", "bag_panel.py")
BATTLE = os.path.join("client", "controller", "battle_controller.py")
# story: (file, line as in the demo, line in the copy), each patch keeping the line count
PATCHES = {"revisit": (
    (BAG, "_ICON_CACHE = {}\n", "_ICON_CACHE = {}; _VISITS = []\n"),
    (BAG, "    _OPEN.append(panel)\n", "    _OPEN.append(panel); _VISITS.append(bytearray(100 * 1024))\n"),
), "rounds": (
    (BATTLE, "_BATTLES = []\n", "_BATTLES = []; _REPLAYS = []; _SPRITES = []\n"),
    (BATTLE, "        _BATTLES.append(self)\n",
     "        _BATTLES.append(self); _REPLAYS.append(bytearray(40 * 1024))\n"),
    (BATTLE, "        self._spawn_units(40)\n",
     "        self._spawn_units(40); _SPRITES or _SPRITES.append(bytearray(200 * 1024))\n"),
)}

# Runs one of the two stories in the game copy under tracemalloc. Leaving a scene clears the module-level lists
# the scenes keep their objects in (_TOWNS, _OPEN, _BATTLES, _BARS, _POOL, _PACKETS), as a game unloads a scene.
DRIVER = r'''
import gc, os, sys, tracemalloc
game_dir, out_dir, story = sys.argv[1:4]
path = os.path.join(game_dir, "run_scenes.py")
with open(path, "rb") as f:
    source = f.read().decode("utf-8")
g = {"__name__": "run_scenes", "__file__": path}
exec(compile(source, "run_scenes.py", "exec"), g)
g["load_game"]()
from client.controller import town_controller, battle_controller
KEPT = ("_TOWNS", "_OPEN", "_BATTLES", "_BARS", "_POOL", "_PACKETS")

def leave():
    for module in list(sys.modules.values()):
        for name in KEPT:
            kept = getattr(module, name, None)
            if isinstance(kept, list) and getattr(module, "__file__", "").startswith("I:"):
                del kept[:]
    gc.collect()

def dump(name):
    snapshot = tracemalloc.take_snapshot()
    snapshot.dump(os.path.join(out_dir, name + ".pickle"))
    del snapshot

tracemalloc.start(g["TRACEBACK_LIMIT"])
if story == "revisit":
    town_controller.enter_town("Northwatch"); dump("scene-1-town"); leave()
    battle_controller.start_battle(10); dump("scene-2-battle"); leave()
    town_controller.enter_town("Northwatch"); dump("scene-3-town")
else:
    for round_no in range(1, 6):
        battle_controller.start_battle(10); dump("battle-round-%d" % round_no); leave()
'''

ORACLE = r'''
import json, os, sys, tracemalloc
run_dir, strip = sys.argv[1:3]

def norm(filename):
    if filename.startswith(strip):
        filename = filename[len(strip):]
    return filename.replace("\\", "/")

def site(frame):
    return norm(frame.filename) + ":" + str(frame.lineno)

def directories(path):
    parts = path.split("/")[:-1]
    return ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]

def self_by_directory(snapshot):
    dirs = {}
    for trace in snapshot.traces:
        for d in directories(norm(trace.traceback[-1].filename)):
            dirs[d] = dirs.get(d, 0) + trace.size
    return dict(sorted(dirs.items()))

names = sorted(os.listdir(run_dir))
snapshots = {name: tracemalloc.Snapshot.load(os.path.join(run_dir, name)) for name in names}
result = {"selfByDirectory": {n: self_by_directory(s) for n, s in snapshots.items()},
          "totalBytes": {n: sum(t.size for t in s.traces) for n, s in snapshots.items()},
          "byLine": {n: dict(sorted((site(st.traceback[0]), st.size) for st in s.statistics("lineno")))
                     for n, s in snapshots.items()}}
if len(names) == 3:
    before, after = snapshots[names[0]], snapshots[names[2]]
    result["from"], result["to"] = names[0], names[2]
    result["compareToLineno"] = [[site(d.traceback[0]), d.size - d.size_diff, d.size, d.size_diff]
                                 for d in after.compare_to(before, "lineno")]
json.dump(result, sys.stdout)
'''


def run(args, **kwargs):
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONTRACEMALLOC", None)
    return subprocess.run(args, check=True, env=env, **kwargs)


def game_copy(tmp, story):
    game = os.path.join(tmp, story)
    shutil.copytree(GAME_DIR, game, ignore=shutil.ignore_patterns("__pycache__"))
    for relpath, line, patched in PATCHES[story]:
        path = os.path.join(game, relpath)
        with open(path, encoding="utf-8") as f:
            lines = f.readlines()
        if lines.count(line) != 1:
            raise SystemExit("%r is not in %s exactly once; update PATCHES" % (line, path))
        lines[lines.index(line)] = patched
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(lines)
    return game


def line_of(relpath, line):
    with open(os.path.join(GAME_DIR, relpath), encoding="utf-8") as f:
        return relpath.replace(os.sep, "/") + ":" + str(f.readlines().index(line) + 1)


def main(argv):
    python = argv[1] if len(argv) > 1 else DEFAULT_PYTHON
    version = run([python, "-c", "import platform; print(platform.python_version())"],
                  capture_output=True, text=True).stdout.strip()
    document = {"python": version, "stripPrefix": STUDIO_ROOT}
    with tempfile.TemporaryDirectory() as tmp:
        for story in ("revisit", "rounds"):
            out_dir = os.path.join(OUT, story)
            shutil.rmtree(out_dir, ignore_errors=True)
            os.makedirs(out_dir)
            run([python, "-c", DRIVER, game_copy(tmp, story), out_dir, story])
            document[story] = json.loads(run([python, "-c", ORACLE, out_dir, STUDIO_ROOT],
                                             capture_output=True, text=True).stdout)
    document["revisit"]["leak"] = line_of(BAG, PATCHES["revisit"][1][1])
    document["rounds"]["leak"] = line_of(BATTLE, PATCHES["rounds"][1][1])
    document["rounds"]["cache"] = line_of(BATTLE, PATCHES["rounds"][2][1])
    with open(os.path.join(OUT, "oracle.json"), "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1, ensure_ascii=False)
        f.write("\n")
    for story in ("revisit", "rounds"):
        for name, dirs in document[story]["selfByDirectory"].items():
            print("%s/%s: client %d bytes" % (story, name, dirs.get("client", 0)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
