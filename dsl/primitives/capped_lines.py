"""Lines of one colour with the cells that cap their ends: the crop to their box. Charges the run's budget about
one unit per cell (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import bounds
from dsl.registry import primitive
from dsl.values import DSLError, Grid


def _caps(lines, colour: int) -> list:
    """(index of the line, position) of the non-zero cells just beyond both ends of each run of two or more cells
    of the colour along the lines (rows of the grid, or its columns transposed)."""
    out = []
    for k, line in enumerate(lines):
        n = len(line)
        j = 0
        while j < n:
            if line[j] != colour:
                j += 1
                continue
            start = j
            while j < n and line[j] == colour:
                j += 1
            if j - start >= 2:
                if start > 0 and line[start - 1]:
                    out.append((k, start - 1))
                if j < n and line[j]:
                    out.append((k, j))
    return out


@primitive("Grid, Int -> Grid")
def crop_capped_lines(grid: Grid, colour: int) -> Grid:
    """The crop to the box of a colour's cells and the non-zero cells capping the ends of its lines (runs of two or more)."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    cells = [(i, j) for i, row in enumerate(grid) if colour in row for j, v in enumerate(row) if v == colour]
    if not colour or not cells:
        raise DSLError("domain", "no cell of the colour")
    caps = [(i, j) for i, j in _caps(grid, colour)]
    caps += [(i, j) for j, i in _caps(tuple(zip(*grid)), colour)]
    if not caps:
        raise DSLError("domain", "no capped line")
    top, left, bottom, right = bounds(cells + caps)
    return tuple(tuple(row[left:right + 1]) for row in grid[top:bottom + 1])
