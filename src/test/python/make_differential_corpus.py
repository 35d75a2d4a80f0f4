# -*- coding: utf-8 -*-
"""Writes the differential pickle corpus of src/test/resources/differential/ and its oracle.json.

    python3 src/test/python/make_differential_corpus.py        (Python 3.9 or later drives)

A few hundred dumps are drawn at random with a FIXED seed (SEED below), each written by one of the pyenv
CPythons found under PYENV_VERSIONS (default /root/.pyenv/versions: 2.7 and every 3.x present), at a random
protocol from 0 to that version's HIGHEST_PROTOCOL, with a random pickler (C or pure Python), as a
tracemalloc.Snapshot (its traces a list or a tuple) or as a bare list or tuple of raw traces, in a random tuple
layout ((size, traceback), (domain, size, traceback), (size, traceback, tag), (domain, size, traceback,
total_nframe)), with random traceback depths and limits, CJK, quote and backslash file names, Python 2 byte-string
file names in UTF-8 or GBK, and random object sharing at every level: the same file name string, frame tuple,
traceback tuple or whole trace tuple used again (the pickler writes a memo GET) or an equal copy (written again).

Every dump is loaded back by the CPython that wrote it (Snapshot.load / pickle.load; Python 2.7 has no
tracemalloc module, so its Snapshot is the stand-in of py27/tracemalloc.py, as for the 2.7 fixtures). The traces
it loads go to make_fixtures.oracle_entry, which computes the figures with this interpreter's tracemalloc exactly
as for fixtures/oracle.json (traces, totalBytes, byFile = statistics('filename'), byLine = statistics('lineno'),
stacks; the per-directory figures are the byFile sums the Java test checks in the path view). For 3.x dumps the
writing CPython also computes statistics('filename') and ('lineno') with its OWN tracemalloc (its own layout),
and they must agree. Conventions (as make_fixtures): a None line counts as 0, an empty traceback as
('<unknown>', 0). DifferentialPickleTest reads every dump with memflame and compares to the byte.

The driver draws everything; the worker (this same file, run by each CPython with "worker SPEC.json", so it stays
valid Python 2.7) only builds the objects the spec describes, pickles, reloads and reports.

To add the next shape CPython learns to write: add it to the spec (draw_case) and to build_traces in the
worker, bump nothing else, run the script, commit the corpus, the oracle and the script together. A new CPython
under pyenv is picked up by itself (its HIGHEST_PROTOCOL included).
"""
from __future__ import print_function

import json
import os
import pickle
import random
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, '..', 'resources', 'differential'))
PYENV_VERSIONS = os.environ.get('PYENV_VERSIONS', '/root/.pyenv/versions')
SEED = 20261125
CASES = 320

LAYOUTS = ['size-traceback', 'domain-size-traceback', 'size-traceback-tag', 'domain-size-traceback-nframe']

# File names. Each entry: (text, GBK-encodable). Quotes, backslashes and non-ASCII exercise STRING/UNICODE escapes.
NAMES = [
    (u'I:\\G1\\trunk\\code\\Script\\Python\\client\\controller\\battle_controller.py', True),
    (u'I:\\G1\\trunk\\code\\Script\\Python\\client\\ui\\bag_panel.py', True),
    (u'I:\\G1\\trunk\\code\\Script\\Python\\common\\data\\skill_table.py', True),
    (u'I:\\G1\\trunk\\code\\Script\\Python\\客户端\\界面\\背包.py', True),
    (u'I:\\G1\\trunk\\code\\Script\\Python\\网络\\连接池.py', True),
    (u'/root/game/script/net/socket_pool.py', True),
    (u'/root/game/script/モジュール/ロード.py', False),
    (u'C:\\게임\\스크립트\\전투.py', False),
    (u"/root/game/it's \"quoted\".py", True),
    (u'/root/game/back\\slash\\u1234 not an escape.py', True),
    (u'<frozen importlib._bootstrap>', True),
    (u'/usr/lib/python3/tracemalloc.py', True),
    (u'/root/game/script/' + u'deep/' * 55 + u'leaf.py', True),  # 300 bytes: BINUNICODE / BINSTRING
    (u'/root/game/script/emoji_\U0001F600.py', False),
]
TAGS = [u'socket', u'ui', u'battle', u'网络', u'']


def log(message):
    print(message)
    sys.stdout.flush()


# ------------------------------------------------------------------------------------------- driver (3.9+)

def interpreters():
    """(tag, version, executable, highest protocol) for 2.7 and every 3.x under PYENV_VERSIONS, oldest first."""
    found = []
    if os.path.isdir(PYENV_VERSIONS):
        for name in os.listdir(PYENV_VERSIONS):
            m = re.match(r'^(2|3)\.(\d+)\.(\d+)$', name)
            exe = os.path.join(PYENV_VERSIONS, name, 'bin', 'python')
            if m and os.path.exists(exe) and (m.group(1) == '3' or m.group(2) == '7'):
                major, minor = int(m.group(1)), int(m.group(2))
                highest = 2 if major == 2 else 4 if minor < 8 else 5
                found.append(((major, minor), 'py%d%d' % (major, minor), name, exe, highest))
    return [entry[1:] for entry in sorted(found)]


def draw_case(rng, index, interpreter):
    tag, version, _, highest = interpreter
    py2 = version.startswith('2.')
    protocol = rng.randint(0, highest)
    container = rng.choice(['snapshot-list', 'snapshot-tuple', 'list', 'tuple'])
    layout = rng.choice(LAYOUTS)
    limit = rng.choice([1, 1, 2, 3, 5, 10, 25, 30])
    encoding = rng.choice(['utf-8', 'gbk']) if py2 else None
    names = [n for n, gbk in NAMES if encoding != 'gbk' or gbk]
    if py2:
        names = [n for n in names if u'\U0001F600' not in n]  # keeps the 2.7 narrow/wide build question out
    elif rng.random() < 0.15:
        names.append(u'/root/game/bad\udcffname.py')  # a lone surrogate: an undecodable byte of a POSIX path
    pool = rng.sample(names, rng.randint(1, min(len(names), 8)))
    # strings: [text, as Python 2 byte string]
    strings = [[text, bool(py2 and rng.random() < 0.7)] for text in pool]
    frames = []
    for _ in range(rng.randint(1, 12)):
        line = rng.choice([0, 1, 7, 42, 255, 256, 65535, 65536, 2 ** 31 - 1, rng.randint(1, 5000)])
        if py2 and rng.random() < 0.1:
            line = None
        frames.append([rng.randrange(len(strings)), line, rng.random() < 0.2])  # last: a fresh copy of the name
    tracebacks = []
    for _ in range(rng.randint(1, 8)):
        depth = 0 if rng.random() < 0.05 else rng.randint(1, limit)
        tracebacks.append([[rng.randrange(len(frames)), rng.random() < 0.2] for _ in range(depth)])
    traces = []
    size_kind = rng.random()
    for _ in range(rng.randint(0, 40) if rng.random() < 0.95 else rng.randint(200, 1200)):
        if size_kind < 0.1:
            size = rng.choice([0, 2 ** 31 - 1, 2 ** 31, 2 ** 32 + 5, 2 ** 40 + 7, 3 * 2 ** 50])
        else:
            size = rng.choice([0, 1, 16, 255, 256, 65535, 65536, rng.randint(1, 100000)])
        tb = rng.randrange(len(tracebacks))
        depth = len(tracebacks[tb])
        traces.append({
            'domain': rng.choice([0, 0, 0, 1, 2, 2 ** 31 - 1]),
            'size': size,
            'traceback': tb,
            'fresh_traceback': rng.random() < 0.2,
            'nframe': depth + (rng.randint(0, 40) if depth == limit and rng.random() < 0.5 else 0),
            'tag': rng.choice(TAGS),
            'tag_bytes': bool(py2 and rng.random() < 0.5),
        })
    # The container's items: indexes into traces; an index used again is the same trace object again.
    items = list(range(len(traces)))
    if traces and rng.random() < 0.6:
        for _ in range(rng.randint(1, 1 + len(traces) // 2)):
            items.insert(rng.randint(0, len(items)), rng.randrange(len(traces)))
    if py2 and layout == 'size-traceback-tag' and rng.random() < 0.3:
        for trace in traces:
            trace['tag'] = u'caf\xe9'  # as latin-1 bytes: not UTF-8; memflame only needs tags to be strings
            trace['tag_bytes'] = 'latin-1'
    pickler = rng.choice(['c', 'python'])
    # Python 3 writes the Python 2 names copy_reg/__builtin__ below protocol 3 unless fix_imports is off.
    fix_imports = py2 or protocol >= 3 or rng.random() < 0.7
    name = 'd%03d-%s-p%d-%s-%s' % (index, tag, protocol, container, layout)
    return {
        'name': name, 'protocol': protocol, 'pickler': pickler, 'fix_imports': fix_imports,
        'container': container, 'layout': layout,
        'limit': limit, 'encoding': encoding, 'strings': strings, 'frames': frames, 'tracebacks': tracebacks,
        'traces': traces, 'items': items,
    }


def run_worker(exe, specs, work):
    spec_path = os.path.join(work, 'spec.json')
    report_path = os.path.join(work, 'report.json')
    with open(spec_path, 'w') as f:
        json.dump({'out': work, 'report': report_path, 'cases': specs}, f)
    env = dict(os.environ, PYTHONHASHSEED='0', PYTHONDONTWRITEBYTECODE='1')
    env.pop('PYTHONTRACEMALLOC', None)
    subprocess.check_call([exe, os.path.abspath(__file__), 'worker', spec_path], env=env)
    with open(report_path) as f:
        return json.load(f)


def main():
    if sys.version_info < (3, 9):
        raise SystemExit('run make_differential_corpus.py with Python 3.9 or later')
    sys.path.insert(0, HERE)
    import make_fixtures  # the oracle's figures, computed exactly as for fixtures/oracle.json

    found = interpreters()
    if not found:
        raise SystemExit('no CPython under ' + PYENV_VERSIONS)
    log('interpreters: ' + ', '.join('%s (%s, protocols 0-%d)' % (v[1], v[0], v[3]) for v in found))
    rng = random.Random(SEED)
    by_interpreter = {}
    for index in range(CASES):
        interpreter = found[index % len(found)]
        by_interpreter.setdefault(interpreter, []).append(draw_case(rng, index, interpreter))

    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    work = tempfile.mkdtemp(prefix='memflame-differential-')
    entries = []
    try:
        for interpreter, specs in by_interpreter.items():
            tag, version, exe, _ = interpreter
            reports = run_worker(exe, specs, work)
            for spec, report in zip(specs, reports):
                relpath = spec['name'] + '.pickle'
                shutil.copyfile(os.path.join(work, relpath), os.path.join(OUT, relpath))
                raw = [tuple(tuple(tuple(f) for f in x) if isinstance(x, list) else x for x in t)
                       for t in report['loaded']]
                encoding = (spec['encoding'] or 'utf-8').upper() if report['byteNames'] else 'UTF-8'
                entry = make_fixtures.oracle_entry(relpath, 'tracemalloc-pickle', version,
                                                   make_fixtures.layout_of(raw), raw, spec['limit'],
                                                   encoding, spec['protocol'])
                entry['shape'] = report['shape']
                if 'ownByFile' in report:  # the writing CPython's own statistics must agree
                    assert report['ownByFile'] == entry['byFile'], relpath
                    own = sorted(report['ownByLine'], key=lambda r: (-r[2], r[0], r[1]))
                    assert own == entry['byLine'], relpath
                entries.append(entry)
            log('%s: %d dumps' % (version, len(specs)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    entries.sort(key=lambda e: e['file'])
    with open(os.path.join(OUT, 'oracle.json'), 'w', encoding='ascii', newline='\n') as f:
        json.dump({'seed': SEED, 'generator': 'src/test/python/make_differential_corpus.py', 'fixtures': entries},
                  f, indent=1)
        f.write('\n')
    total = sum(os.path.getsize(os.path.join(OUT, n)) for n in os.listdir(OUT))
    protocols = sorted(set((e['python'][:4], e['protocol']) for e in entries))
    log('%d dumps, %d bytes in all; (python, protocol) pairs: %s' % (len(entries), total, protocols))


# ------------------------------------------------------------------------------- worker (2.7 and every 3.x)

def fresh(value):
    """An equal object that is not the same object, so that the pickler writes it again instead of a memo GET."""
    if isinstance(value, tuple):
        return tuple(list(value))
    return value[:1] + value[1:]


def build_traces(spec):
    """The object graph the spec describes, with the sharing it asks for."""
    strings = []
    for text, as_bytes in spec['strings']:
        strings.append(text.encode(spec['encoding']) if as_bytes else text)
    frames = []
    for string_index, line, fresh_name in spec['frames']:
        name = strings[string_index]
        frames.append((fresh(name) if fresh_name else name, line))
    tracebacks = [tuple(fresh(frames[i]) if fresh_frame else frames[i] for i, fresh_frame in entries)
                  for entries in spec['tracebacks']]
    traces = []
    for t in spec['traces']:
        tb = tracebacks[t['traceback']]
        if t['fresh_traceback']:
            tb = fresh(tb)
        tag = t['tag']
        if t['tag_bytes']:
            tag = tag.encode('latin-1' if t['tag_bytes'] == 'latin-1' else spec['encoding'])
        layout = spec['layout']
        if layout == 'size-traceback':
            trace = (t['size'], tb)
        elif layout == 'domain-size-traceback':
            trace = (t['domain'], t['size'], tb)
        elif layout == 'size-traceback-tag':
            trace = (t['size'], tb, tag)
        else:
            trace = (t['domain'], t['size'], tb, t['nframe'])
        traces.append(trace)
    items = [traces[i] for i in spec['items']]
    return items


def shape_of(spec):
    shared = []
    if any(fresh_name for _, _, fresh_name in spec['frames']) or len(spec['frames']) > len(spec['strings']):
        shared.append('names')
    if any(len(tb) > len(set(i for i, _ in tb)) for tb in spec['tracebacks']) or len(spec['tracebacks']) > 1:
        shared.append('frames')
    if len(set(t['traceback'] for t in spec['traces'])) < len(spec['traces']):
        shared.append('tracebacks')
    if len(spec['items']) > len(set(spec['items'])):
        shared.append('whole traces')
    return '%s, %s pickler%s, shared: %s' % (spec['container'], spec['pickler'],
                                              '' if spec['fix_imports'] else ' (fix_imports off)',
                                              ', '.join(shared) or 'nothing')


def normalized_loaded(raw, encoding):
    """The loaded raw traces as JSON: byte-string names decoded, a None line as 0, tags as text (ignored)."""
    out = []
    for trace in raw:
        fields = []
        for value in trace:
            if isinstance(value, tuple):
                frames = []
                for name, line in value:
                    if not isinstance(name, type(u'')):
                        name = name.decode(encoding)
                    frames.append([name, 0 if line is None else line])
                fields.append(frames)
            elif isinstance(value, (bytes, type(u''))):
                fields.append(u'tag')
            else:
                fields.append(value)
        out.append(fields)
    return out


def own_statistics(raw, limit, encoding):
    """Statistics by the writing CPython's own tracemalloc, on its own layout (3.x only)."""
    import tracemalloc
    native = []
    for trace in raw:
        if len(trace) == 2 or (len(trace) == 3 and isinstance(trace[1], tuple)):
            domain, size, tb, nframe = 0, trace[0], trace[1], None
        elif len(trace) == 3:
            domain, size, tb, nframe = trace[0], trace[1], trace[2], None
        else:
            domain, size, tb, nframe = trace
        frames = tuple((name.decode(encoding) if isinstance(name, bytes) else name, 0 if line is None else line)
                       for name, line in tb) or (('<unknown>', 0),)
        nframe = len(frames) if nframe is None else nframe
        native.append((domain, size, frames, nframe) if sys.version_info >= (3, 9) else (domain, size, frames))
    snapshot = tracemalloc.Snapshot(native, limit)
    by_file = dict((s.traceback[0].filename, s.size) for s in snapshot.statistics('filename'))
    by_line = [[s.traceback[0].filename, s.traceback[0].lineno, s.size] for s in snapshot.statistics('lineno')]
    return by_file, by_line


def worker(spec_path):
    sys.path.insert(0, os.path.join(HERE, 'py27') if sys.version_info[0] == 2 else HERE)
    import tracemalloc  # 2.7: the stand-in next to write_py27.py; 3.x: the real module
    if sys.version_info[0] == 2:
        import cPickle as c_pickle
        py_pickler = pickle.Pickler
    else:
        c_pickle = pickle
        py_pickler = pickle._Pickler
    with open(spec_path) as f:
        job = json.load(f)
    reports = []
    for spec in job['cases']:
        items = build_traces(spec)
        container = spec['container']
        if container.endswith('tuple'):
            items = tuple(items)
        obj = tracemalloc.Snapshot(items, spec['limit']) if container.startswith('snapshot') else items
        path = os.path.join(job['out'], spec['name'] + '.pickle')
        options = {} if sys.version_info[0] == 2 else {'fix_imports': spec['fix_imports']}
        with open(path, 'wb') as f:
            if spec['pickler'] == 'c':
                c_pickle.dump(obj, f, spec['protocol'], **options)
            else:
                py_pickler(f, spec['protocol'], **options).dump(obj)
        # Loaded back by the CPython that wrote it, as a user would.
        if container.startswith('snapshot'):
            if sys.version_info[0] == 2:
                with open(path, 'rb') as f:
                    loaded = pickle.load(f).traces._traces
            else:
                loaded = tracemalloc.Snapshot.load(path).traces._traces
        else:
            with open(path, 'rb') as f:
                loaded = pickle.load(f)
        assert len(loaded) == len(spec['items']), spec['name']
        byte_names = any(as_bytes for _, as_bytes in spec['strings'])
        report = {'loaded': normalized_loaded(loaded, spec['encoding'] or 'utf-8'), 'byteNames': byte_names,
                  'shape': shape_of(spec)}
        if sys.version_info[0] == 3:
            report['ownByFile'], report['ownByLine'] = own_statistics(loaded, spec['limit'], spec['encoding'])
        reports.append(report)
    with open(job['report'], 'w') as f:
        json.dump(reports, f)


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == 'worker':
        worker(sys.argv[2])
    else:
        main()
