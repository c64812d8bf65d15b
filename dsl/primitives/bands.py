"""Bands cut by their holes, and lone pixels snapped onto a block.

A band is a one-colour 4-connected region; a hole is a 0 cell. Each primitive charges the run's budget about
one unit per cell it visits (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import bounds, components
from dsl.registry import primitive
from dsl.values import DSLError, Grid


@primitive("Grid -> Grid")
def cut_bands(grid: Grid) -> Grid:
    """Each 0 cell clears a line of 0 across its band: down a band as wide as the grid, else along its row."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    owner = {}  # cell -> (colour, bounds) of its one-colour region
    for cells in components(grid, 0, True, False):
        box = bounds(cells)
        colour = grid[cells[0][0]][cells[0][1]]
        for cell in cells:
            owner[cell] = (colour, box)
    out = [list(row) for row in grid]
    holes = 0
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            if v:
                continue
            near = [owner[n] for n in ((i - 1, j), (i + 1, j), (i, j - 1), (i, j + 1)) if n in owner]
            if not near:
                continue
            holes += 1
            colour, (top, left, bottom, right) = near[0]
            if left == 0 and right == w - 1:
                for r in range(top, bottom + 1):
                    if grid[r][j] == colour:
                        out[r][j] = 0
            else:
                for q in range(left, right + 1):
                    if grid[i][q] == colour:
                        out[i][q] = 0
    if not holes:
        raise DSLError("domain", "no hole in a band")
    return tuple(tuple(row) for row in out)


@primitive("Grid -> Grid")
def snap_to_block(grid: Grid) -> Grid:
    """Each one-cell object moves onto the nearest cell of the largest object (multicolour, 8-connected)."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    objs = components(grid, 0, False, True)
    if len(objs) < 2:
        raise DSLError("domain", "no block and pixels")
    block = max(objs, key=len)
    pixels = [o[0] for o in objs if len(o) == 1]
    if not pixels or len(block) == 1:
        raise DSLError("domain", "no block and pixels")
    charge(len(pixels) * len(block))
    out = [list(row) for row in grid]
    for i, j in pixels:
        out[i][j] = 0
    for i, j in pixels:
        bi, bj = min(block, key=lambda c: ((c[0] - i) ** 2 + (c[1] - j) ** 2, c))
        out[bi][bj] = grid[i][j]
    return tuple(tuple(row) for row in out)
