"""Battle: units with animation state, per-round damage buffers, a combat log and a deep AI."""

from client.ui import skill_panel
from common.data import skill_table

_BATTLES = []


class Unit(object):
    def __init__(self, unit_id):
        self.unit_id = unit_id
        self.anim_state = bytearray(16 * 1024)
        self.buffs = {"haste": unit_id % 3, "shield": unit_id % 5}
        self.plan = None


# Rounds are capped so that a runaway battle cannot hold the client forever.
MAX_ROUNDS = 500

class BattleController(object):
    def __init__(self, rounds):
        self.rounds = rounds
        self.units = []
        self.log = []
        self.damage_buffers = []
        self.skill_bar = None

    def enter(self):
        self.skill_bar = skill_panel.open_skill_bar(0, 12)
        self._spawn_units(40)
        for round_no in range(self.rounds):
            self._tick(round_no)
        _BATTLES.append(self)

    def _spawn_units(self, count):
        for unit_id in range(count):
            self.units.append(Unit(unit_id))

    def _tick(self, round_no):
        self.damage_buffers.append(bytearray(24 * 1024))
        _BATTLES.append(bytearray(8 * 1024))
        for unit in self.units[:20]:
            self._resolve_action(round_no, unit)
        if round_no % 10 == 0:
            for unit in self.units[:4]:
                unit.plan = self._think(unit, 30)

    def _resolve_action(self, round_no, unit):
        skill = self._apply_skill(unit, (round_no + unit.unit_id) % 40)
        self.log.append("round %d: unit %d casts %s for %d" % (round_no, unit.unit_id, skill["name"],
                                                               skill["damage"][round_no % 10]))

    def _apply_skill(self, unit, skill_id):
        return skill_table.get(skill_id)

    def _think(self, unit, depth):
        # a deep behaviour tree: the leaf is deeper than the traceback limit of 25
        if depth == 0:
            return {"unit": unit.unit_id, "target": unit.unit_id % 7, "path": [unit.unit_id] * 16}
        return self._think(unit, depth - 1)


def start_battle(rounds):
    battle = BattleController(rounds)
    battle.enter()
    return battle
