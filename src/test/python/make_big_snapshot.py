"""Writes a large synthetic tracemalloc dump for the benchmarks (not a test fixture: it is generated on demand).

Usage: python3 make_big_snapshot.py TRACES DISTINCT_TRACEBACKS OUTPUT.pickle

The raw traces use the CPython 3.9+ layout (domain, size, traceback, total_nframe) and go through
tracemalloc.Snapshot(...).dump(), so the file is exactly what CPython writes. Tracebacks are 12 to 25 frames
deep over a game-like tree of 600 files; each distinct traceback is shared by many traces, as in real dumps.
"""
import random
import sys
import tracemalloc


def main():
    traces, distinct, output = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rng = random.Random(20261125)
    packages = ["client/controller", "client/ui", "client/ui/widgets", "common/data", "common/util", "net",
                "scenes", "battle/ai", "battle/skill", "客户端/界面"]
    files = ["I:\\G1\\trunk\\code\\Script\\Python\\%s\\module_%03d.py" % (rng.choice(packages).replace("/", "\\"), i)
             for i in range(600)]
    tracebacks = []
    for _ in range(distinct):
        depth = rng.randint(12, 25)
        tracebacks.append(tuple((rng.choice(files), rng.randint(1, 900)) for _ in range(depth)))
    raw = [(0, rng.choice((16, 32, 48, 64, 96, 128, 256, 1024, 4096, 65536)), rng.choice(tracebacks), 25)
           for _ in range(traces)]
    tracemalloc.Snapshot(raw, 25).dump(output)
    print("%s: %d traces, %d distinct tracebacks, %d bytes" % (output, traces, distinct, sum(t[1] for t in raw)))


if __name__ == "__main__":
    main()
