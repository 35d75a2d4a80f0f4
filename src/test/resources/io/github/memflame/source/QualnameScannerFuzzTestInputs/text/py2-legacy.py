# Python 2 module with decorators, nested closures and string tricks.
import functools


def memoize(f):
    cache = {}

    @functools.wraps(f)
    def wrapper(*args):
        if args not in cache:
            cache[args] = f(*args)
        return cache[args]
    return wrapper


class Registry:
    items = dict((k, v) for k, v in [(1, 2)])

    @memoize
    def lookup(self, key,
               default=None):
        print "lookup %s" % (key,)
        return self.items.get(key, default)

    class Nested:
        def inner(self):
            def closure():
                return lambda: 'class X: pass'
            return closure


def raises():
    try:
        raise ValueError, "old raise"
    except (ValueError, TypeError), e:
        print e
    print


def last():
    pass  # no cookie: ASCII only in Python 2


def joined_blank(x): return \

after_joined = 1
