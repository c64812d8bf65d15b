"""Counts drawn as distances: the picture moved by as many cells as a marker colour has, and bars beside objects as
long as their number of colours. Colour 0 is empty; each charges about one or two units per cell
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import bounds, components
from dsl.registry import primitive
from dsl.values import DSLError, Grid, Vec, check_colour

_STEPS = ((-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1))


@primitive("Grid, Int, Vec -> Grid")
def shift_by_count(grid: Grid, colour: int, direction: Vec) -> Grid:
    """The colour's cells, all on the grid's border (a tally in the margin), are erased and the rest moves in the unit direction by as many cells as the colour had; vacated cells repeat the edge they left (a line across the grid stays across it)."""
    check_colour(colour)
    if colour == 0 or direction not in _STEPS:
        raise DSLError("domain", "shift_by_count needs a non-zero colour and a unit direction")
    h, w = len(grid), len(grid[0])
    charge(h * w)
    n = sum(row.count(colour) for row in grid)
    if n == 0:
        raise DSLError("domain", "no cell of the colour")
    if any(colour in row[1:-1] for row in grid[1:-1]):
        raise DSLError("domain", "a cell of the colour off the border")
    di, dj = direction[0] * n, direction[1] * n
    rows = [tuple(0 if v == colour else v for v in row) for row in grid]
    return tuple(tuple(rows[min(h - 1, max(0, i - di))][min(w - 1, max(0, j - dj))] for j in range(w))
                 for i in range(h))


@primitive("Grid, Int, Vec -> Grid")
def colour_count_bars(grid: Grid, colour: int, direction: Vec) -> Grid:
    """Beside each 8-connected object with two colours or more, on the side of the direction, a bar of the colour as wide as the object and as long as its number of colours is drawn over 0 cells."""
    check_colour(colour)
    if colour == 0 or direction not in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        raise DSLError("domain", "colour_count_bars needs a non-zero colour and a side direction")
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    out = [list(row) for row in grid]
    di, dj = direction
    drawn = False
    for cells in components(grid, 0, False, True):
        n = len({grid[i][j] for i, j in cells})
        if n < 2:
            continue
        top, left, bottom, right = bounds(cells)
        for k in range(1, n + 1):
            if di:
                y = bottom + k if di > 0 else top - k
                spots = [(y, x) for x in range(left, right + 1)]
            else:
                x = right + k if dj > 0 else left - k
                spots = [(y, x) for y in range(top, bottom + 1)]
            for y, x in spots:
                if 0 <= y < h and 0 <= x < w and grid[y][x] == 0:
                    out[y][x] = colour
                    drawn = True
    if not drawn:
        raise DSLError("domain", "no object with two colours or more")
    return tuple(map(tuple, out))
