"""Cells halfway between two cells of the same colour: the colour of every pair of cells in one row or one
column is painted on the cell midway between them.

The grid's most common non-zero colour (the ground of the pattern) is left out when there are other colours.
Charges the run's budget about one unit per cell and per pair of cells it looks at (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, Grid

_MAX_CELLS = 64  # a colour with more cells than this is ground, not markers


@primitive("Grid -> Grid")
def paint_midpoints(grid: Grid) -> Grid:
    """The cell midway between two cells of a colour in one row or column takes that colour (not the most common colour when there are others)."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    counts = Counter(v for row in grid for v in row if v)
    if not counts:
        raise DSLError("domain", "no ink")
    colours = set(counts)
    if len(colours) > 1:
        colours.discard(counts.most_common(1)[0][0])
    by_row: dict = defaultdict(list)
    by_col: dict = defaultdict(list)
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            if v in colours and counts[v] <= _MAX_CELLS:
                by_row[(v, i)].append(j)
                by_col[(v, j)].append(i)
    out = [list(row) for row in grid]
    changed = False
    for lines, across in ((by_row, False), (by_col, True)):
        for (v, k), where in lines.items():
            n = len(where)
            charge(n * n)
            for a in range(n):
                for b in range(a + 1, n):
                    s = where[a] + where[b]
                    if s % 2 or where[b] - where[a] < 2:
                        continue
                    i, j = (s // 2, k) if across else (k, s // 2)
                    if out[i][j] != v:
                        out[i][j] = v
                        changed = True
    if not changed:
        raise DSLError("domain", "no midpoint to paint")
    return tuple(tuple(row) for row in out)
