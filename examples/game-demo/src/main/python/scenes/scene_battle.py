"""Scene 3: a battle of 30 rounds."""

from client.controller import battle_controller


def run():
    return battle_controller.start_battle(30)
