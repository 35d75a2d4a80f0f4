#!/usr/bin/env python3
"""Writes the malicious pickle corpus of src/test/resources/malicious/ opcode by opcode.

Nothing here ever unpickles anything: every file is assembled from raw opcode bytes (the names are those of
pickletools), so running this script is safe. Each file is listed in expected.json with what memflame must say
it found (DumpFormatException.found()); MaliciousPickleTest reads every file and checks it is refused with that
message, in bounded time and memory, and that nothing it names is called.

    python3 src/test/python/make_malicious_pickles.py src/test/resources/malicious
"""
import json
import os
import struct
import sys

MARK, STOP, POP = b'(', b'.', b'0'
INT, BININT1, NONE = b'I', b'K', b'N'
PERSID, BINPERSID, REDUCE = b'P', b'Q', b'R'
FLOAT, BINFLOAT, STRING, UNICODE, LONG = b'F', b'G', b'S', b'V', b'L'
DICT, GET, LIST, PUT = b'd', b'g', b'l', b'p'
BINUNICODE, APPEND, BUILD, GLOBAL = b'X', b'a', b'b', b'c'
EMPTY_DICT, APPENDS, BINGET, INST, LONG_BINGET = b'}', b'e', b'h', b'i', b'j'
EMPTY_LIST, OBJ, LONG_BINPUT, SETITEM, TUPLE, EMPTY_TUPLE = b']', b'o', b'r', b's', b't', b')'
SETITEMS = b'u'
NEWOBJ, EXT1, TUPLE1, TUPLE3 = b'\x81', b'\x82', b'\x85', b'\x87'
LONG4, SHORT_BINUNICODE, BINUNICODE8 = b'\x8b', b'\x8c', b'\x8d'
NEWOBJ_EX, STACK_GLOBAL, MEMOIZE, FRAME = b'\x92', b'\x93', b'\x94', b'\x95'


def proto(n):
    return b'\x80' + bytes([n])


def s(text):
    data = text.encode('utf-8')
    if len(data) < 256:
        return SHORT_BINUNICODE + bytes([len(data)]) + data
    return BINUNICODE + struct.pack('<I', len(data)) + data


def snapshot_head():
    """The start of a real Snapshot up to its empty list of traces, as CPython writes it (memo left out)."""
    return (s('tracemalloc') + s('Snapshot') + STACK_GLOBAL + EMPTY_TUPLE + NEWOBJ + EMPTY_DICT + MARK
            + s('traces') + s('tracemalloc') + s('_Traces') + STACK_GLOBAL + EMPTY_TUPLE + NEWOBJ
            + EMPTY_DICT + s('_traces'))


CASES = {}


def case(name, data, found, expected=None):
    CASES[name] = (data, found, expected)


# Code execution through a global and REDUCE, as every pickle exploit does.
case('os-system-reduce-p2', proto(2) + GLOBAL + b'os\nsystem\n' + s('id') + TUPLE1 + REDUCE + STOP,
     'os.system', 'global tracemalloc.Snapshot or tracemalloc._Traces')
case('os-system-stack-global-p4', proto(4) + s('os') + s('system') + STACK_GLOBAL + s('id') + TUPLE1 + REDUCE + STOP,
     'os.system', 'global tracemalloc.Snapshot or tracemalloc._Traces')
case('posix-system-p4', proto(4) + s('posix') + s('system') + STACK_GLOBAL + s('touch /tmp/pwned') + TUPLE1
     + REDUCE + STOP, 'posix.system')
case('builtins-eval', proto(4) + s('builtins') + s('eval') + STACK_GLOBAL + s('__import__("os").system("id")')
     + TUPLE1 + REDUCE + STOP, 'builtins.eval')
case('builtins-exec-p2', proto(2) + GLOBAL + b'__builtin__\nexec\n' + s('import os') + TUPLE1 + REDUCE + STOP,
     '__builtin__.exec')
case('subprocess-popen', proto(4) + s('subprocess') + s('Popen') + STACK_GLOBAL + MARK + s('id') + TUPLE
     + TUPLE1 + REDUCE + STOP, 'subprocess.Popen')
case('java-runtime-exec', proto(4) + s('java.lang.Runtime') + s('getRuntime') + STACK_GLOBAL + EMPTY_TUPLE
     + REDUCE + STOP, 'java.lang.Runtime.getRuntime')
# A class of the test's own package whose static initializer records that it ran (MaliciousPickleTest).
case('canary-global-reduce', proto(2) + GLOBAL + b'io.github.memflame.read\nCanary\n' + EMPTY_TUPLE + REDUCE
     + STOP, 'io.github.memflame.read.Canary')
case('canary-stack-global-newobj', proto(4) + s('io.github.memflame.read') + s('Canary') + STACK_GLOBAL
     + EMPTY_TUPLE + NEWOBJ + STOP, 'io.github.memflame.read.Canary')
case('canary-call', proto(4) + s('io.github.memflame.read.Canary') + s('call') + STACK_GLOBAL + EMPTY_TUPLE
     + REDUCE + STOP, 'io.github.memflame.read.Canary.call')
# REDUCE even on the one accepted class.
REDUCE_SHAPE = 'copy_reg._reconstructor(tracemalloc.Snapshot or tracemalloc._Traces, object, None) for REDUCE'
case('reduce-on-snapshot', proto(4) + s('tracemalloc') + s('Snapshot') + STACK_GLOBAL + EMPTY_TUPLE + REDUCE
     + STOP, 'class tracemalloc.Snapshot called with ()', REDUCE_SHAPE)
# INST and OBJ build instances of a named class with arguments.
CREATION = 'tracemalloc objects created by NEWOBJ or copy_reg._reconstructor'
case('inst-os-system', proto(2) + MARK + s('id') + INST + b'os\nsystem\n' + STOP, 'os.system',
     'global tracemalloc.Snapshot or tracemalloc._Traces')
case('obj-snapshot', proto(2) + MARK + GLOBAL + b'tracemalloc\nSnapshot\n' + OBJ + STOP,
     'OBJ of class tracemalloc.Snapshot', CREATION)
case('obj-canary', proto(2) + MARK + GLOBAL + b'io.github.memflame.read\nCanary\n' + OBJ + STOP,
     'io.github.memflame.read.Canary')
case('newobj-ex', proto(4) + s('tracemalloc') + s('Snapshot') + STACK_GLOBAL + EMPTY_TUPLE + EMPTY_DICT
     + NEWOBJ_EX + STOP, 'NEWOBJ_EX (0x92)')
case('ext1-registry', proto(2) + EXT1 + b'\x01' + EMPTY_TUPLE + REDUCE + STOP, 'EXT1 (0x82)')
# Persistent IDs ask the unpickler to look an object up by an id of the dump's choosing.
NO_PERSID = 'no persistent id (Snapshot.load and pickle.load define no persistent_load)'
case('persid', proto(2) + PERSID + b'/etc/passwd\n' + STOP, "PERSID '/etc/passwd'", NO_PERSID)
case('binpersid', proto(4) + s('os.system') + BINPERSID + STOP, "BINPERSID of str 'os.system'", NO_PERSID)
# BUILD calling __setstate__ / setting __dict__ of something else.
case('build-on-list', proto(4) + EMPTY_LIST + EMPTY_DICT + s('__class__') + s('os') + SETITEM + BUILD + STOP,
     "'__class__'", "the key 'traces', 'traceback_limit' or '_traces'")
# Memo indexes out of range.
case('binget-empty-memo', proto(4) + BINGET + b'\xc8' + STOP, 'BINGET 200')
case('long-binget-4g', proto(4) + s('a') + MEMOIZE + LONG_BINGET + struct.pack('<I', 0xFFFFFFFF) + STOP,
     'LONG_BINGET 4294967295')
case('long-binput-4g', proto(2) + NONE + LONG_BINPUT + struct.pack('<I', 0xFFFFFFFF) + STOP,
     'LONG_BINPUT 4294967295')
# Lengths that claim gigabytes: nothing may be allocated for them.
case('long4-2gb', proto(4) + LONG4 + struct.pack('<I', 0x80000000) + b'\x01' * 16 + STOP, 'LONG4 (0x8B)')
case('binunicode-4gb', proto(4) + BINUNICODE + struct.pack('<I', 0xFFFFFFFF) + b'abc' + STOP,
     'BINUNICODE of 4294967295 bytes', 'a string of at most 16777216 bytes')
case('binunicode-16mb-short', proto(4) + BINUNICODE + struct.pack('<I', 16_000_000) + b'abc',
     'the end of the data (the dump is truncated)')
case('binunicode8-huge', proto(4) + BINUNICODE8 + struct.pack('<Q', 1 << 62) + b'abc' + STOP,
     'BINUNICODE8 (0x8D)')
case('int-text-huge', proto(2) + INT + b'9' * 100_000 + b'\n' + STOP, 'a longer line')
# Deeply nested MARKs (a recursive unpickler would overflow its stack).
case('nested-marks-100k', proto(4) + MARK * 100_000 + STOP, 'MARK number 1001', 'at most 1000 nested MARKs')
# A FRAME announcing a gigabyte of APPENDs; the data stops after 100,000 of them.
frame_body = snapshot_head() + EMPTY_LIST + (BININT1 + b'\x00' + BININT1 + b'\x08' + EMPTY_TUPLE + TUPLE3
                                             + APPEND) * 100_000
case('frame-1e9-appends', proto(4) + FRAME + struct.pack('<Q', 1_000_000_000 * 7) + frame_body,
     'the end of the data (the dump is truncated)')
case('appends-without-list', proto(4) + FRAME + struct.pack('<Q', 1 << 40) + NONE + MARK + NONE * 1000 + APPENDS
     + STOP, 'None', 'the list of traces for APPENDS')
# Protocols 0 and 1 (no PROTO): the classic text exploit, and every text opcode they bring.
case('protocol-0-text', b"cos\nsystem\n(S'id'\ntR.", 'os.system',
     'global tracemalloc.Snapshot or tracemalloc._Traces')
P0_RECONSTRUCT = GLOBAL + b'copy_reg\n_reconstructor\n' + PUT + b'0\n'
P0_OBJECT = GLOBAL + b'__builtin__\nobject\n'
case('p0-reconstructor-os-system', P0_RECONSTRUCT + MARK + GLOBAL + b'os\nsystem\n' + P0_OBJECT + NONE + TUPLE
     + REDUCE + STOP, 'os.system')
case('p0-reconstructor-base-posix-system', P0_RECONSTRUCT + MARK + GLOBAL + b'tracemalloc\nSnapshot\n'
     + GLOBAL + b'posix\nsystem\n' + NONE + TUPLE + REDUCE + STOP, 'posix.system')
case('p0-reconstructor-with-state', P0_RECONSTRUCT + MARK + GLOBAL + b'tracemalloc\nSnapshot\n' + P0_OBJECT
     + STRING + b"'id'\n" + TUPLE + REDUCE + STOP,
     "a tuple of (class tracemalloc.Snapshot, class object, str 'id')",
     'the arguments (tracemalloc.Snapshot, object, None) of copy_reg._reconstructor')
case('p0-reconstructor-snapshot-as-base', P0_RECONSTRUCT + MARK + GLOBAL + b'tracemalloc\n_Traces\n'
     + GLOBAL + b'tracemalloc\nSnapshot\n' + NONE + TUPLE + REDUCE + STOP,
     'a tuple of (class tracemalloc._Traces, class tracemalloc.Snapshot, None)')
case('p0-reduce-object', P0_OBJECT + MARK + TUPLE + REDUCE + STOP, 'class object called with ()', REDUCE_SHAPE)
case('p0-reduce-reconstructor-from-memo-on-list', P0_RECONSTRUCT + MARK + LIST + GET + b'0\n' + MARK + TUPLE
     + REDUCE + STOP, 'copy_reg._reconstructor called with ()', REDUCE_SHAPE)
case('p0-reduce-canary', GLOBAL + b'io.github.memflame.read\nCanary\n' + MARK + TUPLE + REDUCE + STOP,
     'io.github.memflame.read.Canary')
case('p0-builtin-eval', GLOBAL + b'__builtin__\neval\n' + MARK + STRING + b"'1'\n" + TUPLE + REDUCE + STOP,
     '__builtin__.eval')
case('p0-build-setstate', P0_RECONSTRUCT + MARK + GLOBAL + b'tracemalloc\nSnapshot\n' + P0_OBJECT + NONE
     + TUPLE + REDUCE + MARK + DICT + STRING + b"'__setstate__'\n" + INT + b'1\n' + SETITEM + BUILD + STOP,
     "'__setstate__'", "the key 'traces', 'traceback_limit' or '_traces'")
case('p0-inst-canary', MARK + INST + b'io.github.memflame.read\nCanary\n' + STOP, 'io.github.memflame.read.Canary')
case('p0-inst-snapshot', MARK + INST + b'tracemalloc\nSnapshot\n' + STOP, 'INST of tracemalloc.Snapshot', CREATION)
case('p0-obj-traces', MARK + GLOBAL + b'tracemalloc\n_Traces\n' + OBJ + STOP, 'OBJ of class tracemalloc._Traces',
     CREATION)
case('p0-persid', PERSID + b'os.system\n' + STOP, "PERSID 'os.system'", NO_PERSID)
case('p1-binpersid', BININT1 + b'\x07' + BINPERSID + STOP, 'BINPERSID of int', NO_PERSID)
case('p0-string-unquoted', STRING + b'/etc/passwd\n' + STOP, 'an argument that is not quoted',
     'a quoted Python string literal for STRING')
case('p0-string-bad-hex-escape', STRING + b"'\\xZZ'\n" + STOP, 'an invalid \\x escape at position 0')
case('p0-string-no-newline', STRING + b"'" + b'a' * 100_000, 'the end of the data (the dump is truncated)')
case('p0-unicode-out-of-range', UNICODE + b'\\U00110000\n' + STOP, '\\U110000 (out of range) at position 0',
     'raw-unicode-escape text for UNICODE')
case('p0-unicode-truncated-escape', UNICODE + b'a\\u12\n' + STOP, 'a truncated \\uXXXX escape at position 1')
case('p0-float-huge-line', FLOAT + b'9' * 100_000 + b'\n' + STOP, 'a longer line')
case('p0-float-as-line-number', MARK + STRING + b"'a.py'\n" + FLOAT + b'1e308\n' + TUPLE + STOP,
     "a tuple of (str 'a.py', float)")
case('p1-binfloat-as-size', MARK + BINFLOAT + struct.pack('>d', 1e300) + EMPTY_TUPLE + TUPLE + STOP,
     'a tuple of (float, ())')
case('p0-long-text-not-decimal', LONG + b'0x41L\n' + STOP, "'0x41L'", 'a decimal integer for LONG')
case('p0-put-negative', NONE + PUT + b'-1\n' + STOP, "'-1'", 'a decimal memo key for PUT')
case('p0-put-beyond-memo', NONE + PUT + b'9999999999\n' + STOP, 'PUT 9999999999')
case('p0-get-unstored', GET + b'7\n' + STOP, 'GET 7')
case('p0-get-huge-key', GET + b'1' * 5000 + b'\n' + STOP, 'a longer line')
case('p0-dict-odd-items', MARK + STRING + b"'traces'\n" + DICT + STOP, '1 items', 'key and value pairs for DICT')
case('p0-dict-class-key', MARK + STRING + b"'__class__'\n" + STRING + b"'os'\n" + DICT + STOP, "'__class__'")
case('p0-list-of-strings', MARK + STRING + b"'x'\n" + LIST + STOP, "str 'x'", 'a raw trace')
case('p0-append-to-dict', MARK + DICT + INT + b'1\n' + APPEND + STOP, 'dict', 'the list of traces for APPEND')
case('p0-setitem-on-list', MARK + LIST + STRING + b"'traces'\n" + INT + b'1\n' + SETITEM + STOP, 'list',
     'the state dict of a tracemalloc object')
case('p0-nested-marks-100k', MARK * 100_000 + STOP, 'MARK number 1001', 'at most 1000 nested MARKs')
case('p0-two-trace-lists', MARK + LIST + MARK + INT + b'8\n' + MARK + TUPLE + TUPLE + APPEND + MARK + LIST + MARK
     + INT + b'9\n' + MARK + TUPLE + TUPLE + APPEND + STOP, 'a second list of raw traces')
case('pop-mark-games', proto(4) + MARK + POP + STOP, 'POP (0x30)')


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'resources',
                                                               'malicious')
    os.makedirs(out, exist_ok=True)
    manifest = {}
    for name, (data, found, expected) in sorted(CASES.items()):
        with open(os.path.join(out, name + '.pickle'), 'wb') as f:
            f.write(data)
        manifest[name + '.pickle'] = {'found': found} if expected is None else {'found': found, 'expected': expected}
    with open(os.path.join(out, 'expected.json'), 'w') as f:
        json.dump(manifest, f, indent=2, sort_keys=True)
        f.write('\n')


if __name__ == '__main__':
    main()
