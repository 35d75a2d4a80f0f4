def f():
    x = "í €"
