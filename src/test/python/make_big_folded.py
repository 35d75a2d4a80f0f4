"""Writes a large folded-stacks file for the benchmarks (generated on demand, never committed).

Usage: python3 make_big_folded.py STACKS OUTPUT.folded

One line per stack, `frame;frame;...;frame BYTES`, root first, as flamegraph.pl reads it. Stacks are 12 to 25
frames deep over a game-like tree of 600 files, each frame a short `path:line`, so
every line is a distinct stack (1,000,000 stacks make about 440 MB).
"""
import random
import sys


def main():
    stacks, output = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(20261125)
    packages = ["client/ctl", "client/ui", "client/ui/wdg", "common", "util", "net", "scenes", "battle/ai",
                "battle/skill", "客户端/界面"]
    files = ["%s/m%03d.py" % (rng.choice(packages), i) for i in range(600)]
    sizes = (16, 32, 48, 64, 96, 128, 256, 1024, 4096, 65536)
    written = 0
    with open(output, "w", encoding="utf-8", newline="\n") as out:
        for _ in range(stacks):
            depth = rng.randint(12, 25)
            line = ";".join("%s:%d" % (rng.choice(files), rng.randint(1, 900)) for _ in range(depth))
            size = rng.choice(sizes) * rng.randint(1, 64)
            written += size
            out.write("%s %d\n" % (line, size))
    print("%s: %d stacks, %d bytes" % (output, stacks, written))


if __name__ == "__main__":
    main()
