# -*- coding: gbk -*-
# Python 2 syntax: print statements, "except E, e", backticks, exec, <>, long and octal literals,
# ur'' strings, and tabs mixed with spaces (Python 2 reads a tab as up to 8 columns).
import sys


class BattleController(object):  # 战斗控制器
    """战斗：乗俓"""

    def spawn_wave(self, count):
        print "spawning", count, "怽"
        print >>sys.stderr, "def fake(): 慭"
        try:
            x = 10L + 0777
        except ValueError, e:
            print `e`
        if x <> 0:
	    return x
	return 0

    def run(self, code):
	exec code in {}
	exec "def not_a_def(): pass"
        return ur'raw unicode \' def y():'


def old_style_class_user():
    class Old:
        def m(self):
            pass
    return Old


def load(path=u"抃"):  # 加载
    return path
