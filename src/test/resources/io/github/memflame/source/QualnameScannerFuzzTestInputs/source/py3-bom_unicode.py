# A UTF-8 byte order mark, then code.
def with_bom():
    return "été"


class 背包:
    def 打开(self):
        pass


def ﬁx():
    return "the ligature fi is NFKC-normalized to fi"
