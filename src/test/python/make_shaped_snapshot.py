"""Writes one of the benchmark's dump shapes, through CPython's own Snapshot.dump, with a fixed seed (generated on
demand, never committed). Each shape makes one dimension of a dump large, so that no dimension goes unmeasured.

Usage: python3 make_shaped_snapshot.py SHAPE OUTPUT.pickle|OUTPUT.folded [SEED [SCALE]]

  wide      1,000,000 traces over 500,000 distinct files, 3 frames deep
  deep      200,000 traces, 100 frames deep, every traceback distinct
  lines     1,000,000 traces, 10 frames deep, over 200 files with lines up to 20,000: frames mostly distinct
  distinct  1,000,000 traces, 12 to 25 frames over 600 files, nearly every traceback distinct
  realistic 1,000,000 traces sharing 40,000 tracebacks of 12 to 25 frames over 600 files, as real dumps do

An OUTPUT ending in .folded gets the same traces as folded stacks for flamegraph.pl instead: one line per distinct
traceback, root first, `path:line;...;path:line BYTES` with the bytes CPython's statistics('traceback') gives it.
The raw traces use the CPython 3.9+ layout (domain, size, traceback, total_nframe). SEED (default 20261207)
makes another dump of the same shape, e.g. the scenes of one benchmark run. SCALE (default 1) divides the counts of
traces, files and distinct tracebacks, not the depth nor the line range: make_shape_fixtures.py writes the small
dumps of each shape that the tests commit.
"""
import random
import sys
import tracemalloc

SIZES = (16, 32, 48, 64, 96, 128, 256, 1024, 4096, 65536)
PACKAGES = ["client/controller", "client/ui", "client/ui/widgets", "common/data", "common/util", "net", "scenes",
            "battle/ai", "battle/skill", "客户端/界面"]


def files(rng, count):
    return ["I:\\G1\\trunk\\code\\Script\\Python\\%s\\module_%06d.py" % (rng.choice(PACKAGES).replace("/", "\\"), i)
            for i in range(count)]


def traceback(rng, names, depth, max_line):
    return tuple((rng.choice(names), rng.randint(1, max_line)) for _ in range(depth))


def shaped(shape, rng, scale=1):
    """(traces, nframe): the raw traces of the shape, with its counts divided by scale."""
    if shape == "wide":
        names = files(rng, 500000 // scale)
        # Every file appears: the leaf frames walk through all of them, the callers are drawn at random.
        return [(0, rng.choice(SIZES), ((names[i % len(names)], rng.randint(1, 2000)),)
                 + traceback(rng, names, 2, 2000), 3) for i in range(1000000 // scale)], 3
    if shape == "deep":
        names = files(rng, 2000 // scale)
        return [(0, rng.choice(SIZES), traceback(rng, names, 100, 3000), 100) for _ in range(200000 // scale)], 100
    if shape == "lines":
        names = files(rng, 200 // scale)
        return [(0, rng.choice(SIZES), traceback(rng, names, 10, 20000), 10) for _ in range(1000000 // scale)], 10
    names = files(rng, 600 // scale)
    distinct = {"distinct": 1000000, "realistic": 40000}[shape] // scale
    tracebacks = [traceback(rng, names, rng.randint(12, 25), 900) for _ in range(distinct)]
    return [(0, rng.choice(SIZES), rng.choice(tracebacks), 25) for _ in range(1000000 // scale)], 25


def write_folded(raw, output):
    snapshot = tracemalloc.Snapshot(raw, 100)
    with open(output, "w", encoding="utf-8", newline="\n") as out:
        for statistic in snapshot.statistics("traceback"):
            # The Python API gives the frames oldest first: root first, as folded stacks are written.
            frames = ";".join("%s:%d" % (frame.filename.replace("\\", "/"), frame.lineno)
                              for frame in statistic.traceback)
            out.write("%s %d\n" % (frames, statistic.size))


def main():
    shape, output = sys.argv[1], sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 20261207)
    raw, nframe = shaped(shape, rng, int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    if output.endswith(".folded"):
        write_folded(raw, output)
    else:
        tracemalloc.Snapshot(raw, nframe).dump(output)
    print("%s: %s, %d traces, %d bytes" % (output, shape, len(raw), sum(trace[1] for trace in raw)))


if __name__ == "__main__":
    main()
