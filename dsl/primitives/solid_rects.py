"""Solid rectangles among noise: the largest one-colour filled rectangle of a grid, kept alone.

Colour 0 is empty. Each primitive charges the run's budget about one unit per cell it visits
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import largest_rect
from dsl.registry import primitive
from dsl.values import DSLError, Grid


@primitive("Grid -> Grid")
def keep_largest_rect(grid: Grid) -> Grid:
    """Only the largest-area filled one-colour non-zero rectangle at least 2x2 (first in reading order) kept, the rest 0."""
    h, w = len(grid), len(grid[0])
    charge(h * w * min(w, 8))
    box = largest_rect(grid)
    if box is None:
        raise DSLError("domain", "no filled rectangle")
    top, left, bottom, right = box
    c = grid[top][left]
    return tuple(tuple(c if top <= i <= bottom and left <= j <= right else 0 for j in range(w)) for i in range(h))
