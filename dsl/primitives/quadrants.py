"""Quadrants keyed by corner markers: a framed picture whose ink takes, quadrant by quadrant, the colour of the
marker in the nearest corner of the grid.

Colour 0 is empty. Each primitive charges the run's budget about one unit per cell (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, Grid


@primitive("Grid -> Grid")
def colour_quadrants_by_corners(grid: Grid) -> Grid:
    """The picture inside the corner markers (and a one-colour frame ring), its ink in each quadrant recoloured to that corner's marker."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    corners = (grid[0][0], grid[0][w - 1], grid[h - 1][0], grid[h - 1][w - 1])
    if 0 in corners:
        raise DSLError("domain", "a corner of the grid is empty")
    inner = [row[1:w - 1] for row in grid[1:h - 1]]
    if len(inner) >= 4 and len(inner[0]) >= 4:
        ring = set(inner[0]) | set(inner[-1]) | {row[0] for row in inner} | {row[-1] for row in inner}
        if len(ring) == 1 and 0 not in ring:  # a frame line around the picture
            inner = [row[1:-1] for row in inner[1:-1]]
    if not inner or not inner[0]:
        raise DSLError("domain", "nothing inside the corners")
    ih, iw = len(inner), len(inner[0])
    if ih % 2 or iw % 2:
        raise DSLError("domain", "the picture does not split into quadrants")
    return tuple(tuple(corners[2 * (i >= ih // 2) + (j >= iw // 2)] if inner[i][j] else 0 for j in range(iw))
                 for i in range(ih))
