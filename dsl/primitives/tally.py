"""Counting and splitting into grids: the ink as a row, colours ranked by cell count, a histogram, ink sprites."""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import components
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_grid_size


def _colour_counts(grid: Grid) -> list:
    """(count, colour) of the non-zero colours, most cells first (ties to the smaller colour)."""
    charge(len(grid) * len(grid[0]))
    counts = [0] * 10
    for row in grid:
        for c in row:
            counts[c] += 1
    ranked = sorted((-n, c) for c, n in enumerate(counts) if c and n)
    if not ranked:
        raise DSLError("empty", "a grid without ink")
    return [(-n, c) for n, c in ranked]


@primitive("Grid -> Grid")
def ink_row(grid: Grid) -> Grid:
    """The 1xN grid of the non-zero cells in reading order."""
    charge(len(grid) * len(grid[0]))
    cells = tuple(c for row in grid for c in row if c)
    if not cells:
        raise DSLError("empty", "a grid without ink")
    check_grid_size(1, len(cells))
    return (cells,)


@primitive("Grid -> Grid")
def colours_by_count(grid: Grid) -> Grid:
    """The Nx1 column of the non-zero colours, the one covering most cells first (ties to the smaller colour)."""
    return tuple((c,) for _, c in _colour_counts(grid))


@primitive("Grid -> Grid")
def colour_histogram(grid: Grid) -> Grid:
    """One column per non-zero colour (most cells first), filled from the top for as many cells as it covers."""
    ranked = _colour_counts(grid)
    height = ranked[0][0]
    check_grid_size(height, len(ranked))
    return tuple(tuple(c if n > i else 0 for n, c in ranked) for i in range(height))


def _crop_component(grid: Grid, comp: tuple) -> Grid:
    """A component's (i, j) cells with their colours, cropped to its bounding box on 0."""
    rows, cols = zip(*comp)
    top, left = min(rows), min(cols)
    width = max(cols) - left + 1
    box = [row[left:left + width] for row in grid[top:max(rows) + 1]]
    # All the box's ink is the component's (its cells are ink): the box is the sprite as it stands.
    if sum(width - r.count(0) for r in box) == len(comp):
        return tuple(box)
    out = [[0] * width for _ in box]
    for i, j in comp:
        out[i - top][j - left] = grid[i][j]
    return tuple(map(tuple, out))


@primitive("Grid -> Tup[Grid]")
def ink_sprites(grid: Grid) -> tuple:
    """The 4-connected groups of non-zero cells (any colours), each cropped to its bounding box on 0."""
    h, w = len(grid), len(grid[0])
    charge(3 * h * w)
    out = [_crop_component(grid, comp) for comp in components(grid, 0)]
    if not out:
        raise DSLError("empty", "a grid without ink")
    return tuple(out)
