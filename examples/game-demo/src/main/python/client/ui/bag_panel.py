"""The bag panel: item slots, each with a cached icon bitmap."""

from common.data import item_table

_OPEN = []
_ICON_CACHE = {}


def _icon(item_id):
    icon = _ICON_CACHE.get(item_id)
    if icon is None:
        icon = bytearray(1024)
        _ICON_CACHE[item_id] = icon
    return icon


class BagPanel(object):
    def __init__(self, size):
        self.slots = []
        for slot in range(size):
            self.slots.append(self._make_slot(slot))

    def _make_slot(self, slot):
        item = item_table.get(1000 + slot * 3)
        return {"slot": slot, "item": item, "icon": _icon(item["id"]),
                "label": "%s x%d" % (item["name"], item["stack"])}


def open_bag(size):
    panel = BagPanel(size)
    _OPEN.append(panel)
    return panel
