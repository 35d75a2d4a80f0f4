"""Module docstring that mentions
def not_a_function():
class NotAClass:
"""
import functools


def make_panel(title):
    """Returns a panel.

    def fake(): this is text
    """
    label = title.upper()

    def on_click(event):
        # a comment inside the closure
        return label + event

    class Panel(object):
        kind = "panel"

        def render(self, width=lambda w: w * 2,
                   height=[h for h in range(3)]):
            return [on_click(x) for x in (width, height)]

        class Inner:
            def deep(self):
                def deeper():
                    return 1
                return deeper

    return Panel


class BattleController(object):
    """Spawns waves."""

    waves = [w for w in range(10)]
    by_id = {w: w * 2 for w in waves}

    def __init__(self, scene):
        self.scene = scene

    @staticmethod
    @functools.lru_cache(
        maxsize=128,
    )
    def spawn_wave(count,
                   kind="orc",
                   *args,
                   **kwargs):
        monsters = []
        for i in range(count):
            monsters.append((kind, i))
        return monsters

    @property
    def size(self): return len(self.waves)

    # a comment between methods, indented like the methods

    async def load(self):
        async with self.scene as scene:
            await scene.ready()

    def __mangled(self):
        return "class private, not mangled in __qualname__"
        # a comment after the last statement, still indented

# a comment at column 0 after the class


def one_liner(): return 1
class OneLineClass: pass
def semicolons(): a = 1; b = 2; return a + b


if __debug__:
    def under_if():
        return "if"
else:
    def under_else():
        return "else"

try:
    from _missing import fast_path
except ImportError:
    def fast_path(data):
        return data
finally:
    pass

with open(__file__) as _f:
    class InWith:
        pass

for _i in range(1):
    def in_loop():
        pass

while False:
    class InWhile:
        def method(self):
            pass


def uses_global():
    global promoted, OtherPromoted

    def promoted():
        return "qualname is just promoted"

    class OtherPromoted:
        def m(self):
            pass

    def not_promoted():
        return "uses_global.<locals>.not_promoted"


class HasGlobal:
    global class_level_promoted

    def class_level_promoted(self):
        pass


def strings():
    a = 'def in_single(): pass'
    b = "class InDouble: pass"
    c = '''
def in_triple():
    pass
'''
    d = """\
class InTripleDouble:
    pass"""
    e = r'raw \' def still_string(): \\'
    f = 'escaped quote \' def x(): '
    g = ('implicit'
         'concatenation def y(): '
         "across lines")
    h = b'bytes def z():'
    i = rb"raw bytes class Q:" + Rb'x' + BR"y" + u'unicode'
    return a, b, c, d, e, f, g, h, i


def continuations():
    total = 1 + \
        2 + \
        3
    items = [
        1,
        2,
    ]
    mapping = {
        'k': (
            lambda x: x
        ),
    }
    return total, items, mapping


def lambdas_and_comprehensions(values):
    key = lambda item: (
        item[0],
        item[1],
    )
    squares = [v * v
               for v in values
               if v]
    gen = (v for v in values)
    nested = [[x for x in range(y)] for y in values]
    return sorted(values, key=key), squares, gen, nested


def trailing_blank_lines():
    x = 1



y = 2


def last_in_file(a,
                 b):
    return a + b


# A trailing backslash joins a blank line: the definition ends on the line of its last token.
def joined_blank(x): return \

after_joined = 1
