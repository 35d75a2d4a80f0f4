"""Town: NPCs, the minimap, the bags (old, new and the legacy CJK one) and the chat connection."""

from client.ui import bag_panel
from client.ui2 import bag_panel as grid_bag
from net import socket_pool
from 客户端.界面 import 背包

_TOWNS = []


class TownController(object):
    def __init__(self, name):
        self.name = name
        self.npcs = []
        self.minimap = None
        self.bags = []

    def enter(self):
        self.minimap = bytearray(256 * 1024)
        self._spawn_npcs(80)
        self.bags.append(bag_panel.open_bag(60))
        self.bags.append(grid_bag.open_grid(8, 6))
        self.bags.append(背包.打开背包(40))
        chat = socket_pool.connect("chat.g1.example", 7000)
        chat.receive(40, 512)
        _TOWNS.append(self)

    def _spawn_npcs(self, count):
        for npc_id in range(count):
            self.npcs.append(self._make_npc(npc_id))

    def _make_npc(self, npc_id):
        return {"id": npc_id, "name": "villager_%03d" % npc_id, "pos": [npc_id * 3.0, npc_id * 1.5],
                "lines": ["Hello, traveller number %d!" % line for line in range(4)]}


def enter_town(name):
    town = TownController(name)
    town.enter()
    return town
