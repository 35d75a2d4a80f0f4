#!/usr/bin/env python3
"""Regenerates src/test/resources/history/sequence/: twelve builds of the game demo, one creeping leak.

Usage: python3 src/test/python/make_history_fixtures.py [PYTHON]

PYTHON (default: pyenv's 3.11) runs examples/game-demo's scenes twelve times, each in a fresh process from a
temporary copy of the game (the demo stays as it is), and keeps each build's scene-3-battle.pickle as
build-NN/scene-3-battle.pickle:

- a creeping leak: BattleController._tick in client/controller/battle_controller.py also appends a buffer to
  the module-level _BATTLES list, on the same source line (line numbers do not move). Its size is chosen so that
  the file's figure (scope self) in build N is about 1.03^(N-1) times build 1's: about 3% more per build;
- a jump: from build 9 on, common/data/skill_table.py keeps one buffer of 15% of the snapshot's total the
  build would have without it (measured by a run without the buffer), so that build 9 alone adds 15% to the
  total; battle_controller.py's figure does not see it.

oracle.json holds what CPython's own tracemalloc computes from each file kept (Snapshot.load), with paths
normalized as memflame's stripPrefixes does (the studio root removed, '\\' as '/'):

  {"python": "3.11.7", "stripPrefix": "I:\\G1\\...\\Python\\", "budgetPath": "client/controller/battle_controller.py",
   "builds": [{"label": "build-01", "totalBytes": N, "traces": N, "budgetBytes": N,
               "directories": {"client": N, "common": N, ...}}, ...],
   "expected": {"maxGrowthPercent": 5, "maxDriftPercent": 20, "driftReference": "build-01",
                "firstDriftFailure": "build-08", "jumpBuild": "build-09"}}

directories holds the bytes whose allocating file's first non-empty path component is the key. expected is derived from
those figures with memflame's documented rules: a growth of more than floor(figure * percent / 100) bytes
exceeds; drift is measured from the oldest green build, build 1; jumpBuild is the build whose total grew most.

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
OUT = os.path.join(ROOT, "src", "test", "resources", "history", "sequence")
DEFAULT_PYTHON = "/root/.pyenv/versions/3.11.7/bin/python"
STUDIO_ROOT = "I:\\G1\\trunk\\code\\Script\\Python\\"
SCENE = "scene-3-battle.pickle"
BUILDS = 12
GROWTH_PER_BUILD = 1.03
JUMP_BUILD = 9
JUMP_SHARE = 0.15
ROUNDS = 30
BUDGET_PATH = "client/controller/battle_controller.py"

LEAK_FILE = os.path.join("client", "controller", "battle_controller.py")
LEAK_LINE = "        self.damage_buffers.append(bytearray(24 * 1024))\n"
JUMP_FILE = os.path.join("common", "data", "skill_table.py")
JUMP_LINE = "    if skill_id not in _BY_ID:\n"

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

FIGURES = r'''
import json, sys, tracemalloc
path, strip, budget_path = sys.argv[1:4]

def norm(filename):
    if filename.startswith(strip):
        filename = filename[len(strip):]
    return filename.replace("\\", "/")

snapshot = tracemalloc.Snapshot.load(path)
directories = {}
budget = 0
for trace in snapshot.traces:
    # Python 3.7+ Traceback objects run from the oldest frame to the most recent (allocating) one
    allocating = norm(trace.traceback[-1].filename)
    # memflame's top-level path: the first non-empty component (an absolute path's first directory)
    top = [part for part in allocating.split("/") if part][0]
    directories[top] = directories.get(top, 0) + trace.size
    if allocating == budget_path:
        budget += trace.size
json.dump({"totalBytes": sum(t.size for t in snapshot.traces), "traces": len(snapshot.traces),
           "budgetBytes": budget, "directories": dict(sorted(directories.items()))}, sys.stdout)
'''


def run(args, **kwargs):
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONTRACEMALLOC", None)
    return subprocess.run(args, check=True, env=env, **kwargs)


def patch(path, line, replacement, append=""):
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    if lines.count(line) != 1:
        raise SystemExit(repr(line) + " is not in " + path + " exactly once; update the script")
    lines[lines.index(line)] = replacement
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(lines)
        f.write(append)


def build(python, tmp, name, leak_per_round, jump_bytes):
    """Runs one build's game copy; returns its battle dump's path."""
    game = os.path.join(tmp, name)
    shutil.copytree(GAME_DIR, game, ignore=shutil.ignore_patterns("__pycache__"))
    if leak_per_round:
        patch(os.path.join(game, LEAK_FILE), LEAK_LINE,
              LEAK_LINE.rstrip("\n") + "; _BATTLES.append(bytearray(%d))\n" % leak_per_round)
    if jump_bytes:
        patch(os.path.join(game, JUMP_FILE), JUMP_LINE,
              "    if not _JUMP: _JUMP.append(bytearray(%d))\n" % jump_bytes + JUMP_LINE, "\n_JUMP = []\n")
    out_dir = os.path.join(tmp, name + "-out")
    os.makedirs(out_dir)
    run([python, "-c", DRIVER, game, out_dir])
    return os.path.join(out_dir, SCENE)


def figures(python, dump):
    return json.loads(run([python, "-c", FIGURES, dump, STUDIO_ROOT, BUDGET_PATH],
                          capture_output=True, text=True).stdout)


def main(argv):
    python = argv[1] if len(argv) > 1 else DEFAULT_PYTHON
    version = run([python, "-c", "import platform; print(platform.python_version())"],
                  capture_output=True, text=True).stdout.strip()
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    builds = []
    with tempfile.TemporaryDirectory() as tmp:
        first = None
        jump_bytes = 0
        for number in range(1, BUILDS + 1):
            label = "build-%02d" % number
            leak = 0 if first is None else round(first * (GROWTH_PER_BUILD ** (number - 1) - 1) / ROUNDS)
            if number == JUMP_BUILD:
                without = figures(python, build(python, tmp, label + "-without-jump", leak, 0))
                jump_bytes = round(without["totalBytes"] * JUMP_SHARE)
            dump = build(python, tmp, label, leak, jump_bytes)
            kept = os.path.join(OUT, label)
            os.makedirs(kept)
            shutil.copyfile(dump, os.path.join(kept, SCENE))
            measured = figures(python, os.path.join(kept, SCENE))
            if first is None:
                first = measured["budgetBytes"]
            builds.append(dict(label=label, leakBytesPerRound=leak, jumpBytes=jump_bytes, **measured))
    reference = builds[0]["budgetBytes"]
    allowed = reference * 20 // 100
    first_failure = next(b["label"] for b in builds if b["budgetBytes"] - reference > allowed)
    growth_ok = all(b["budgetBytes"] - a["budgetBytes"] <= a["budgetBytes"] * 5 // 100
                    for a, b in zip(builds, builds[1:]))
    if not growth_ok:
        raise SystemExit("a build grew the budget's figure by more than 5%; the sequence is not what it should be")
    jump = max(range(1, BUILDS), key=lambda i: builds[i]["totalBytes"] - builds[i - 1]["totalBytes"])
    document = {"python": version, "stripPrefix": STUDIO_ROOT, "budgetPath": BUDGET_PATH, "builds": builds,
                "expected": {"maxGrowthPercent": 5, "maxDriftPercent": 20, "driftReference": builds[0]["label"],
                             "firstDriftFailure": first_failure, "jumpBuild": builds[jump]["label"]}}
    with open(os.path.join(OUT, "oracle.json"), "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1, ensure_ascii=False)
        f.write("\n")
    for b in builds:
        print("%s: budget %d bytes (%+.2f%% since build-01), total %d bytes" % (
            b["label"], b["budgetBytes"], 100.0 * (b["budgetBytes"] - reference) / reference, b["totalBytes"]))
    print("expected:", document["expected"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
