"""Item definitions for bags and shops."""

_ITEMS = {}

RARITY = ("common", "magic", "rare", "epic", "legendary")


def get(item_id):
    item = _ITEMS.get(item_id)
    if item is None:
        item = {
            "id": item_id,
            "name": "item_%05d" % item_id,
            "rarity": RARITY[item_id % len(RARITY)],
            "stack": 1 + item_id % 99,
            "flavor": "A %s thing found somewhere in the north. " % RARITY[item_id % len(RARITY)] * 2,
        }
        _ITEMS[item_id] = item
    return item
