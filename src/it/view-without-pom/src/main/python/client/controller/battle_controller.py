HOLD = []
def run(n):
    for i in range(n):
        HOLD.append('unit-%d' % i * 4)
