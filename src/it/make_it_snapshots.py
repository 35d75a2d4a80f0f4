"""Writes the snapshot dumps the invoker ITs read: real tracemalloc output of a tiny game script layer.

Run from anywhere with python3 (3.9 or later); the dumps are committed, so the ITs never need Python.
With --sources-only it writes only the game sources that exceeded-budget names functions from.
The game's code objects are compiled under a Windows install root, as a studio's client records them,
so the ITs also exercise stripPrefixes.
"""
import gzip
import json
import os
import shutil
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


if __name__ == "__main__":
    if sys.argv[1:] == ["--sources-only"]:
        write_sources()
    else:
        main()
