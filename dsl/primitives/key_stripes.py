"""Stripes coloured from a key: the colours of the top row, in turn, painted as full rows over the empty rows.
Charges the run's budget about one unit per cell (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, Grid


@primitive("Grid -> Grid")
def key_rows(grid: Grid) -> Grid:
    """The all-0 rows, top to bottom, painted as full rows in the colours of the top row (all ink, 2+ colours) in turn."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    key = grid[0]
    if 0 in key or len(set(key)) < 2:
        raise DSLError("domain", "the top row is no key")
    empty = [i for i, row in enumerate(grid) if not any(row)]
    if not empty:
        raise DSLError("domain", "no empty row")
    out = list(grid)
    for k, i in enumerate(empty):
        out[i] = (key[k % w],) * w
    return tuple(out)
