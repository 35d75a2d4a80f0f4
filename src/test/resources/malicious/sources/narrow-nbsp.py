def f():
    x = 1
    return x

class C:
    def m(self):
        pass
