"""Four corner pieces put together: pieces of one box size, each missing one corner cell, assembled into a
square of twice their size, each in the quadrant opposite its missing corner.

Colour 0 is empty. Charges the run's budget about one unit per cell (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import bounds, components
from dsl.registry import primitive
from dsl.values import DSLError, Grid


@primitive("Grid -> Grid")
def assemble_corners(grid: Grid) -> Grid:
    """The four 8-connected objects of one box size, each with one empty box corner, joined into one grid of twice that size, each opposite its empty corner."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    pieces = components(grid, 0, False, True)
    if len(pieces) != 4:
        raise DSLError("domain", "not four pieces")
    placed: dict = {}
    size = None
    for cells in pieces:
        top, left, bottom, right = bounds(cells)
        ph, pw = bottom - top + 1, right - left + 1
        if size is None:
            size = (ph, pw)
        elif size != (ph, pw):
            raise DSLError("domain", "pieces of different sizes")
        crop = [row[left:left + pw] for row in grid[top:top + ph]]
        empty = [(a, b) for a in (0, 1) for b in (0, 1) if not crop[a * (ph - 1)][b * (pw - 1)]]
        if len(empty) != 1:
            raise DSLError("domain", "a piece without exactly one empty corner")
        quadrant = (1 - empty[0][0], 1 - empty[0][1])
        if quadrant in placed:
            raise DSLError("domain", "two pieces for one corner")
        placed[quadrant] = crop
    ph, pw = size
    out = [[0] * (2 * pw) for _ in range(2 * ph)]
    for (qa, qb), crop in placed.items():
        for a in range(ph):
            out[qa * ph + a][qb * pw:qb * pw + pw] = crop[a]
    charge(4 * ph * pw)
    return tuple(tuple(row) for row in out)
