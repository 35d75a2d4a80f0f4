# -*- coding: utf-8 -*-
"""The oracle of io.github.memflame.source: for every line of Python files, the qualified name of the
definition enclosing it, computed by Python itself (its ast and tokenize modules), so that the Java scanner
can be compared with it line by line.

The enclosing qualname of a line is the __qualname__ of the innermost def or class whose span contains it,
or "<module>". A span runs from the definition's first decorator line to the last line of its last statement
(ast's end_lineno: comments and blank lines after the body belong to the enclosing scope). Lambdas and
comprehensions are not definitions: their lines belong to the enclosing function. Names follow PEP 3155
(Python 2 files get the name Python 3 would give): "C.m", "f.<locals>.g", a name declared global in the
enclosing function or class is its own qualname.

Runs under Python 2.7 and 3.6+ (Python 2 files need 2.7's ast):

  python make_qualname_oracle.py FILES-OR-DIRS... > oracle.json      (one interpreter, stdout)
  python3 make_qualname_oracle.py --corpus                            (rewrites the committed corpus oracle)
  python3 make_qualname_oracle.py --stdlib OUT-DIR                     (every pyenv CPython's standard library)
  python3 make_qualname_oracle.py --code-objects FILES-OR-DIRS...     (3.11+: agreement with co_qualname)

The corpus is src/test/resources/qualnames/: files under py2/ are parsed with Python 2.7
(PYTHON2, default /root/.pyenv/versions/2.7.18/bin/python), the rest with the running Python 3.
"""
from __future__ import print_function

import ast
import io
import json
import os
import subprocess
import sys
import tokenize

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.normpath(os.path.join(HERE, "..", "resources", "qualnames"))
PYTHON2 = os.environ.get("PYTHON2", "/root/.pyenv/versions/2.7.18/bin/python")

DEFINITIONS = (ast.FunctionDef, ast.ClassDef) + ((ast.AsyncFunctionDef,) if hasattr(ast, "AsyncFunctionDef") else ())


def physical_line_count(source):
    """Lines as the tokenizer counts them: \\r\\n, \\r and \\n end a line (not form feed or U+2028)."""
    text = source.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    if not text:
        return 0
    return text.count(b"\n") + (0 if text.endswith(b"\n") else 1)


def decoded_lines(source):
    """The source as text lines for tokenize, decoded as the compiler does (BOM, PEP 263 cookie, else UTF-8)."""
    if sys.version_info[0] >= 3:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
    else:
        encoding = python2_encoding(source)
    text = source.decode(encoding)
    if text.startswith(u"\ufeff"):
        text = text[1:]
    return io.StringIO(text.replace(u"\r\n", u"\n").replace(u"\r", u"\n")).readline


def python2_encoding(source):
    import re
    if source.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    lines = source.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")[:2]
    cookie = re.compile(br"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")
    for index, line in enumerate(lines):
        match = cookie.match(line)
        if match:
            return match.group(1).decode("ascii")
        if index == 0 and not re.match(br"^[ \t\f]*(#.*)?$", line):
            break
    return "utf-8"


def logical_line_ends(source):
    """Maps every line holding a token of a logical line to the last line of that logical line."""
    ends = {}
    start = None
    last = None
    skip = (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER)
    for token in tokenize.generate_tokens(decoded_lines(source)):
        kind, (start_row, _), (end_row, _) = token[0], token[2], token[3]
        if kind in (tokenize.NEWLINE, tokenize.ENDMARKER):
            if start is not None:
                for row in range(start, last + 1):
                    ends[row] = last
            start = None
        elif kind not in skip:
            if start is None:
                start = start_row
            last = end_row
    return ends


def explicit_globals(scope):
    """Names a function or class body declares global, not looking into nested scopes."""
    names = set()
    pending = list(ast.iter_child_nodes(scope))
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Global):
            names.update(node.names)
        elif not isinstance(node, DEFINITIONS + (ast.Lambda,)):
            pending.extend(ast.iter_child_nodes(node))
    return names


def definitions(tree):
    """(qualname, first line, node) of every def and class, outer before inner."""
    found = []

    def visit(node, parent, prefix, global_names):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, DEFINITIONS):
                if parent is not None and child.name in global_names:
                    qualname = child.name
                else:
                    qualname = prefix + child.name
                first = min([child.lineno] + [decorator.lineno for decorator in child.decorator_list])
                found.append((qualname, first, child))
                inner = qualname + (".<locals>." if not isinstance(child, ast.ClassDef) else ".")
                visit(child, child, inner, explicit_globals(child))
            else:
                visit(child, parent, prefix, global_names)

    visit(tree, None, "", set())
    return found


def enclosing_qualnames(source):
    """The qualname of every line, as a list of [first, last, qualname] runs covering lines 1..N."""
    tree = compile(source, "<source>", "exec", ast.PyCF_ONLY_AST, True)
    count = physical_line_count(source)
    ends = logical_line_ends(source)
    owner = ["<module>"] * (count + 1)
    for qualname, first, node in definitions(tree):
        last = ends[max(child.lineno for child in ast.walk(node) if hasattr(child, "lineno"))]
        if hasattr(node, "end_lineno") and node.end_lineno != last:
            raise AssertionError("tokenize and ast disagree on the end of %s: %d, %d" % (qualname, last, node.end_lineno))
        for line in range(first, last + 1):
            owner[line] = qualname
    runs = []
    for line in range(1, count + 1):
        if runs and runs[-1][2] == owner[line]:
            runs[-1][1] = line
        else:
            runs.append([line, line, owner[line]])
    return {"lines": count, "runs": runs}


def python_files(paths):
    for path in paths:
        if os.path.isdir(path):
            for directory, subdirectories, files in os.walk(path):
                # Installed packages are not the standard library.
                subdirectories[:] = sorted(d for d in subdirectories if d != "site-packages")
                for name in sorted(files):
                    if name.endswith(".py"):
                        yield os.path.join(directory, name)
        else:
            yield path


def oracle(paths, base):
    """{relative path: runs} for every file that this Python can compile; the rest listed as skipped."""
    files = {}
    skipped = {}
    for path in python_files(paths):
        name = os.path.relpath(path, base).replace(os.sep, "/")
        with open(path, "rb") as f:
            source = f.read()
        try:
            files[name] = enclosing_qualnames(source)
        except (SyntaxError, ValueError, UnicodeDecodeError, LookupError, tokenize.TokenError) as e:
            skipped[name] = "%s: %s" % (type(e).__name__, e)
    return {"python": "%d.%d.%d" % sys.version_info[:3], "base": os.path.abspath(base), "files": files,
            "skipped": skipped}


def code_object_agreement(paths):
    """Compares the oracle with CPython 3.11+'s code objects: for each line carrying bytecode, the innermost
    code object that has instructions there (lambdas and comprehensions standing for their parent)."""
    agree = 0
    header_lines = 0
    differ = []
    for path in python_files(paths):
        with open(path, "rb") as f:
            source = f.read()
        try:
            code = compile(source, path, "exec", dont_inherit=True)
            runs = enclosing_qualnames(source)["runs"]
        except (SyntaxError, ValueError, UnicodeDecodeError, LookupError, tokenize.TokenError):
            continue
        headers = set()
        for _, first, node in definitions(ast.parse(source)):
            headers.update(range(first, max(node.lineno, node.body[0].lineno - 1) + 1))
        expected = {}
        for first, last, qualname in runs:
            for line in range(first, last + 1):
                expected[line] = qualname
        actual = {}

        def walk(co, named, depth):
            synthetic = co.co_name.startswith("<") and co.co_name != "<module>"
            name, level = (named, depth) if synthetic else (co.co_qualname if co.co_name != "<module>" else "<module>", depth + 1)
            for _, _, line in co.co_lines():
                if line is not None and (line not in actual or actual[line][1] <= level):
                    actual[line] = (name, level)
            for const in co.co_consts:
                if hasattr(const, "co_lines"):
                    walk(const, name, level)

        walk(code, "<module>", 0)
        for line, (qualname, _) in sorted(actual.items()):
            if expected.get(line) == qualname:
                agree += 1
            elif line == 0:
                continue  # the module's RESUME, on no source line
            elif line in headers:
                header_lines += 1
            else:
                differ.append("%s:%d oracle %s, code object %s" % (path, line, expected.get(line), qualname))
    return agree, header_lines, differ


def corpus():
    python3 = oracle_of(sys.executable, [os.path.join(CORPUS, "py3")])
    python2 = oracle_of(PYTHON2, [os.path.join(CORPUS, "py2")])
    if python3["skipped"] or python2["skipped"]:
        raise SystemExit("corpus files that do not compile: %s %s" % (python3["skipped"], python2["skipped"]))
    merged = {"generatedBy": "src/test/python/make_qualname_oracle.py --corpus",
              "python": {"py2": python2["python"], "py3": python3["python"]},
              "files": {}}
    merged["files"].update(python2["files"])
    merged["files"].update(python3["files"])
    with open(os.path.join(CORPUS, "oracle.json"), "w") as f:
        json.dump(merged, f, indent=1, sort_keys=True, ensure_ascii=True)
        f.write("\n")
    print("wrote %s: %d files" % (os.path.join(CORPUS, "oracle.json"), len(merged["files"])))


def oracle_of(python, paths, base=CORPUS):
    output = subprocess.check_output([python, os.path.abspath(__file__), "--base", base] + paths)
    return json.loads(output.decode("utf-8"))


def stdlib(out_directory):
    """One oracle per pyenv CPython of its whole standard library (site-packages left out), for
    io.github.memflame.source.StdlibAgreement."""
    versions = os.environ.get("PYENV_VERSIONS", "/root/.pyenv/versions")
    if not os.path.isdir(out_directory):
        os.makedirs(out_directory)
    for old in os.listdir(out_directory):
        if old.startswith("stdlib-") and old.endswith(".json"):
            os.remove(os.path.join(out_directory, old))  # a version no longer installed must not be reported
    for version in sorted(os.listdir(versions)):
        python = os.path.join(versions, version, "bin", "python")
        lib = os.path.join(versions, version, "lib", "python" + ".".join(version.split(".")[:2]))
        if not (os.path.exists(python) and os.path.isdir(lib)):
            continue
        result = oracle_of(python, [lib], lib)
        with open(os.path.join(out_directory, "stdlib-%s.json" % version), "w") as f:
            json.dump(result, f, sort_keys=True, ensure_ascii=True)
        print("%s: %d files, %d lines, %d files Python itself does not compile" % (
            version, len(result["files"]), sum(v["lines"] for v in result["files"].values()), len(result["skipped"])))


def main(arguments):
    if arguments[:1] == ["--corpus"]:
        corpus()
    elif arguments[:1] == ["--stdlib"]:
        stdlib(arguments[1])
    elif arguments[:1] == ["--code-objects"]:
        agree, header_lines, differ = code_object_agreement(arguments[1:])
        total = agree + header_lines + len(differ)
        print("%d of %d lines with bytecode agree with co_qualname (%.3f%%); %d more are decorator or signature "
              "lines whose code (decorator calls, defaults) runs in the enclosing scope and which the oracle gives "
              "to the function defined; %d differ otherwise:"
              % (agree, total, 100.0 * agree / max(total, 1), header_lines, len(differ)))
        for line in differ:
            print("  " + line)
    else:
        base = os.getcwd()
        if arguments[:1] == ["--base"]:
            base, arguments = arguments[1], arguments[2:]
        json.dump(oracle(arguments, base), sys.stdout, sort_keys=True, ensure_ascii=True)


if __name__ == "__main__":
    main(sys.argv[1:])
