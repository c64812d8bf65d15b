"""Reordering lines: rows sorted by how much ink they hold."""

from __future__ import annotations

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import Grid


@primitive("Grid -> Grid")
def sort_rows_by_ink(grid: Grid) -> Grid:
    """The rows sorted by their number of non-zero cells, fewest first (ties keep their order)."""
    charge(len(grid) * len(grid[0]))
    return tuple(sorted(grid, key=lambda r: sum(1 for v in r if v)))
