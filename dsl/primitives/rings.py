"""Concentric square rings continued outwards: the rings around a centre (a cell, or a point between cells) that
the ink reaches repeat their colours with a period, and the rings beyond are painted by that period. Charges
about one unit per cell, and a row and a column per centre tried (:func:`dsl.budget.charge`); grids of at most
400 cells.
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, Grid

_MAX_AREA = 400


def _ring(i: int, j: int, a: int, b: int) -> int:
    """The ring of cell (i, j) around the centre (a / 2, b / 2): half a cell away counts as one ring."""
    return (max(abs(2 * i - a), abs(2 * j - b)) + 1) // 2


def _ring_colours(grid: Grid, box: tuple, a: int, b: int) -> list | None:
    """The colour of each ring around (a / 2, b / 2) out to the last ring with ink (None for a ring with no
    cell), or None when one of those rings has two colours (0 counts as a colour inside them)."""
    h, w = len(grid), len(grid[0])
    top, left, bottom, right = box  # the ink's bounding box: its farthest ring is at one of its sides
    last = (max(abs(2 * top - a), abs(2 * bottom - a), abs(2 * left - b), abs(2 * right - b)) + 1) // 2
    rings: list = [None] * (last + 1)
    # The cells of the rings out to the last lie in a box around the centre.
    for i in range(max(0, (a - 2 * last) // 2), min(h, (a + 2 * last) // 2 + 2)):
        row = grid[i]
        for j in range(max(0, (b - 2 * last) // 2), min(w, (b + 2 * last) // 2 + 2)):
            d = _ring(i, j, a, b)
            if d <= last:
                v = row[j]
                if rings[d] is None:
                    rings[d] = v
                elif rings[d] != v:
                    return None
    return rings


def _period(rings: list) -> int | None:
    """The smallest period of at least two rings that the ring colours repeat (seen twice), None if none."""
    n = len(rings)
    if len({v for v in rings if v is not None}) < 2:
        return None
    for p in range(2, n // 2 + 1):
        if all(rings[d] is None or rings[d - p] is None or rings[d] == rings[d - p] for d in range(p, n)):
            return p
    return None


@primitive("Grid -> Grid")
def extend_rings(grid: Grid) -> Grid:
    """Find a centre (a cell or a point between cells) whose square rings out to the last one with ink are each of one colour (0 included) and repeat with a period of at least two rings, seen twice; paint every farther ring with the colour of its place in the period (most rings wins)."""
    h, w = len(grid), len(grid[0])
    if h * w > _MAX_AREA:
        raise DSLError("domain", "grid too large for extend_rings")
    rows = [i for i, row in enumerate(grid) if any(row)]
    cols = [j for j in range(w) if any(row[j] for row in grid)]
    if not rows:
        raise DSLError("domain", "no ink")
    box = (rows[0], cols[0], rows[-1], cols[-1])
    charge(h * w)
    best = None
    for a in range(2 * h - 1):
        for b in range(2 * w - 1):
            charge(h + w)
            rings = _ring_colours(grid, box, a, b)
            if rings is None or len(rings) < 4:
                continue
            period = _period(rings)
            if period is None:
                continue
            far = max(_ring(i, j, a, b) for i in (0, h - 1) for j in (0, w - 1))
            if far < len(rings):
                continue
            key = (len(rings), -period)
            if best is None or key > best[0]:
                best = (key, a, b, rings, period)
    if best is None:
        raise DSLError("domain", "no centre with periodic rings to continue")
    _, a, b, rings, period = best
    known = {d % period: v for d, v in enumerate(rings) if v is not None}
    return tuple(tuple(known.get(_ring(i, j, a, b) % period, 0) for j in range(w)) for i in range(h))
