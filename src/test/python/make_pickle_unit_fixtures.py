# -*- coding: utf-8 -*-
"""Writes the small unit fixtures of TracemallocPickleReader to src/test/resources/pickle-unit/.

Run it with any python3:  python3 src/test/python/make_pickle_unit_fixtures.py
It runs itself again under CPython 2.7, 3.6, 3.8 and 3.12 (pyenv, /root/.pyenv/versions/<v>/bin/python, or the
PYTHON27 / PYTHON36 / PYTHON38 / PYTHON312 variables) so that each dump is written by the version it stands for.

Every <name>.pickle gets a <name>.json with what CPython computed from it: the number of traces, the total size,
and per distinct traceback (frames most recent first, a None line as 0) the size and the count, plus the opcodes
the pickle contains (so a test can check that the fixture exercises what it claims). Files named refuse-*.pickle
are invalid dumps; their .json says which refusal the reader must give.

This file must stay valid Python 2.7.
"""
from __future__ import print_function

import io
import json
import os
import pickle
import pickletools
import subprocess
import sys

sys.dont_write_bytecode = True  # no tracemalloc.pyc next to the stand-in module

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, '..', 'resources', 'pickle-unit'))
PY2 = sys.version_info[0] == 2
INTERPRETERS = [('PYTHON27', '2.7.18'), ('PYTHON36', '3.6.15'), ('PYTHON38', '3.8.18'), ('PYTHON312', '3.12.1')]


def opcodes(data):
    return sorted(set(op.name for op, arg, pos in pickletools.genops(data)))


def write(name, data, expected):
    with open(os.path.join(OUT, name + '.pickle'), 'wb') as f:
        f.write(data)
    expected = dict(expected)
    expected['python'] = sys.version.split()[0]
    expected['protocol'] = ord(data[1:2])
    expected['opcodes'] = opcodes(data)
    tracebacks = expected.pop('tracebacks', None)
    lines = ['"%s": %s' % (key, json.dumps(expected[key], sort_keys=True)) for key in sorted(expected)]
    if tracebacks is not None:  # one line per traceback keeps the files short and their diffs readable
        lines.append('"tracebacks": [\n  ' + ',\n  '.join(json.dumps(t, sort_keys=True) for t in tracebacks) + ']')
    with io.open(os.path.join(OUT, name + '.json'), 'w', encoding='ascii') as f:
        f.write(u'' + '{\n ' + ',\n '.join(lines) + '\n}\n')
    print('wrote', name, len(data), 'bytes')


def figures(raw_traces, encoding=None):
    """What the reader must report, computed from the raw traces CPython itself returns after loading the dump."""
    by_traceback = {}
    order = []
    total = 0
    for trace in raw_traces:
        size, traceback = (trace[0], trace[1]) if len(trace) == 2 else (trace[1], trace[2])
        total += size
        key = tuple((f.decode(encoding) if encoding and isinstance(f, bytes) else f, 0 if line is None else line)
                    for f, line in traceback)
        if key not in by_traceback:
            by_traceback[key] = [0, 0]
            order.append(key)
        by_traceback[key][0] += size
        by_traceback[key][1] += 1
    return {
        'traces': len(raw_traces),
        'total': total,
        'distinctTracebacks': len(order),
        'layout': sorted(set(len(t) for t in raw_traces)),
        'tracebacks': [{'frames': [list(f) for f in key], 'size': by_traceback[key][0],
                        'count': by_traceback[key][1]} for key in order],
    }


# ---------------------------------------------------------------- Python 3 (real tracemalloc)

def allocate_here():
    kept = []
    for i in range(40):
        kept.append(bytearray(64 + i))
    kept.append([object() for _ in range(30)])
    kept.append(dict((str(i), i) for i in range(20)))
    return kept


def real_snapshot(tag):
    import tracemalloc
    tracemalloc.start(4)
    kept = allocate_here()
    snapshot = tracemalloc.take_snapshot()
    tracemalloc.stop()
    snapshot = snapshot.filter_traces([tracemalloc.Filter(True, os.path.abspath(__file__))])
    data = pickle.dumps(snapshot, pickle.HIGHEST_PROTOCOL)
    loaded = pickle.loads(data)
    result = figures(loaded.traces._traces)
    statistics = loaded.statistics('traceback')
    assert result['total'] == sum(s.size for s in statistics), 'total differs from Snapshot.statistics()'
    assert result['traces'] == sum(s.count for s in statistics), 'count differs from Snapshot.statistics()'
    assert result['distinctTracebacks'] == len(statistics), 'tracebacks differ from Snapshot.statistics()'
    write(tag + '-real', data, result)
    del kept


def synthetic_snapshots():
    """Python 3 dumps made from hand-written raw traces (Snapshot(raw_traces, limit) is tracemalloc's own API)."""
    import tracemalloc

    def dump(name, raw, protocol, limit=4):
        snapshot = tracemalloc.Snapshot(raw, limit)
        data = pickle.dumps(snapshot, protocol)
        loaded = pickle.loads(data)  # the Snapshot API of 3.12 expects its own layout: count from the raw tuples
        write(name, data, figures(loaded.traces._traces))
        return data

    # Shared tracebacks, more than 256 memo entries (LONG_BINGET), sizes of 2^31 and more (LONG1),
    # an empty traceback and a None line, protocol 4 (3.6/3.7 layout) and 5 (3.9+ layout).
    files = ['/app/module_%03d.py' % i for i in range(300)]
    tracebacks = [tuple((files[(i + k) % 300], 10 + k) for k in range(3)) for i in range(300)]
    shared = [(0, 16 + i % 7, tracebacks[i % 300]) for i in range(2000)]
    shared += [(0, 2 ** 31, tracebacks[0]), (0, 2 ** 40 + 7, tracebacks[299]), (0, 2 ** 62, ()),
               (0, 3, (('/app/none_line.py', None),)), (0, 5, ())]
    dump('shared-p4-layout3', shared, 4)
    dump('shared-p5-layout4', [t + (3,) for t in shared], 5)
    dump('layout2-p4', [(size, tb) for _, size, tb in shared[:50]], 4)
    # A tuple of traces instead of a list.
    dump('tuple-of-traces-p5', tuple((0, 100 + i, tracebacks[i % 3], 3) for i in range(5)), 5)
    dump('empty-p5', [], 5)
    # A file name with a lone surrogate (an undecodable byte of a POSIX path) and one beyond the BMP.
    dump('lone-surrogate-p5', [(0, 48, (('/app/bad\udcffname.py', 7), ('/app/\U0001F600.py', 8)), 2)], 5)
    # A file name of 300 bytes: BINUNICODE instead of SHORT_BINUNICODE.
    dump('long-filename-p4', [(0, 9, (('/app/' + 'x' * 295 + '.py', 1),))], 4)

    reframed_snapshot(tracebacks)

    # Invalid dumps.
    write('refuse-negative-size', pickle.dumps(tracemalloc.Snapshot([(0, -5, tracebacks[0], 3)], 4), 5),
          {'refusal': 'a size from 0 to 9223372036854775807 bytes', 'found': 'the int -5'})
    write('refuse-total-overflow',
          pickle.dumps(tracemalloc.Snapshot([(0, 2 ** 63 - 1, tracebacks[0], 3), (0, 1, tracebacks[1], 3)], 4), 5),
          {'refusal': 'a total of at most 9223372036854775807 bytes',
           'found': 'total above 9223372036854775807 bytes'})
    write('refuse-size-beyond-long',
          pickle.dumps(tracemalloc.Snapshot([(0, 2 ** 63, tracebacks[0], 3)], 4), 5),
          {'refusal': 'a size from 0 to 9223372036854775807 bytes', 'found': 'the int 9223372036854775808'})

    class Evil(object):
        def __reduce__(self):
            return (os.system, ('echo owned',))

    write('refuse-os-system-p4', pickle.dumps(Evil(), 4),
          {'refusal': 'global tracemalloc.Snapshot or tracemalloc._Traces', 'found': os.system.__module__ + '.system'})
    import collections
    write('refuse-wrong-global', pickle.dumps(collections.OrderedDict(), 5),
          {'refusal': 'global tracemalloc.Snapshot or tracemalloc._Traces', 'found': 'collections.OrderedDict'})


def reframed_snapshot(tracebacks):
    """A protocol 5 dump whose FRAMEs fall inside the opcodes of traces and frames, at every position.

    pickle starts a frame about every 64 KiB; here the opcodes are framed again in frames of 1 to 8 opcodes, so that
    a frame starts before each opcode of a trace or a frame somewhere. CPython loads it, and counts it below.
    """
    import tracemalloc
    raw = [(0, 16 + i % 7, tracebacks[i % 300], 3) for i in range(600)]
    data = pickle.dumps(tracemalloc.Snapshot(raw, 4), 5)
    ops = [(op, pos) for op, arg, pos in pickletools.genops(data)]
    pieces = []
    for (op, pos), (_, end) in zip(ops, ops[1:] + [(None, len(data))]):
        if op.name not in ('PROTO', 'FRAME'):
            pieces.append(data[pos:end])
    framed = bytearray(data[:ops[1][1]])  # PROTO 5
    at = 0
    count = 0
    while at < len(pieces):
        size = 1 + count % 8
        frame = b''.join(pieces[at:at + size])
        framed += b'\x95' + len(frame).to_bytes(8, 'little') + frame
        at += size
        count += 1
    framed = bytes(framed)
    loaded = pickle.loads(framed)
    write('reframed-p5', framed, figures(loaded.traces._traces))


# ---------------------------------------------------------------- Python 2.7 (pytracemalloc's layout)

def python2_snapshots():
    """Python 2.7 has no tracemalloc: a stand-in module with the same two classes and attributes."""
    import cPickle
    sys.path.insert(0, os.path.join(HERE, 'py27'))
    import tracemalloc
    assert tracemalloc.__file__.startswith(os.path.join(HERE, 'py27'))

    gbk = u'C:\\\u9879\u76ee\\\u6a21\u5757.py'.encode('gbk')  # C:\项目\模块.py
    files = ['C:\\app\\module_%03d.py' % i for i in range(300)]
    tracebacks = [tuple((files[(i + k) % 300], 10 + k) for k in range(2)) for i in range(300)]
    raw = [(32 + i % 5, tracebacks[i % 300]) for i in range(1200)]
    raw += [(2 ** 40, tracebacks[0]),         # an int above 2^31: INT as text
            (long(7), tracebacks[1]),          # a Python 2 long: LONG1
            (11, ((gbk, 3), ('C:\\app\\x.py', None))),
            (13, ())]
    snapshot = tracemalloc.Snapshot(raw, 2)
    data = cPickle.dumps(snapshot, 2)
    loaded = cPickle.loads(data)
    result = figures(loaded.traces._traces, 'gbk')
    result['fileNameEncoding'] = 'GBK'
    write('py27-p2-gbk', data, result)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == '--child':
        tag = sys.argv[2]
        if PY2:
            python2_snapshots()
        else:
            real_snapshot(tag)
            if tag == 'py312':
                synthetic_snapshots()
        return
    if not os.path.isdir(OUT):
        os.makedirs(OUT)
    for variable, version in INTERPRETERS:
        python = os.environ.get(variable, '/root/.pyenv/versions/%s/bin/python' % version)
        tag = variable.lower().replace('python', 'py')
        subprocess.check_call([python, os.path.abspath(__file__), '--child', tag])


if __name__ == '__main__':
    main()
