def f():
    pass\