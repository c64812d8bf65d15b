"""Nested corner shells: the L-shaped layers around the top-left corner (a cell's layer is max(row, column)),
their colours read down the main diagonal and repeated over a larger shape. Charges about one unit per cell
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, Grid, Vec, check_grid_size


@primitive("Grid, Vec -> Grid")
def corner_shells(grid: Grid, shape: Vec) -> Grid:
    """The colours down the main diagonal up to its first 0 repeated as nested L-shaped shells around the top-left corner (cell (i, j) in shell max(i, j)) over a shape; the grid's ink must already follow them."""
    if type(shape) is not tuple or len(shape) != 2:
        raise DSLError("domain", f"{shape!r} is not a shape")
    h, w = shape
    check_grid_size(h, w)
    charge(len(grid) * len(grid[0]) + h * w)
    colours = []
    for k in range(min(len(grid), len(grid[0]))):
        if not grid[k][k]:
            break
        colours.append(grid[k][k])
    if len(set(colours)) < 2:
        raise DSLError("domain", "fewer than two shell colours on the diagonal")
    p = len(colours)
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            if v and v != colours[max(i, j) % p]:
                raise DSLError("domain", "ink off the shells")
    return tuple(tuple(colours[max(i, j) % p] for j in range(w)) for i in range(h))
