"""Periodic continuation: a grid's smallest row and column periods repeated over a larger shape."""

from __future__ import annotations

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, Grid, Vec, check_grid_size


def _period(lines: list) -> int:
    """The smallest p with lines[i] == lines[i - p] for every i >= p (the number of lines if none shorter)."""
    n = len(lines)
    for p in range(1, n):
        if all(lines[i] == lines[i - p] for i in range(p, n)):
            return p
    return n


@primitive("Grid, Vec -> Grid")
def periodic_tile(grid: Grid, shape: Vec) -> Grid:
    """The grid's smallest row period and column period repeated from the top-left over a shape."""
    if type(shape) is not tuple or len(shape) != 2:
        raise DSLError("domain", f"{shape!r} is not a shape")
    h, w = shape
    check_grid_size(h, w)
    charge(len(grid) * len(grid[0]) + h * w)
    pr = _period(list(grid))
    pc = _period(list(zip(*grid)))
    return tuple(tuple(grid[i % pr][j % pc] for j in range(w)) for i in range(h))
