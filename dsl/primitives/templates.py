"""Completing partial pictures: partial copies of a multi-colour template completed, and leaky containers
filled, their contents spilling out of the gaps in their walls.

Colour 0 is empty. Each primitive charges the run's budget about one unit per cell it visits
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from itertools import combinations

from dsl.budget import charge
from dsl.primitives.structure import bounds, components
from dsl.registry import primitive
from dsl.values import Grid, check_colour

_MAX_TEMPLATE_COLOURS = 4


@primitive("Grid -> Grid")
def complete_templates(grid: Grid) -> Grid:
    """Each multi-colour 8-connected object is a template: wherever its cells of some of its colours appear exactly, with 0 under the rest, the rest is drawn."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    out = None
    where: dict = {}
    for cells in components(grid, 0, False, True):
        colours = sorted({grid[i][j] for i, j in cells})
        if len(colours) < 2 or len(colours) > _MAX_TEMPLATE_COLOURS:
            continue
        i0 = min(i for i, _ in cells)
        j0 = min(j for _, j in cells)
        rel = [(i - i0, j - j0, grid[i][j]) for i, j in cells]
        for k in range(1, len(colours)):
            for subset in combinations(colours, k):
                part = [x for x in rel if x[2] in subset]
                rest = [x for x in rel if x[2] not in subset]
                a, b, v = part[0]
                if v not in where:
                    where[v] = [(i, j) for i, row in enumerate(grid) for j, u in enumerate(row) if u == v]
                anchors = where[v]
                charge(len(anchors) * len(rel))
                for i, j in anchors:
                    di, dj = i - a, j - b
                    if all(0 <= di + x < h and 0 <= dj + y < w and grid[di + x][dj + y] == c for x, y, c in part) \
                            and all(0 <= di + x < h and 0 <= dj + y < w and grid[di + x][dj + y] == 0
                                    for x, y, _ in rest):
                        if out is None:
                            out = [list(row) for row in grid]
                        for x, y, c in rest:
                            out[di + x][dj + y] = c
    return grid if out is None else tuple(tuple(row) for row in out)


@primitive("Grid, Int -> Grid")
def spill_fill(grid: Grid, colour: int) -> Grid:
    """Inside each one-colour object's bounding box (at least 3x3) the 0 cells take the colour; from each gap in its side a ray of the colour leaves over 0 cells."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(h * w)
    out = None
    for cells in components(grid, 0, True, True):
        r0, c0, r1, c1 = bounds(cells)
        if r1 - r0 < 2 or c1 - c0 < 2:
            continue
        charge((r1 - r0 + 1) * (c1 - c0 + 1))
        if out is None:
            out = [list(row) for row in grid]
        gaps = []
        for i in range(r0, r1 + 1):
            row = grid[i]
            for j in range(c0, c1 + 1):
                if row[j] == 0:
                    if r0 < i < r1 and c0 < j < c1:
                        out[i][j] = colour
                    else:
                        gaps.append((i, j))
        for i, j in gaps:
            out[i][j] = colour
            ways = [(di, dj) for di, dj, side in ((-1, 0, i == r0), (1, 0, i == r1), (0, -1, j == c0),
                                                 (0, 1, j == c1)) if side]
            if len(ways) != 1:
                continue  # a corner gap leaks nowhere in particular
            di, dj = ways[0]
            y, x = i + di, j + dj
            while 0 <= y < h and 0 <= x < w and grid[y][x] == 0:
                out[y][x] = colour
                y += di
                x += dj
    return grid if out is None else tuple(tuple(row) for row in out)
