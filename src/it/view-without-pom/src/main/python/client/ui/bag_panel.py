HOLD = []
def run(n):
    HOLD.append(bytearray(n * 75))
