"""Each object's bounding box marked just outside its four corners, with one code colour per corner, for a
colour map to finish. Charges the run's budget about one unit per cell (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, Grid


def _boxes(grid: Grid) -> list:
    """(top, left, bottom, right) of the 8-connected objects of non-zero cells (any colours)."""
    h, w = len(grid), len(grid[0])
    seen = [[False] * w for _ in range(h)]
    out = []
    for i in range(h):
        for j in range(w):
            if not grid[i][j] or seen[i][j]:
                continue
            seen[i][j] = True
            stack = [(i, j)]
            top, left, bottom, right = i, j, i, j
            while stack:
                y, x = stack.pop()
                top, bottom = min(top, y), max(bottom, y)
                left, right = min(left, x), max(right, x)
                for v in (y - 1, y, y + 1):
                    for u in (x - 1, x, x + 1):
                        if 0 <= v < h and 0 <= u < w and grid[v][u] and not seen[v][u]:
                            seen[v][u] = True
                            stack.append((v, u))
            out.append((top, left, bottom, right))
    return out


@primitive("Grid -> Grid")
def corner_codes(grid: Grid) -> Grid:
    """The 0 cell diagonally outside each corner of each 8-connected object's box painted with a code: the first four colours 1-9 the grid lacks, for top-left, top-right, bottom-left and bottom-right."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    used = {v for row in grid for v in row}
    codes = [c for c in range(1, 10) if c not in used][:4]
    if len(codes) < 4:
        raise DSLError("domain", "fewer than four unused colours")
    boxes = _boxes(grid)
    if not boxes:
        raise DSLError("domain", "no object")
    out = [list(row) for row in grid]
    painted = False
    for top, left, bottom, right in boxes:
        for (i, j), code in zip(((top - 1, left - 1), (top - 1, right + 1), (bottom + 1, left - 1),
                                 (bottom + 1, right + 1)), codes):
            if 0 <= i < h and 0 <= j < w and not grid[i][j]:
                out[i][j] = code
                painted = True
    if not painted:
        raise DSLError("domain", "no free corner")
    return tuple(tuple(row) for row in out)
