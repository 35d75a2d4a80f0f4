#!/usr/bin/env python3
"""Regenerates src/test/resources/moved/: real runs of the game-demo battle scene before and after an edit that
moves lines, and CPython's figures for them.

Usage: python3 src/test/python/make_moved_fixtures.py [PYTHON]

For each edit below, PYTHON (default: pyenv's 3.11) runs examples/game-demo's run_scenes.py twice, each in a fresh
process, from a temporary copy of the game: once as it is (before/), once with the edit applied to
client/controller/battle_controller.py (after/). Only the battle scene's dump is kept (the other scenes do not
run the edited module). The edits:

- inserted:      three lines (a comment, a constant, a blank line) inserted above `class BattleController`: every
                 line below moves down by 3, nothing allocates more;
- inserted-leak: the same, plus one leaking line in BattleController._tick, below its first line:
                 `_BATTLES.append(bytearray(8 * 1024))` keeps 8 KiB more per round;
- moved-function: BattleController._spawn_units moved from above _tick to the end of the class: it moves down,
                 the methods it leaves move up by 4 lines.

The edited file is committed beside the dumps (EDIT/src/client/controller/battle_controller.py) so that a test can
give it as the first source root, before examples/game-demo's sources; the dumps use the studio's Windows file
names as run_scenes.py compiles them. oracle.json holds what CPython's own tracemalloc computes from the files
written, paths normalized as memflame's stripPrefixes does:

  {"python": "3.11.7", "stripPrefix": "I:\\\\G1\\\\...\\\\Python\\\\", "file": "client/controller/battle_controller.py",
   "edits": {"inserted": {
       "lineMap": {"37": 40, ...},       # old line -> new line of every unchanged line of the edited file
       "leak": null | "client/controller/battle_controller.py:41",
       "before": {"totalBytes": N, "byLine": {"path:line": bytes}},
       "after": {...},
       "compareToLineno": [["path:line", sizeBefore, sizeAfter, sizeDiff]]}}}

compareToLineno is after.compare_to(before, 'lineno'), which matches by file and line number: a moved line is one
new line and one gone line there; lineMap says which old line a new one was, so that a test can find CPython's
figure for a moved line's old place.

The two runs of an edit copy the game into temporary directories of equal name length (a path the game builds
shows in its bytes). The order of traces in a dump follows memory addresses, and a few sizes move by some bytes between runs, so
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
OUT = os.path.join(ROOT, "src", "test", "resources", "moved")
DEFAULT_PYTHON = "/root/.pyenv/versions/3.11.7/bin/python"
STUDIO_ROOT = "I:\\G1\\trunk\\code\\Script\\Python\\"
EDITED = "client/controller/battle_controller.py"
SNAPSHOT = "scene-3-battle.pickle"

CLASS_LINE = "class BattleController(object):\n"
INSERTED = ["# Rounds are capped so that a runaway battle cannot hold the client forever.\n",
            "MAX_ROUNDS = 500\n",
            "\n"]
TICK_FIRST = "        self.damage_buffers.append(bytearray(24 * 1024))\n"
LEAK = "        _BATTLES.append(bytearray(8 * 1024))\n"
SPAWN = ["    def _spawn_units(self, count):\n",
         "        for unit_id in range(count):\n",
         "            self.units.append(Unit(unit_id))\n",
         "\n"]
THINK_LAST = "        return self._think(unit, depth - 1)\n"


def insert_lines(lines):
    at = once(lines, CLASS_LINE)
    return lines[:at] + new(INSERTED) + lines[at:]


def insert_lines_and_leak(lines):
    lines = insert_lines(lines)
    at = once(lines, TICK_FIRST) + 1
    return lines[:at] + new([LEAK]) + lines[at:]


def move_function(lines):
    at = once(lines, SPAWN[0])
    if [text for _, text in lines[at:at + len(SPAWN)]] != SPAWN:
        raise SystemExit("_spawn_units is not as expected; update SPAWN")
    moved = lines[at:at + len(SPAWN) - 1]
    rest = lines[:at] + lines[at + len(SPAWN):]
    end = once(rest, THINK_LAST) + 1
    return rest[:end] + new(["\n"]) + moved + rest[end:]


def new(texts):
    """Lines the edit adds: they were no line before."""
    return [(None, text) for text in texts]


EDITS = (("inserted", insert_lines, False),
         ("inserted-leak", insert_lines_and_leak, True),
         ("moved-function", move_function, False))

DRIVER = r'''
import os, sys
game_dir, out_dir = sys.argv[1:3]
path = os.path.join(game_dir, "run_scenes.py")
with open(path, "rb") as f:
    source = f.read().decode("utf-8")
g = {"__name__": "run_scenes", "__file__": path}
exec(compile(source, "run_scenes.py", "exec"), g)
g["run_scenes"](out_dir, ["scene-1-login", "scene-2-town", "scene-3-battle"])
'''

ORACLE = r'''
import json, sys, tracemalloc
before_file, after_file, strip = sys.argv[1:4]

def site(frame):
    filename = frame.filename
    if filename.startswith(strip):
        filename = filename[len(strip):]
    return filename.replace("\\", "/") + ":" + str(frame.lineno)

def figures(snapshot):
    by_line = {site(stat.traceback[0]): stat.size for stat in snapshot.statistics("lineno")}
    return {"totalBytes": sum(t.size for t in snapshot.traces), "byLine": dict(sorted(by_line.items()))}

before = tracemalloc.Snapshot.load(before_file)
after = tracemalloc.Snapshot.load(after_file)
compared = [[site(d.traceback[0]), d.size - d.size_diff, d.size, d.size_diff]
            for d in after.compare_to(before, "lineno")]
json.dump({"before": figures(before), "after": figures(after), "compareToLineno": compared}, sys.stdout)
'''


def once(lines, line):
    """The index of the one (old line, text) pair with this text."""
    found = [i for i, (_, text) in enumerate(lines) if text == line]
    if len(found) != 1:
        raise SystemExit("expected %r once in %s, found it %d times" % (line, EDITED, len(found)))
    return found[0]


def run(args, **kwargs):
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONTRACEMALLOC", None)
    return subprocess.run(args, check=True, env=env, **kwargs)


def dump(python, tmp, name, edited_lines):
    game = os.path.join(tmp, name)
    shutil.copytree(GAME_DIR, game, ignore=shutil.ignore_patterns("__pycache__"))
    if edited_lines is not None:
        with open(os.path.join(game, *EDITED.split("/")), "w", encoding="utf-8", newline="") as f:
            f.writelines(edited_lines)
    out = os.path.join(tmp, name + "-dumps")
    os.makedirs(out)
    run([python, "-c", DRIVER, game, out])
    return os.path.join(out, SNAPSHOT)


def line_map(edited):
    """Old line -> new line of every line the edit kept, moved or not."""
    return {str(old): i + 1 for i, (old, _) in enumerate(edited) if old is not None}


def main(argv):
    python = argv[1] if len(argv) > 1 else DEFAULT_PYTHON
    version = run([python, "-c", "import platform; print(platform.python_version())"],
                  capture_output=True, text=True).stdout.strip()
    with open(os.path.join(GAME_DIR, *EDITED.split("/")), encoding="utf-8", newline="") as f:
        original = f.readlines()
    shutil.rmtree(OUT, ignore_errors=True)
    edits = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, edit, leaks in EDITS:
            numbered = edit([(i + 1, text) for i, text in enumerate(original)])
            edited = [text for _, text in numbered]
            directory = os.path.join(OUT, name)
            # Temporary directories of equal length: the length of a path the game builds shows in its bytes.
            for run_name, copy_name, lines in (("before", "run-1", None), ("after", "run-2", edited)):
                os.makedirs(os.path.join(directory, run_name))
                shutil.copyfile(dump(python, tmp, name + "-" + copy_name, lines),
                                os.path.join(directory, run_name, SNAPSHOT))
            source = os.path.join(directory, "src", *EDITED.split("/"))
            os.makedirs(os.path.dirname(source))
            with open(source, "w", encoding="utf-8", newline="") as f:
                f.writelines(edited)
            figures = json.loads(run([python, "-c", ORACLE, os.path.join(directory, "before", SNAPSHOT),
                                      os.path.join(directory, "after", SNAPSHOT), STUDIO_ROOT],
                                     capture_output=True, text=True).stdout)
            leak = EDITED + ":" + str(edited.index(LEAK) + 1) if leaks else None
            edits[name] = dict({"lineMap": line_map(numbered), "leak": leak}, **figures)
            print("%s: %d -> %d bytes" % (name, figures["before"]["totalBytes"], figures["after"]["totalBytes"]))
    document = {"python": version, "stripPrefix": STUDIO_ROOT, "file": EDITED, "edits": edits}
    with open(os.path.join(OUT, "oracle.json"), "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1, ensure_ascii=False)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
