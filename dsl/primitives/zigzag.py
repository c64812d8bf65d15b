"""Zigzags hanging from pixels: each pixel of the top row repeats down the grid, with its two diagonal
neighbours on every other row. Charges the run's budget about one unit per cell (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, Grid


@primitive("Grid -> Grid")
def zigzag_down(grid: Grid) -> Grid:
    """Each non-zero cell of the top row repeats on the even rows below it, and beside it on the odd rows, over 0 cells."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    seeds = [(j, c) for j, c in enumerate(grid[0]) if c]
    if not seeds or h < 2:
        raise DSLError("domain", "no pixel in the top row")
    out = [list(row) for row in grid]
    for j, c in seeds:
        for i in range(1, h):
            for q in ((j,) if i % 2 == 0 else (j - 1, j + 1)):
                if 0 <= q < w and not out[i][q]:
                    out[i][q] = c
    return tuple(tuple(row) for row in out)
