"""The login panel: server list and a news banner."""

from net import socket_pool

_PANELS = []


class LoginPanel(object):
    def __init__(self):
        self.servers = []
        self.banner = None

    def show_servers(self, count):
        for index in range(count):
            self.servers.append({"name": "server-%02d" % index, "load": index * 7 % 100,
                                 "motd": "Welcome to realm %d! " % index * 4})

    def load_banner(self):
        conn = socket_pool.connect("news.g1.example", 443, 65536)
        conn.receive(8, 2048)
        self.banner = bytearray(96 * 1024)


def open_login():
    panel = LoginPanel()
    panel.show_servers(24)
    panel.load_banner()
    _PANELS.append(panel)
    return panel
