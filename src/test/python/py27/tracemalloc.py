# -*- coding: utf-8 -*-
"""A stand-in for pytracemalloc 1.x (the Python 2.7 backport), just enough to pickle a Snapshot.

Python 2.7 has no tracemalloc module. pytracemalloc's Snapshot and _Traces are new-style classes
whose pickles are ``GLOBAL 'tracemalloc Snapshot'`` + NEWOBJ + BUILD, so this module must be
importable under the name ``tracemalloc`` (write_py27.py puts this directory first on sys.path).
"""


class _Traces(object):
    def __init__(self, traces):
        self._traces = traces


class Snapshot(object):
    def __init__(self, traces, traceback_limit):
        self.traces = _Traces(traces)
        self.traceback_limit = traceback_limit
