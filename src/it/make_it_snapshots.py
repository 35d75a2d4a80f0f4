"""Writes the snapshot dumps the invoker ITs read: real tracemalloc output of a tiny game script layer.

Run from anywhere with python3 (3.9 or later); the dumps are committed, so the ITs never need Python.
With --sources-only it writes only the game sources that exceeded-budget names functions from.
The game's code objects are compiled under a Windows install root, as a studio's client records them,
so the ITs also exercise stripPrefixes.

With --paths-only (CPython 3.12, what the committed dumps were written with) it writes only the dumps of the
ITs about paths and unmatched budgets (dotdot-paths, misspelt-budget, missing-strip-prefix, unmatched-snapshots)
and their figures, it-path-figures.json; the other dumps stay as they are (a new run changes them slightly).
Those scenes run a game on a CI agent at /ci/game whose test script puts
os.path.join(here, "..", "..", "main", "python") on sys.path, so CPython records the game's files as
/ci/game/src/test/python/../../main/python/client/ui/hud.py; one module comes through PYTHONPATH instead
(/ci/game/src/main/python/client/ui/minimap.py). The code objects are compiled under exactly those names (the
name the import system gives a module found through that sys.path entry), each scene in its own python3 -c
process, so the dumps hold no path of this checkout.
"""
import gzip
import json
import os
import posixpath
import shutil
import subprocess
import sys
import tracemalloc

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = "I:\\G1\\trunk\\code\\Script\\Python\\"
SOURCES = {
    "client/controller/battle_controller.py":
        "HOLD = []\ndef run(n):\n    for i in range(n):\n        HOLD.append('unit-%d' % i * 4)\n",
    "client/ui/bag_panel.py": "HOLD = []\ndef run(n):\n    HOLD.append(bytearray(n * 75))\n",
    "net/socket_pool.py": "HOLD = []\ndef run(n):\n    HOLD.append(bytearray(n * 20))\n",
}


def scene(units):
    """Runs one scene under tracemalloc and returns the snapshot of what the game's own files hold."""
    modules = []
    tracemalloc.start(10)
    for relative, source in SOURCES.items():
        namespace = {}
        exec(compile(source, ROOT + relative.replace("/", "\\"), "exec"), namespace)
        modules.append(namespace)
    for namespace in modules:
        namespace["run"](units)
    snapshot = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(True, ROOT + "*")])
    tracemalloc.stop()
    return snapshot


def write(relative, data):
    path = os.path.join(HERE, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as out:
        out.write(data)


def write_sources():
    """The game's sources for the sourceRoots of exceeded-budget and view-without-pom; net/ is left out, so one
    file stays unresolved."""
    for relative, source in SOURCES.items():
        if not relative.startswith("net/"):
            for it in ("exceeded-budget", "view-without-pom"):
                write(it + "/src/main/python/" + relative, source.encode("utf-8"))


def main():
    write_sources()
    battle, town = scene(2000), scene(300)
    battle.dump("/tmp/memflame-it-battle.pickle")
    with open("/tmp/memflame-it-battle.pickle", "rb") as f:
        battle_pickle = f.read()
    # The raw tuples, most recent frame first, exactly what json.dump(tracemalloc._get_traces()) writes.
    town_traces = town.traces._traces
    town_json = gzip.compress(json.dumps(town_traces).encode("utf-8"), mtime=0)

    write("passing-budgets/snapshots/scene-3-battle.pickle", battle_pickle)
    write("passing-budgets/snapshots/scene-2-town.json.gz", town_json)
    write("exceeded-budget/snapshots/scene-3-battle.pickle", battle_pickle)
    write("skip/snapshots/scene-3-battle.pickle", battle_pickle)
    write("bad-budget-unit/snapshots/scene-3-battle.pickle", battle_pickle)
    write("corrupt-dump/snapshots/scene-2-town.json.gz", town_json)
    write("corrupt-dump/snapshots/scene-3-battle.pickle", battle_pickle[: len(battle_pickle) // 2])
    write("unreadable-tolerated/snapshots/scene-2-town.json.gz", town_json)
    write("unreadable-tolerated/snapshots/scene-3-battle.pickle", battle_pickle[: len(battle_pickle) // 2])
    write("no-snapshots/snapshots/README.txt", b"The test run wrote no dump here.\n")
    write("site-report/snapshots/scene-3-battle.pickle", battle_pickle)
    write("warn-level-budget/snapshots/scene-3-battle.pickle", battle_pickle)
    write("reactor-aggregate/client/snapshots/scene-3-battle.pickle", battle_pickle)
    write("reactor-aggregate/server/snapshots/scene-2-town.json.gz", town_json)
    write("maven-3.9/snapshots/scene-3-battle.pickle", battle_pickle)
    write("report-goal/snapshots/scene-3-battle.pickle", battle_pickle)
    # No POM: dumps as an engineer gets them from QA devices, in two directories, one of them gzipped.
    write("view-without-pom/qa/device-7/scene-3-battle.pickle.gz", gzip.compress(battle_pickle, mtime=0))
    write("view-without-pom/downloads/scene-2-town.json.gz", town_json)
    write("view-without-pom/qa/truncated.pickle", battle_pickle[: len(battle_pickle) // 2])

    figures = {}
    for name, snap in (("scene-3-battle.pickle", battle), ("scene-2-town.json.gz", town)):
        figures[name] = {stat.traceback[0].filename.replace(ROOT, "").replace("\\", "/"): stat.size
                         for stat in snap.statistics("filename")}
        figures[name]["total"] = sum(t.size for t in snap.traces)
    with open(os.path.join(HERE, "it-snapshot-figures.json"), "w") as out:
        json.dump(figures, out, indent=1, sort_keys=True)
    print(json.dumps(figures, indent=1, sort_keys=True))


CI_TEST = "/ci/game/src/test/python/"
CI_THROUGH_DOTDOT = CI_TEST + "../../main/python/"
CI_SOURCES = "/ci/game/src/main/python/"
CI_GAME = {
    # module: (the sys.path entry it is found through, its path under it, its source)
    "hud": (CI_THROUGH_DOTDOT, "client/ui/hud.py",
            "HOLD = []\ndef draw(n):\n    for i in range(n):\n        HOLD.append('hud-%d' % i * 3)\n"),
    # The same file found again through PYTHONPATH: a second module object, as CPython does it; memflame counts
    # both spellings under one path.
    "hud_again": (CI_SOURCES, "client/ui/hud.py",
                  "HOLD = []\ndef draw(n):\n    for i in range(n):\n        HOLD.append('hud-%d' % i * 3)\n"),
    "minimap": (CI_SOURCES, "client/ui/minimap.py",
                "HOLD = []\ndef draw(n):\n    HOLD.append(bytearray(n * 40))\n"),
    "skill": (CI_THROUGH_DOTDOT, "client/combat/skill.py",
              "HOLD = []\ndef cast(n, tables):\n    HOLD.append(bytearray(n * 64))\n    tables.load(n)\n"
              "    return len(HOLD)\n"),
    "tables": (CI_THROUGH_DOTDOT, "common/data/tables.py",
               "TABLE = {}\ndef load(n):\n    for i in range(n):\n        TABLE[i] = 'row-%d' % i\n"),
}
CI_DRIVER = """
def town(game):
    game["tables"].load(400)
    game["hud"].draw(300)
    game["minimap"].draw(300)


def battle(game):
    game["tables"].load(800)
    game["hud"].draw(1200)
    game["hud_again"].draw(200)
    game["minimap"].draw(600)
    for round in range(50):
        game["skill"].cast(64 + round, game["tables"])
"""
# Run in a fresh interpreter per scene: argv = scene, frames to record (0: tracemalloc.start() without a depth),
# the dump to write. Allocations outside /ci/game (the launcher's own) are filtered out as a test run would.
CI_SCENE = """
import json, sys, tracemalloc
scene, depth, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
game_files = json.loads(sys.argv[4])
if depth:
    tracemalloc.start(depth)
else:
    tracemalloc.start()
game = {}
for name, (path, source) in sorted(game_files.items()):
    namespace = {"__name__": name}
    exec(compile(source, path, "exec"), namespace)
    game[name] = type(sys)(name)
    game[name].__dict__.update(namespace)
driver = {"__name__": "run_scenes"}
exec(compile(sys.argv[5], sys.argv[6], "exec"), driver)
driver[scene](game)
snapshot = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(True, "/ci/game/*")])
snapshot.dump(out)
"""


def ci_scene(scene, depth):
    """One scene of the CI game, run by a fresh CPython; returns the dump's bytes and the snapshot."""
    files = {name: (root + relative, source) for name, (root, relative, source) in CI_GAME.items()}
    out = "/tmp/memflame-it-%s-%d.pickle" % (scene, depth)
    subprocess.check_call([sys.executable, "-c", CI_SCENE, scene, str(depth), out, json.dumps(files),
                           CI_DRIVER, CI_TEST + "run_scenes.py"])
    with open(out, "rb") as f:
        data = f.read()
    return data, tracemalloc.Snapshot.load(out)


def under(path, directory):
    """True when the normalized path lies under the normalized directory, component by component."""
    return path == directory or path.startswith(directory + "/")


def ci_figures(snapshot):
    """CPython's own figures of a scene: statistics('filename') as recorded, and summed under normalized paths."""
    by_file = {stat.traceback[0].filename: stat.size for stat in snapshot.statistics("filename")}
    figures = {"byRecordedFile": by_file, "total": sum(t.size for t in snapshot.traces), "self": {}, "inclusive": {},
               "maxFrames": max(len(t.traceback) for t in snapshot.traces)}
    root = CI_SOURCES.rstrip("/")
    for directory in ("client", "client/ui", "client/ui/hud.py", "client/combat", "common"):
        wanted = root + "/" + directory
        figures["self"][directory] = sum(size for name, size in by_file.items()
                                         if under(posixpath.normpath(name), wanted))
        figures["inclusive"][directory] = sum(
            trace.size for trace in snapshot.traces
            if any(under(posixpath.normpath(frame.filename), wanted) for frame in trace.traceback))
    return figures


def write_path_its():
    """The dumps of the ITs about paths and unmatched budgets, and CPython's figures of them."""
    town, town_snapshot = ci_scene("town", 10)
    battle, battle_snapshot = ci_scene("battle", 10)
    login, login_snapshot = ci_scene("town", 0)
    for it in ("dotdot-paths", "misspelt-budget", "missing-strip-prefix", "unmatched-snapshots"):
        write(it + "/snapshots/scene-2-town.pickle", town)
        write(it + "/snapshots/scene-3-battle.pickle", battle)
    write("unmatched-snapshots/snapshots/scene-1-login.pickle", login)
    figures = {
        "python": sys.version.split()[0],
        "scene-1-login.pickle": ci_figures(login_snapshot),
        "scene-2-town.pickle": ci_figures(town_snapshot),
        "scene-3-battle.pickle": ci_figures(battle_snapshot),
    }
    with open(os.path.join(HERE, "it-path-figures.json"), "w") as out:
        json.dump(figures, out, indent=1, sort_keys=True)
        out.write("\n")
    print(json.dumps(figures, indent=1, sort_keys=True))


if __name__ == "__main__":
    if sys.argv[1:] == ["--sources-only"]:
        write_sources()
    elif sys.argv[1:] == ["--paths-only"]:
        write_path_its()
    else:
        main()
        write_path_its()
