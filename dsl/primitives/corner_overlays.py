"""Folding a grid onto a smaller shape: its four corners of that shape overlaid in a priority order, and the
grid tiled with mirror copies (no shared edge rows) over a larger shape. Charges the run's budget about one
unit per output cell for each layer read (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from itertools import permutations

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, Grid, Vec, check_grid_size

# The 24 orders of the corners (0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right), lexicographic, each
# from the corner drawn on top to the one drawn underneath.
CORNER_ORDERS = tuple(permutations(range(4)))


@primitive("Grid, Vec, Int -> Grid")
def overlay_corners(grid: Grid, shape: Vec, order: int) -> Grid:
    """The four corner blocks of the shape overlaid, non-zero over zero, the order-th of the 24 corner orders on top."""
    h, w = shape
    gh, gw = len(grid), len(grid[0])
    if not (0 < h <= gh and 0 < w <= gw) or (h, w) == (gh, gw):
        raise DSLError("domain", "the shape must be smaller than the grid")
    if not 0 <= order < len(CORNER_ORDERS):
        raise DSLError("domain", "the order must be in 0..23")
    charge(4 * h * w)
    tops, lefts = (0, 0, gh - h, gh - h), (0, gw - w, 0, gw - w)
    out = [[0] * w for _ in range(h)]
    for k in reversed(CORNER_ORDERS[order]):  # the bottom layer first
        t, l = tops[k], lefts[k]
        for i in range(h):
            src, dst = grid[t + i], out[i]
            for j, v in enumerate(src[l:l + w]):
                if v:
                    dst[j] = v
    return tuple(map(tuple, out))


def _fold(k: int, n: int) -> int:
    k %= 2 * n
    return k if k < n else 2 * n - 1 - k


@primitive("Grid, Vec -> Grid")
def mirror_tile_to(grid: Grid, shape: Vec) -> Grid:
    """The shape filled with copies of the grid, every other copy mirrored, edge rows and columns repeated (not shared)."""
    h, w = shape
    check_grid_size(h, w)
    gh, gw = len(grid), len(grid[0])
    if h < gh or w < gw or (h, w) == (gh, gw):
        raise DSLError("domain", "the shape must be larger than the grid")
    charge(h * w)
    cols = [_fold(j, gw) for j in range(w)]
    rows = [tuple(row[j] for j in cols) for row in grid]
    return tuple(rows[_fold(i, gh)] for i in range(h))
