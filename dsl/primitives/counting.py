"""Counts drawn as grids: how many of the largest objects of a colour there are, and a count laid out as
cells painted in reading order."""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import components
from dsl.registry import primitive
from dsl.values import DSLError, Grid, Vec, check_grid_size


@primitive("Grid, Int -> Int")
def count_largest(grid: Grid, colour: int) -> int:
    """The number of 4-connected objects of a colour that have the largest size among them."""
    charge(len(grid) * len(grid[0]))
    sizes = [len(comp) for comp in components(grid, -1, True) if grid[comp[0][0]][comp[0][1]] == colour]
    if not sizes:
        raise DSLError("empty", "no cell of the colour")
    top = max(sizes)
    return sum(1 for s in sizes if s == top)


@primitive("Int, Int, Vec, Int -> Grid")
def tally_grid(count: int, colour: int, shape: Vec, step: int) -> Grid:
    """A grid of a shape with ``count`` cells painted, every ``step``-th cell in reading order from the first."""
    h, w = shape
    check_grid_size(h, w)
    if step < 1 or count < 0 or (count - 1) * step >= h * w:
        raise DSLError("domain", "the count does not fit the grid")
    painted = set(range(0, count * step, step))
    return tuple(tuple(colour if i * w + j in painted else 0 for j in range(w)) for i in range(h))
