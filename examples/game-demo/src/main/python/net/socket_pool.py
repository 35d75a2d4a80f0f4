"""A pool of fake connections with receive buffers, as the real client keeps for its servers."""

_POOL = []
_PACKETS = []


class Connection(object):
    def __init__(self, host, port, buffer_size):
        self.host = host
        self.port = port
        self.recv_buffer = bytearray(buffer_size)
        self.send_queue = []

    def receive(self, count, size):
        for seq in range(count):
            packet = bytes(bytearray([seq % 251]) * size)
            _PACKETS.append(packet)
        return len(_PACKETS)


def connect(host, port, buffer_size=16384):
    conn = Connection(host, port, buffer_size)
    _POOL.append(conn)
    return conn


def get(index=0):
    return _POOL[index]
