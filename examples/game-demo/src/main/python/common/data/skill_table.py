"""Skill definitions, built lazily the first time a panel or a battle needs them."""

_ROWS = []
_BY_ID = {}
_TOOLTIPS = {}

ELEMENTS = ("fire", "ice", "wind", "earth", "light", "shadow")


def _make_row(skill_id):
    element = ELEMENTS[skill_id % len(ELEMENTS)]
    return {
        "id": skill_id,
        "name": "%s_strike_%04d" % (element, skill_id),
        "element": element,
        "cooldown": 1.5 + (skill_id % 13) * 0.25,
        "damage": [skill_id * 3 + level * 11 for level in range(10)],
        "desc": ("Deals %d %s damage to one enemy. " % (skill_id * 7, element)) * 3,
    }


def load(count):
    """Makes sure the first ``count`` skills are in memory; returns them."""
    for skill_id in range(len(_ROWS), count):
        row = _make_row(skill_id)
        _ROWS.append(row)
        _BY_ID[skill_id] = row
    return _ROWS[:count]


def get(skill_id):
    if skill_id not in _BY_ID:
        load(skill_id + 1)
    return _BY_ID[skill_id]


def tooltip(skill_id):
    text = _TOOLTIPS.get(skill_id)
    if text is None:
        row = get(skill_id)
        text = "<b>%s</b>\n%s\ncooldown %.2fs" % (row["name"], row["desc"], row["cooldown"])
        _TOOLTIPS[skill_id] = text
    return text
