"""The picture moved by as many cells as a marker colour has: markers as a counter. Colour 0 is empty; charges
about one unit per cell (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
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
