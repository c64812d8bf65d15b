"""Filling empty space by its extent: background regions by size rank, object interiors by object size, empty
squares and the largest empty rectangle.

Colour 0 is the empty colour; every primitive charges the run's budget about one unit per cell it visits
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import components, largest_rect, zero_regions
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_colour

_FOUR = ((-1, 0), (1, 0), (0, -1), (0, 1))
_EIGHT = _FOUR + ((-1, -1), (-1, 1), (1, -1), (1, 1))


def _components(grid: Grid, empty: bool) -> tuple:
    """4-connected components of the 0 cells (``empty``) or of the non-zero cells, as tuples of (i, j)."""
    charge(2 * len(grid) * len(grid[0]))
    return zero_regions(grid) if empty else components(grid, 0)


def _paint(grid: Grid, cells: dict) -> Grid:
    rows = [list(r) for r in grid]
    for (i, j), c in cells.items():
        rows[i][j] = c
    return tuple(tuple(r) for r in rows)


@primitive("Grid, Int, Int -> Grid")
def fill_extreme_regions(grid: Grid, largest: int, smallest: int) -> Grid:
    """Paint the largest 4-connected regions of 0 cells ``largest`` and the smallest ones ``smallest``."""
    check_colour(largest)
    check_colour(smallest)
    regions = _components(grid, True)
    sizes = {len(r) for r in regions}
    if len(sizes) < 2:
        raise DSLError("domain", "the empty regions do not differ in size")
    hi, lo = max(sizes), min(sizes)
    cells = {}
    for r in regions:
        if len(r) in (hi, lo):
            colour = largest if len(r) == hi else smallest
            for p in r:
                cells[p] = colour
    return _paint(grid, cells)


@primitive("Grid, Int, Int -> Grid")
def fill_regions_min_rest(grid: Grid, smallest: int, rest: int) -> Grid:
    """Paint the smallest 4-connected regions of 0 cells ``smallest`` and every other 0 region ``rest``."""
    check_colour(smallest)
    check_colour(rest)
    regions = _components(grid, True)
    if not regions:
        raise DSLError("domain", "no empty cells")
    lo = min(len(r) for r in regions)
    cells = {}
    for r in regions:
        colour = smallest if len(r) == lo else rest
        for p in r:
            cells[p] = colour
    return _paint(grid, cells)


@primitive("Grid, Int, Int -> Grid")
def fill_interiors_by_size(grid: Grid, largest: int, rest: int) -> Grid:
    """Paint the interior (cells with 8 neighbours in the object) of the largest 4-connected ink object ``largest``, others ``rest``."""
    check_colour(largest)
    check_colour(rest)
    h, w = len(grid), len(grid[0])
    objects = _components(grid, False)
    if not objects:
        raise DSLError("domain", "no ink")
    hi = max(len(o) for o in objects)
    cells = {}
    for o in objects:
        members = set(o)
        colour = largest if len(o) == hi else rest
        for i, j in o:
            if all(0 <= i + di < h and 0 <= j + dj < w and (i + di, j + dj) in members for di, dj in _EIGHT):
                cells[(i, j)] = colour
    if not cells:
        raise DSLError("domain", "no object has an interior")
    return _paint(grid, cells)


@primitive("Grid, Int, Int -> Grid")
def fill_empty_squares(grid: Grid, colour: int, size: int) -> Grid:
    """Paint ``colour`` over non-overlapping ``size`` x ``size`` squares of 0 cells, taken greedily in reading order."""
    check_colour(colour)
    if type(size) is not int or size < 1:
        raise DSLError("domain", f"{size!r} is not a square size")
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    # run[i][j]: the number of consecutive 0 cells starting at (i, j) in its row.
    run = [[0] * (w + 1) for _ in range(h)]
    for i in range(h):
        for j in range(w - 1, -1, -1):
            run[i][j] = run[i][j + 1] + 1 if grid[i][j] == 0 else 0
    taken = [[False] * w for _ in range(h)]
    cells = {}
    for i in range(h - size + 1):
        for j in range(w - size + 1):
            if all(run[i + a][j] >= size for a in range(size)) and not any(
                    taken[i + a][j + b] for a in range(size) for b in range(size)):
                for a in range(size):
                    for b in range(size):
                        taken[i + a][j + b] = True
                        cells[(i + a, j + b)] = colour
    if not cells:
        raise DSLError("domain", "no empty square")
    return _paint(grid, cells)


@primitive("Grid, Int -> Grid")
def fill_largest_empty_rect(grid: Grid, colour: int) -> Grid:
    """Paint ``colour`` over the largest-area rectangle of 0 cells at least 2 cells high and wide (first in reading order)."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(h * w * min(w, 8))
    box = largest_rect(grid, 0)
    if box is None:
        raise DSLError("domain", "no empty rectangle")
    top, left, bottom, right = box
    return _paint(grid, {(a, b): colour for a in range(top, bottom + 1) for b in range(left, right + 1)})
