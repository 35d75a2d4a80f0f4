#!/usr/bin/env python3
"""Writes the hostile Python sources of src/test/resources/malicious/sources/ for the function-name scanner.

Each file is what a game's source root might hold after a careless or hostile commit: characters Python refuses
where the scanner once looped forever (U+00A0, U+2007, U+202F), NUL bytes, nesting and names past the scanner's
limits. expected.json gives, per file, either the names of some lines and the line count, or the reason the file
is not scanned (as FunctionNameResolver reports it); MaliciousSourceTest checks both, within a time and memory
bound. The files too big to commit (a 50 MB line of tokens, 60 MB of NUL bytes) are written by the test itself.

    python3 src/test/python/make_malicious_sources.py src/test/resources/malicious/sources
"""
import json
import os
import sys

CASES = {}


def case(name, text, expected, encoding='utf-8'):
    CASES[name] = (text.encode(encoding) if isinstance(text, str) else text, expected)


def names(lines, **by_line):
    return {'lines': lines, 'names': {str(line): name for line, name in sorted(by_line_items(by_line))}}


def by_line_items(by_line):
    return [(int(key[1:]), value) for key, value in by_line.items()]


BODY = 'def f():\n    x{space}= 1\n    return x\n\nclass C:\n    def m(self):\n        pass\n'
for file, space in [('nbsp', '\u00a0'), ('figure-space', '\u2007'), ('narrow-nbsp', '\u202f')]:
    case(file + '.py', BODY.format(space=space), names(7, l2='f', l3='f', l4='<module>', l5='C', l7='C.m'))
case('nbsp-in-fstring-field.py', 'def f():\n    return f"{x\u00a0}"\n\ndef g():\n    pass\n',
     names(5, l2='f', l3='<module>', l5='g'))
case('nbsp-before-def.py', '\u00a0def f():\n    pass\ndef g():\n    pass\n', names(4, l1='<module>', l4='g'))
case('nbsp-only.py', '\u00a0' * 1000, names(1, l1='<module>'))
case('nul.py', 'def f():\n    pass\x00\n', {'refused': 'not scanned: a NUL character on line 2: Python refuses source '
                                                  'code with null bytes'})
case('nested-101.py', ''.join(' ' * i + 'def f%d():\n' % i for i in range(101)) + ' ' * 101 + 'pass\n',
     {'refused': 'not scanned: more than 100 nested definitions, which Python refuses as too many levels of '
                 'indentation (line 101)'})
case('nested-100.py', ''.join(' ' * i + 'def f%d():\n' % i for i in range(100)) + ' ' * 100 + 'pass\n',
     names(101, l1='f0', l101='.<locals>.'.join('f%d' % i for i in range(100))))
case('long-name.py', 'def ' + 'a' * 4097 + '():\n    pass\n',
     {'refused': 'not scanned: a name of more than 4096 characters (line 1)'})
case('long-global-name.py', 'def f():\n    global ' + 'g' * 4097 + '\n',
     {'refused': 'not scanned: a name of more than 4096 characters (line 2)'})
# U+FDFA is one character that NFKC, as Python applies it to identifiers, expands to 18.
case('nfkc-expanding-name.py', 'def ' + '\ufdfa' * 300 + '():\n    pass\n',
     {'refused': 'not scanned: a name of more than 4096 characters (line 1)'})
case('unterminated-triple-string.py', 'def f():\n    """' + 'x' * 10000 + '\ndef g():\n    pass\n',
     names(4, l1='f', l4='f'))
case('open-brackets.py', 'def f():\n    x = ' + '(' * 100000 + '\ndef g():\n    pass\n', names(4, l1='f', l4='f'))
case('backslash-at-end.py', 'def f():\n    pass\\', names(2, l2='f'))
case('lone-surrogate.py', b'def f():\n    x = "\xed\xa0\x80"\n', {'refused': 'is not valid text in its declared encoding'})


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'resources',
                                                               'malicious', 'sources')
    os.makedirs(out, exist_ok=True)
    manifest = {}
    for name, (data, expected) in sorted(CASES.items()):
        with open(os.path.join(out, name), 'wb') as f:
            f.write(data)
        manifest[name] = expected
    with open(os.path.join(out, 'expected.json'), 'w') as f:
        json.dump(manifest, f, indent=2, sort_keys=True, ensure_ascii=True)
        f.write('\n')


if __name__ == '__main__':
    main()
