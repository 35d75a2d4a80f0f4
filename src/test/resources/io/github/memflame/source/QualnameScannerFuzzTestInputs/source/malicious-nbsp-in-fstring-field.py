def f():
    return f"{x }"

def g():
    pass
