"""Writes a large synthetic tracemalloc dump for the benchmarks (not a test fixture: it is generated on demand).

Usage: python3 make_big_snapshot.py TRACES DISTINCT_TRACEBACKS OUTPUT.pickle [PROTOCOL]

The raw traces use the CPython 3.9+ layout (domain, size, traceback, total_nframe) and go through
tracemalloc.Snapshot(...).dump(), so the file is exactly what CPython writes. Tracebacks are 12 to 25 frames
deep over a game-like tree of 600 files; each distinct traceback is shared by many traces, as in real dumps.
With PROTOCOL, the Snapshot is written by pickle.dump(snapshot, f, PROTOCOL) instead (e.g. 0, the text protocol
Python 2 writes by default), and the time CPython's own Snapshot.load takes for it is printed as the reference.
"""
import pickle
import random
import sys
import time
import tracemalloc


def main():
    traces, distinct, output = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    protocol = int(sys.argv[4]) if len(sys.argv) > 4 else None
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
    if protocol is None:
        tracemalloc.Snapshot(raw, 25).dump(output)
    else:
        with open(output, "wb") as f:
            pickle.dump(tracemalloc.Snapshot(raw, 25), f, protocol)
    print("%s: %d traces, %d distinct tracebacks, %d bytes" % (output, traces, distinct, sum(t[1] for t in raw)))
    if protocol is not None:
        times = []
        for _ in range(5):
            start = time.perf_counter()
            tracemalloc.Snapshot.load(output)
            times.append(time.perf_counter() - start)
        print("reference: CPython %s Snapshot.load of %s: median %.0f ms of 5 (%.0f-%.0f)" % (
            sys.version.split()[0], output, sorted(times)[2] * 1000, min(times) * 1000, max(times) * 1000))


if __name__ == "__main__":
    main()
