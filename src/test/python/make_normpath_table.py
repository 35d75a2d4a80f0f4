"""Writes src/test/resources/normpath/table.json: Python's own posixpath.normpath and ntpath.normpath of a table
of paths, the oracle of io.github.memflame.fold.PathNormalizer (PathNormalizerTableTest).

    python3.12 src/test/python/make_normpath_table.py

Run it with CPython 3.12 (what the table was made with: ntpath changed its drive and root rules in 3.12 with
splitroot, so another version gives another table). On Linux, posixpath.normpath is CPython's C implementation
and ntpath.normpath its Python one (the C one is used on Windows only; CPython tests that the two agree).

The paths: every sequence of up to three tokens from a set that holds what normpath treats specially
(separators of both kinds, '.', '..', drive letters, UNC and device prefixes, a non-BMP character in front of a
colon), hand-picked names of real dumps, and, with a fixed seed, longer random sequences of the same tokens.
"""
import itertools
import json
import ntpath
import os
import posixpath
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TABLE = os.path.normpath(os.path.join(HERE, "..", "resources", "normpath", "table.json"))

TOKENS = ["a", ".", "..", "...", ".x", "/", "\\", "//", "C:", "1:", ":", "?", "UNC", "\U0001F600"]

REAL_NAMES = [
    "/ci/game/src/test/python/../../main/python/client/ui/hud.py",
    "/ci/game/src/test/python/../../main/python/client/combat/skill.py",
    "/ci/game/src/main/python/client/ui/hud.py",
    "I:\\G1\\trunk\\code\\Script\\Python\\client\\controller\\battle_controller.py",
    "I:\\G1\\trunk\\code\\Script\\Python\\..\\Python\\client\\.\\ui\\bag_panel.py",
    "i:/g1/TRUNK//code/Script/Python/client/ui/bag_panel.py",
    "C:\\game\\..\\..\\..\\lib\\x.py",
    "C:..\\lib\\x.py",
    "\\\\buildserver\\share\\game\\..\\..\\client\\ui.py",
    "//buildserver/share/game/../client/ui.py",
    "\\\\?\\UNC\\server\\share\\..\\client\\x.py",
    "\\\\?\\unc\\server\\share\\..\\..\\x.py",
    "\\\\?\\C:\\game\\..\\x.py",
    "\\\\.\\pipe\\..\\x",
    "../../lib/python3.11/json/decoder.py",
    "./client/./ui/../ui/hud.py",
    "///usr//lib/python3.12/../python3.12/tracemalloc.py",
    "/..",
    "/../a",
    "//..",
    "a/../..",
    "\u5ba2\u6237\u7aef/\u754c\u9762/../\u80cc\u5305.py",
    "\U0001F600:\\game\\..\\x.py",
    "",
]


def table_paths():
    paths = set(REAL_NAMES)
    for length in range(1, 4):
        for combination in itertools.product(TOKENS, repeat=length):
            paths.add("".join(combination))
    generator = random.Random(20240518)
    separators = ["/", "\\"]
    while len(paths) < 4500:
        parts = []
        for _ in range(generator.randint(4, 9)):
            parts.append(generator.choice(TOKENS))
            if generator.random() < 0.6:
                parts.append(generator.choice(separators))
        paths.add("".join(parts))
    return sorted(paths)


def main():
    if sys.version_info[:2] != (3, 12):
        sys.exit("run with CPython 3.12: the table is its normpath (found %s)" % sys.version.split()[0])
    rows = [{"path": path, "posix": posixpath.normpath(path), "windows": ntpath.normpath(path)}
            for path in table_paths()]
    os.makedirs(os.path.dirname(TABLE), exist_ok=True)
    with open(TABLE, "w", encoding="ascii") as out:
        out.write("[\n")
        out.write(",\n".join(json.dumps(row, ensure_ascii=True) for row in rows))
        out.write("\n]\n")
    changed = sum(1 for row in rows if row["posix"] != row["path"] or row["windows"] != row["path"])
    print("%d paths (%d changed by normpath) -> %s, Python %s" % (len(rows), changed, TABLE,
                                                                   sys.version.split()[0]))


if __name__ == "__main__":
    main()
