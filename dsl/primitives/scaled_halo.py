"""Borders as wide as half the object: each object's box grown by half its longer side (the side of a square
cut by the grid's edge) and the 0 cells of the grown box painted in a colour.

Colour 0 is empty. Charges the run's budget about one unit per cell it reads or paints
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import bounds, components
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_colour


@primitive("Grid, Int -> Grid")
def halo_by_size(grid: Grid, colour: int) -> Grid:
    """The 0 cells of each 4-connected one-colour object's box grown by half its longer side are painted in the colour."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(h * w)
    out = [list(row) for row in grid]
    changed = False
    for cells in components(grid, 0, True, False):
        top, left, bottom, right = bounds(cells)
        k = (max(bottom - top, right - left) + 1) // 2
        if not k:
            continue
        r0, r1, c0, c1 = max(0, top - k), min(h - 1, bottom + k), max(0, left - k), min(w - 1, right + k)
        charge((r1 - r0 + 1) * (c1 - c0 + 1))
        for i in range(r0, r1 + 1):
            row = out[i]
            src = grid[i]
            for j in range(c0, c1 + 1):
                if not src[j]:
                    row[j] = colour
                    changed = True
    if not changed:
        raise DSLError("domain", "no object to border")
    return tuple(tuple(row) for row in out)
