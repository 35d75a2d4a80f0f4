"""Scene 1: the player logs in."""

from client.controller import login_controller


def run():
    return login_controller.login("player_one")
