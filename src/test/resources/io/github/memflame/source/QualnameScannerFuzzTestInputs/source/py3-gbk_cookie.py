# -*- coding: gbk -*-
"""背包界面：乗俓僜刓匼哱嘰"""


class 背包界面(object):
    说明 = "表示中文编号结果 乗"

    def 打开(self, 数量):
        提示 = '刓'
        return 提示 * 数量

    def close(self):
        return "匼"


def 加载(路径="哱"):
    return 路径
