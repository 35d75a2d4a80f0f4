"""Writes src/test/resources/shapes: each benchmark shape of make_shaped_snapshot.py at a hundredth of its counts
(files, traces and distinct tracebacks; depth and line range as they are), through CPython's Snapshot.dump with
the benchmark's seed. ShapeReportsTest holds the report of each to committed SHA-256 sums, so that work on one
shape's speed cannot change what any shape's report says.

Usage: python3 make_shape_fixtures.py   (CPython 3.9 or later; the committed files were written by 3.11.7)
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "shapes")
SCALE = "100"

for shape in ["realistic", "distinct", "wide", "deep", "lines"]:
    os.makedirs(OUT, exist_ok=True)
    subprocess.run([sys.executable, os.path.join(HERE, "make_shaped_snapshot.py"), shape,
                    os.path.join(OUT, shape + ".pickle"), "20261207", SCALE], check=True)
