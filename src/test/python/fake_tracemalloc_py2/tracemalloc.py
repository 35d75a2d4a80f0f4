"""Stand-in for pytracemalloc 1.x on Python 2.7: only what Snapshot.dump() pickles (the module name, the two
new-style classes and their attributes), so that cPickle writes the same GLOBAL/NEWOBJ/BUILD shape."""


class _Traces(object):
    def __init__(self, traces):
        self._traces = traces


class Snapshot(object):
    def __init__(self, traces, traceback_limit):
        self.traces = _Traces(traces)
        self.traceback_limit = traceback_limit
