# f-strings: replacement fields hold expressions, format specs nest fields, and since Python 3.12 a field may
# hold a string with the f-string's own quotes.
width = 10


def simple(name):
    return f"hello {name} def not_a_def(): {{literal braces}}"


def nested_fields(value, precision):
    return f"{value:{width}.{precision}f} class NotAClass: {value!r:>{width}}"


def dict_in_field(d):
    return f"{ {'a': 1}['a'] } {d['key']} {(lambda x: x)(1)}"


def same_quotes_312(items):
    return f"{", ".join(items)} and {items["x"] if isinstance(items, dict) else ''}"


def triple_quoted(rows):
    return f"""
def fake_in_triple_fstring():
    {rows[0]}
    {'''nested triple'''}
    {len([r for r in rows
          if r])}
"""


def after_fstrings():
    return f'{"quote"}' + rf'\d{width}' + F"{width:>{width}}" + fr"{{}}"


class AfterAll:
    def method(self):
        return f"{self!s:^{width + 2}}"
