"""Whole-grid motion: translating the contents by one cell and pixels bouncing between the side walls."""

from __future__ import annotations

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, Grid, Vec

_STEPS = ((-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1))


def _count_seeds(grid: Grid, colour: int) -> tuple:
    """``(targets, seeds)``: the numbers of ``colour`` cells (0 for colour 0) and of other non-zero cells.

    Counted in C per row, so a grid without the colour is turned away without visiting its cells."""
    zeros = sum(row.count(0) for row in grid)
    targets = sum(row.count(colour) for row in grid) if colour else 0
    return targets, len(grid) * len(grid[0]) - zeros - targets


@primitive("Grid, Vec -> Grid")
def translate(grid: Grid, direction: Vec) -> Grid:
    """Move every cell one step in a unit direction; cells pushed out are lost and vacated cells become 0."""
    if direction not in _STEPS:
        raise DSLError("domain", f"{direction!r} is not one of the eight unit directions")
    h, w = len(grid), len(grid[0])
    charge(h * w)
    di, dj = direction
    if dj == 1:
        rows = [(0,) + row[:-1] for row in grid]
    elif dj == -1:
        rows = [row[1:] + (0,) for row in grid]
    else:
        rows = list(grid)
    blank = (0,) * w
    if di == 1:
        rows = [blank] + rows[:-1]
    elif di == -1:
        rows = rows[1:] + [blank]
    return tuple(rows)


@primitive("Grid -> Grid")
def bounce(grid: Grid) -> Grid:
    """Send every non-zero cell up the grid diagonally (first to the right), reflecting off the side walls, painting 0 cells."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    seeds = [(i, j, c) for i, row in enumerate(grid) for j, c in enumerate(row) if c]
    charge(len(seeds) * h)
    out = [list(row) for row in grid]
    for i, j, c in seeds:
        d = 1
        for r in range(i - 1, -1, -1):
            if w > 1:
                if not 0 <= j + d < w:
                    d = -d
                j += d
            if not out[r][j]:
                out[r][j] = c
    return tuple(tuple(row) for row in out)


@primitive("Grid, Int -> Grid")
def connect_to_colour(grid: Grid, colour: int) -> Grid:
    """Draw a line of each other non-zero cell's colour over the 0 cells between it and a cell of a colour in line with it."""
    if type(colour) is not int or colour < 0 or colour > 9:
        raise DSLError("domain", f"{colour!r} is not a colour")
    h, w = len(grid), len(grid[0])
    charge(h * w)
    targets, seeds = _count_seeds(grid, colour)
    charge(seeds * (h + w))
    if not seeds or not targets:
        return grid  # nothing to walk to (the usual case in a search): the grid unchanged
    seeds = [(i, j, c) for i, row in enumerate(grid) for j, c in enumerate(row) if c and c != colour]
    out = [list(row) for row in grid]
    for i, j, c in seeds:
        for di, dj in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            a, b = i + di, j + dj
            while 0 <= a < h and 0 <= b < w and grid[a][b] == 0:
                a, b = a + di, b + dj
            if 0 <= a < h and 0 <= b < w and grid[a][b] == colour:
                a, b = a - di, b - dj
                while (a, b) != (i, j):
                    out[a][b] = c
                    a, b = a - di, b - dj
    return tuple(tuple(row) for row in out)


@primitive("Grid, Int -> Grid")
def attract_to_colour(grid: Grid, colour: int) -> Grid:
    """Move each other non-zero cell that sees a cell of a colour over 0 cells (4 directions, then diagonals) next to it."""
    if type(colour) is not int or colour < 0 or colour > 9:
        raise DSLError("domain", f"{colour!r} is not a colour")
    h, w = len(grid), len(grid[0])
    charge(h * w)
    targets, seeds = _count_seeds(grid, colour)
    charge(seeds * 2 * (h + w))
    if not seeds or not targets:
        return grid  # nothing to walk to (the usual case in a search): the grid unchanged
    seeds = [(i, j, c) for i, row in enumerate(grid) for j, c in enumerate(row) if c and c != colour]
    out = [list(row) for row in grid]
    moves = []
    for i, j, c in seeds:
        for di, dj in ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1)):
            a, b = i + di, j + dj
            while 0 <= a < h and 0 <= b < w and grid[a][b] == 0:
                a, b = a + di, b + dj
            if 0 <= a < h and 0 <= b < w and grid[a][b] == colour:
                moves.append((i, j, a - di, b - dj, c))
                break
    for i, j, _, _, _ in moves:
        out[i][j] = 0
    for _, _, a, b, c in moves:
        out[a][b] = c
    return tuple(tuple(row) for row in out)
