# CRLF line endings, a form feed, and a lone CR.
class Crlf:
    def method(self):
        return 1

def after_formfeed():
    x = """a
b"""
    return xdef after_lone_cr():    pass
