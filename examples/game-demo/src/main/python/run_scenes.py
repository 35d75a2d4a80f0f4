#!/usr/bin/env python3
"""Runs the game-demo scenes under tracemalloc and dumps one snapshot per scene.

Usage: python3 run_scenes.py OUTPUT_DIR

Writes OUTPUT_DIR/scene-1-login.pickle, scene-2-town.pickle and scene-3-battle.pickle, each the
``tracemalloc.take_snapshot().dump()`` taken right after that scene (objects of earlier scenes stay
alive, so later snapshots include them). Works on CPython 3.6 and later.

The game modules are not imported from disk as they are: each source file is compiled with the file
name it would have in the studio's Windows install (``I:\\G1\\trunk\\code\\Script\\Python\\...``) and
executed into a fresh module registered in sys.modules, so tracemalloc records those names.
"""

import importlib.abc
import importlib.util
import os
import sys
import tracemalloc

STUDIO_ROOT = r"I:\G1\trunk\code\Script\Python"
TRACEBACK_LIMIT = 25
HERE = os.path.dirname(os.path.abspath(__file__))
GAME_PACKAGES = ("client", "common", "net", "scenes", "客户端")
SCENES = (
    ("scene-1-login", "scenes.scene_login"),
    ("scene-2-town", "scenes.scene_town"),
    ("scene-3-battle", "scenes.scene_battle"),
)


class StudioLoader(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds the game's modules under HERE and gives their code the studio file names."""

    def find_spec(self, fullname, path=None, target=None):
        parts = fullname.split(".")
        if parts[0] not in GAME_PACKAGES:
            return None
        base = os.path.join(HERE, *parts)
        if os.path.isfile(os.path.join(base, "__init__.py")):
            return importlib.util.spec_from_loader(fullname, self, is_package=True)
        if os.path.isfile(base + ".py"):
            return importlib.util.spec_from_loader(fullname, self, is_package=False)
        return None

    def create_module(self, spec):
        return None  # a fresh, empty module object

    def exec_module(self, module):
        parts = module.__name__.split(".")
        if module.__spec__.submodule_search_locations is not None:
            parts = parts + ["__init__"]
        relpath = os.path.join(*parts) + ".py"
        with open(os.path.join(HERE, relpath), "rb") as source_file:
            source = source_file.read().decode("utf-8")
        studio_name = STUDIO_ROOT + "\\" + relpath.replace(os.sep, "\\")
        module.__file__ = studio_name
        exec(compile(source, studio_name, "exec"), module.__dict__)


def install():
    if not any(isinstance(finder, StudioLoader) for finder in sys.meta_path):
        sys.meta_path.insert(0, StudioLoader())


def load_game():
    """Imports every scene (and through them the whole game) before tracing starts."""
    install()
    return [(name, importlib.import_module(module)) for name, module in SCENES]


def run_scenes(output_dir, scenes=None):
    """Runs the scenes (all, or the named ones in order) and dumps a snapshot after each."""
    wanted = None if scenes is None else set(scenes)
    loaded = load_game()
    if not tracemalloc.is_tracing():
        tracemalloc.start(TRACEBACK_LIMIT)
    written = []
    for name, module in loaded:
        if wanted is not None and name not in wanted:
            continue
        module.run()
        path = os.path.join(output_dir, name + ".pickle")
        snapshot = tracemalloc.take_snapshot()
        snapshot.dump(path)
        del snapshot
        written.append(path)
    return written


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: python3 run_scenes.py OUTPUT_DIR\n")
        return 2
    output_dir = argv[1]
    if not os.path.isdir(output_dir):
        os.makedirs(output_dir)
    for path in run_scenes(output_dir):
        print("%s: %d bytes" % (path, os.path.getsize(path)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
