"""Counts drawn as grids: how many of the largest objects of a colour there are, a count laid out as cells
painted in reading order, the largest objects as colour bars, and the ink cells folded into a shape."""

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


@primitive("Grid -> Grid")
def largest_colour_bars(grid: Grid) -> Grid:
    """One column per largest 4-connected one-colour object (over 0), left to right, as tall as its size."""
    charge(len(grid) * len(grid[0]))
    comps = components(grid, 0, True)
    if not comps:
        raise DSLError("empty", "a grid without ink")
    top = max(len(comp) for comp in comps)
    picked = sorted((min(j for _, j in comp), grid[comp[0][0]][comp[0][1]]) for comp in comps if len(comp) == top)
    check_grid_size(top, len(picked))
    return tuple(tuple(c for _, c in picked) for _ in range(top))


@primitive("Grid, Vec, Bool -> Grid")
def fold_cells(grid: Grid, shape: Vec, snake: bool) -> Grid:
    """The non-zero cells in reading order laid row by row into a grid of a shape (snaking with the flag), 0 after."""
    h, w = shape
    check_grid_size(h, w)
    cells = [c for row in grid for c in row if c]
    if not cells or len(cells) > h * w:
        raise DSLError("domain", "the cells do not fit the shape")
    cells += [0] * (h * w - len(cells))
    rows = [cells[i * w:(i + 1) * w] for i in range(h)]
    return tuple(tuple(r[::-1] if snake and i % 2 else r) for i, r in enumerate(rows))
