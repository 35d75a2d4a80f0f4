"""Scene 2: the player walks around town and opens every bag."""

from client.controller import town_controller


def run():
    return town_controller.enter_town("Northwatch")
