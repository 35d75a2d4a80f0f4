"""The skill bar shown in battle: tooltips come from the skill table."""

from common.data import skill_table

_BARS = []


class SkillBar(object):
    def __init__(self, skill_ids):
        self.tooltips = [skill_table.tooltip(skill_id) for skill_id in skill_ids]
        self.cooldown_masks = [bytearray(512) for _ in skill_ids]


def open_skill_bar(first, count):
    skill_table.load(first + count)
    bar = SkillBar(range(first, first + count))
    _BARS.append(bar)
    return bar
