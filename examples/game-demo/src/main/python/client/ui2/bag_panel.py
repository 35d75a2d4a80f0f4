"""The new (ui2) bag panel, under a package whose name only starts like client/ui."""

from common.data import item_table

_OPEN = []


class GridBag(object):
    def __init__(self, columns, rows):
        self.cells = [[None] * columns for _ in range(rows)]
        self.atlas = bytearray(64 * 1024)
        for row in range(rows):
            for column in range(columns):
                self.cells[row][column] = item_table.get(5000 + row * columns + column)


def open_grid(columns, rows):
    bag = GridBag(columns, rows)
    _OPEN.append(bag)
    return bag
