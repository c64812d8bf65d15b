"""Reference shapes shown in a frame: the objects elsewhere with the same shape as a framed one recoloured.

Colour 0 is empty. Each primitive charges the run's budget about one unit per cell it visits
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import components, shape_key
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_colour


def _framed_regions(grid: Grid, colour: int, closed: bool) -> list:
    """The 4-connected regions of cells other than ``colour`` that it encloses: off the grid edge, or (not
    ``closed``, the edge then counting as a wall) all but the largest."""
    h, w = len(grid), len(grid[0])
    mask = tuple(tuple(0 if v == colour else 1 for v in row) for row in grid)
    regions = list(components(mask, 0, True, False))
    if closed:
        return [r for r in regions
                if not any(i == 0 or j == 0 or i == h - 1 or j == w - 1 for i, j in r)]
    regions.sort(key=len)
    return regions[:-1]


@primitive("Grid, Int, Bool, Bool -> Grid")
def recolour_like_framed(grid: Grid, colour: int, closed: bool, frame_paint: bool) -> Grid:
    """The 8-connected one-colour objects outside the regions a colour encloses (only off the edge when closed) shaped like an object inside one take its colour (the frame's with the flag)."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(3 * h * w)
    inside: set = set()
    for region in _framed_regions(grid, colour, closed):
        inside.update(region)
    refs: dict = {}
    others = []
    for cells in components(grid, 0, True, True):
        v = grid[cells[0][0]][cells[0][1]]
        if v == colour:
            continue
        if cells[0] in inside:
            refs.setdefault(shape_key(cells), colour if frame_paint else v)
        else:
            others.append(cells)
    if not refs:
        raise DSLError("domain", "no framed object")
    out = None
    for cells in others:
        paint = refs.get(shape_key(cells))
        if paint is None:
            continue
        if out is None:
            out = [list(row) for row in grid]
        for i, j in cells:
            out[i][j] = paint
    return grid if out is None else tuple(tuple(row) for row in out)
