"""Diagonal stripe patterns: a grid whose colour depends only on its diagonal (or anti-diagonal) index modulo a
period, completed from the cells that are known.

Colour 0 is unknown. Each primitive charges the run's budget about one unit per cell it visits
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, Grid


def _stripe_colours(cells: list, period: int, anti: bool) -> list | None:
    """The colour of each residue class of (i + j) (anti) or (i - j) modulo the period, or None when two known
    cells of a class disagree or a class has no known cell."""
    colours = [0] * period
    for i, j, v in cells:
        k = (i + j if anti else i - j) % period
        if colours[k] == 0:
            colours[k] = v
        elif colours[k] != v:
            return None
    return None if 0 in colours else colours


@primitive("Grid -> Grid")
def complete_diagonal_stripes(grid: Grid) -> Grid:
    """Fill the 0 cells of a diagonal-stripe pattern: colour by (i + j) or (i - j) mod the smallest period the non-zero cells agree with."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    cells = [(i, j, v) for i, row in enumerate(grid) for j, v in enumerate(row) if v]
    if not cells or len(cells) == h * w:
        raise DSLError("domain", "nothing to complete")
    for period in range(2, max(h, w) + 1):
        for anti in (True, False):
            charge(len(cells))
            colours = _stripe_colours(cells, period, anti)
            if colours is not None:
                return tuple(tuple(colours[(i + j if anti else i - j) % period] for j in range(w))
                             for i in range(h))
    raise DSLError("domain", "no diagonal stripe period fits")
