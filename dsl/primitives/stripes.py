"""Periodic recolouring: the ink of every k-th column, counted from one edge, in another colour.

Colour 0 is empty. Each primitive charges the run's budget about one unit per cell it visits
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_colour


@primitive("Grid, Int, Int, Bool -> Grid")
def recolour_every_column(grid: Grid, step: int, colour: int, from_right: bool) -> Grid:
    """The ink cells of columns 0, step, 2*step, ... counted from the left edge (the right with the flag) take a colour."""
    check_colour(colour)
    if type(step) is not int or step < 1:
        raise DSLError("domain", "step must be >= 1")
    w = len(grid[0])
    charge(len(grid) * w)
    picked = [j for j in range(w) if ((w - 1 - j) if from_right else j) % step == 0]
    out = [list(row) for row in grid]
    for i, row in enumerate(grid):
        for j in picked:
            if row[j]:
                out[i][j] = colour
    return tuple(tuple(row) for row in out)
