"""Fills of empty gaps by their shape: enclosed holes that are exact squares, and rows and columns that are
empty between their two end cells.

Colour 0 is empty. Each primitive charges the run's budget about one unit per cell it visits
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import zero_regions
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_colour


@primitive("Grid, Int -> Grid")
def fill_square_holes(grid: Grid, colour: int) -> Grid:
    """The 4-connected 0 regions off the grid edge whose cells make a full square painted in a colour."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(h * w)
    out = None
    for cells in zero_regions(grid):
        rows = [i for i, _ in cells]
        cols = [j for _, j in cells]
        r0, r1, c0, c1 = min(rows), max(rows), min(cols), max(cols)
        if r0 == 0 or c0 == 0 or r1 == h - 1 or c1 == w - 1:
            continue
        side = r1 - r0 + 1
        if c1 - c0 + 1 != side or len(cells) != side * side:
            continue
        if out is None:
            out = [list(row) for row in grid]
        for i, j in cells:
            out[i][j] = colour
    if out is None:
        return grid
    return tuple(tuple(r) for r in out)


@primitive("Grid, Int -> Grid")
def fill_clear_lines(grid: Grid, colour: int) -> Grid:
    """The rows and columns whose cells other than the two end ones are all 0 painted (between the ends) in a colour."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    if h < 3 or w < 3:
        raise DSLError("domain", "a grid narrower than 3")
    charge(2 * h * w)
    rows = [i for i in range(h) if not any(grid[i][1:w - 1])]
    cols = [j for j in range(w) if not any(grid[i][j] for i in range(1, h - 1))]
    if not rows and not cols:
        raise DSLError("domain", "no clear line")
    out = [list(row) for row in grid]
    for i in rows:
        out[i][1:w - 1] = [colour] * (w - 2)
    for j in cols:
        for i in range(1, h - 1):
            out[i][j] = colour
    return tuple(tuple(r) for r in out)
