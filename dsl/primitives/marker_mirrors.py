"""Objects flipped over the side where a marker colour touches them: the mirror image lands just beyond that side,
over the marker. Colour 0 is empty; charges the run's budget about one unit per cell
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import bounds, components
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_colour


@primitive("Grid, Int -> Grid")
def mirror_over_marker(grid: Grid, colour: int) -> Grid:
    """Each 8-connected object's cells of other colours flipped across the side its cells of the colour lie on, the marker erased."""
    check_colour(colour)
    if colour == 0:
        raise DSLError("domain", "the marker is an ink colour")
    h, w = len(grid), len(grid[0])
    charge(h * w)
    out = None
    for cells in components(grid, 0, False, True):
        marker = [(i, j) for i, j in cells if grid[i][j] == colour]
        body = [(i, j) for i, j in cells if grid[i][j] != colour]
        if not marker or not body:
            continue
        r0, c0, r1, c1 = bounds(body)
        m0, n0, m1, n1 = bounds(marker)
        if n0 > c1:  # marker right of the body: flip about the line after its last column
            def image(i, j, a=2 * c1 + 1):
                return i, a - j
        elif n1 < c0:
            def image(i, j, a=2 * c0 - 1):
                return i, a - j
        elif m0 > r1:
            def image(i, j, a=2 * r1 + 1):
                return a - i, j
        elif m1 < r0:
            def image(i, j, a=2 * r0 - 1):
                return a - i, j
        else:
            continue  # the marker is not on one side
        if out is None:
            out = [list(row) for row in grid]
        charge(len(cells))
        for i, j in marker:
            out[i][j] = 0
        for i, j in body:
            y, x = image(i, j)
            if 0 <= y < h and 0 <= x < w:
                out[y][x] = grid[i][j]
    if out is None:
        raise DSLError("domain", "no object with a marker on one side")
    return tuple(tuple(row) for row in out)
