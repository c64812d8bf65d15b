"""Solid rectangles checkered inside: every other cell of each one-colour rectangle's inside cleared. Charges
the run's budget about two units per cell (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, Grid


def _solid_rects(grid: Grid) -> list:
    """(top, left, bottom, right) of the 4-connected one-colour regions of non-zero cells that fill their bounding
    box, at least 3x3."""
    h, w = len(grid), len(grid[0])
    seen = [[False] * w for _ in range(h)]
    out = []
    for i in range(h):
        for j in range(w):
            c = grid[i][j]
            if not c or seen[i][j]:
                continue
            seen[i][j] = True
            stack = [(i, j)]
            n = 0
            top, left, bottom, right = i, j, i, j
            while stack:
                y, x = stack.pop()
                n += 1
                top, bottom = min(top, y), max(bottom, y)
                left, right = min(left, x), max(right, x)
                for v, u in ((y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)):
                    if 0 <= v < h and 0 <= u < w and not seen[v][u] and grid[v][u] == c:
                        seen[v][u] = True
                        stack.append((v, u))
            if bottom - top >= 2 and right - left >= 2 and n == (bottom - top + 1) * (right - left + 1):
                out.append((top, left, bottom, right))
    return out


@primitive("Grid -> Grid")
def checker_interiors(grid: Grid) -> Grid:
    """Inside each solid one-colour rectangle (3x3 or more, 4-connected), clear the cells an even number of steps from its first inside cell, checkerwise."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    rects = _solid_rects(grid)
    if not rects:
        raise DSLError("domain", "no solid rectangle")
    out = [list(row) for row in grid]
    for top, left, bottom, right in rects:
        for i in range(top + 1, bottom):
            start = left + 1 + (i - top - 1) % 2
            row = out[i]
            for j in range(start, right, 2):
                row[j] = 0
    return tuple(tuple(row) for row in out)
