"""Login flow: shows the login panel and keeps the session."""

from client.ui import login_panel

_SESSIONS = []


class LoginController(object):
    def __init__(self, account):
        self.account = account
        self.panel = None
        self.session = None

    def start(self):
        self.panel = login_panel.open_login()
        self.session = {"account": self.account, "token": "tok-" + "ab12" * 64,
                        "characters": ["%s-hero-%d" % (self.account, n) for n in range(6)]}
        _SESSIONS.append(self)
        return self.session


def login(account):
    return LoginController(account).start()
