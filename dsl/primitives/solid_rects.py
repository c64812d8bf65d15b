"""Solid rectangles among noise: the largest one-colour filled rectangle of a grid, kept alone.

Colour 0 is empty. Each primitive charges the run's budget about one unit per cell it visits
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, Grid


@primitive("Grid -> Grid")
def keep_largest_rect(grid: Grid) -> Grid:
    """Only the largest-area filled one-colour non-zero rectangle at least 2x2 (first in reading order) kept, the rest 0."""
    h, w = len(grid), len(grid[0])
    charge(h * w * min(w, 8))
    up = [0] * w  # up[j]: the run of cells of grid[i][j]'s colour ending at row i
    best = (0, 0, 0, 0, 0)  # area, top, left, bottom, right
    for i in range(h):
        row = grid[i]
        for j in range(w):
            up[j] = up[j] + 1 if i and row[j] == grid[i - 1][j] else 1
        for left in range(w - 1):
            c = row[left]
            low = up[left]
            if c == 0 or low < 2:
                continue
            for right in range(left + 1, w):
                if row[right] != c:
                    break
                low = min(low, up[right])
                if low < 2:
                    break
                area = low * (right - left + 1)
                if area > best[0]:
                    best = (area, i - low + 1, left, i, right)
    if not best[0]:
        raise DSLError("domain", "no filled rectangle")
    _, top, left, bottom, right = best
    c = grid[top][left]
    return tuple(tuple(c if top <= i <= bottom and left <= j <= right else 0 for j in range(w)) for i in range(h))
