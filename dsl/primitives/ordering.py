"""Orderings: rows sorted by how much ink they hold, the minor ink colours ranked by cell count."""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.tally import _colour_counts
from dsl.registry import primitive
from dsl.values import DSLError, Grid


@primitive("Grid -> Grid")
def sort_rows_by_ink(grid: Grid) -> Grid:
    """The rows sorted by their number of non-zero cells, fewest first (ties keep their order)."""
    charge(len(grid) * len(grid[0]))
    return tuple(sorted(grid, key=lambda r: sum(1 for v in r if v)))


@primitive("Grid -> Grid")
def minor_colours(grid: Grid) -> Grid:
    """The Nx1 column of the non-zero colours but the most common one, most cells first (ties to the smaller colour)."""
    ranked = _colour_counts(grid)
    if len(ranked) < 2:
        raise DSLError("empty", "fewer than two ink colours")
    return tuple((c,) for _, c in ranked[1:])
