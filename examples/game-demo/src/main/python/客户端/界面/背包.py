"""旧版背包界面 (the legacy bag panel, kept under a CJK package name)."""

from common.data import item_table

_背包列表 = []


class 背包(object):
    def __init__(self, 格子数):
        self.格子 = []
        for 序号 in range(格子数):
            物品 = item_table.get(9000 + 序号)
            self.格子.append({"序号": 序号, "物品": 物品, "名字": "物品-%d 【%s】" % (序号, 物品["rarity"])})
        self.贴图 = bytearray(48 * 1024)


def 打开背包(格子数):
    包 = 背包(格子数)
    _背包列表.append(包)
    return 包
