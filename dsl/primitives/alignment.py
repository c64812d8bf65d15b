"""Moving objects to line up with a reference colour: every object aligned with the reference's top row or
left column, or all the other ink centred in the reference's bounding box (an object put inside the frame
its corner markers draw).

Colour 0 is empty. Each primitive charges the run's budget about one unit per cell it visits
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import bounds, components
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_colour


def _colour_cells(grid: Grid, colour: int) -> list:
    check_colour(colour)
    if not colour:
        raise DSLError("domain", "the reference colour must not be 0")
    charge(len(grid) * len(grid[0]))
    cells = [(i, j) for i, row in enumerate(grid) if colour in row for j, v in enumerate(row) if v == colour]
    if not cells:
        raise DSLError("domain", "the reference colour is absent")
    return cells


@primitive("Grid, Int, Bool -> Grid")
def align_to_colour(grid: Grid, colour: int, vertical: bool) -> Grid:
    """Each 8-connected object without the colour moved (up or down with the flag, else sideways) to start on the colour's top row (left column)."""
    ref = _colour_cells(grid, colour)
    axis = 0 if vertical else 1
    target = min(c[axis] for c in ref)
    h, w = len(grid), len(grid[0])
    limit = h if vertical else w
    moves = []
    for cells in components(grid, 0, False, True):
        if any(grid[i][j] == colour for i, j in cells):
            continue
        lo = min(c[axis] for c in cells)
        hi = max(c[axis] for c in cells)
        d = target - lo
        if hi + d >= limit:
            raise DSLError("domain", "an aligned object would leave the grid")
        if d:
            moves.append((cells, d))
    if not moves:
        return grid
    out = [list(row) for row in grid]
    for cells, _ in moves:
        for i, j in cells:
            out[i][j] = 0
    for cells, d in moves:
        di, dj = (d, 0) if vertical else (0, d)
        for i, j in cells:
            out[i + di][j + dj] = grid[i][j]
    return tuple(tuple(row) for row in out)


@primitive("Grid, Int -> Grid")
def centre_in_colour(grid: Grid, colour: int) -> Grid:
    """All ink but the colour moved rigidly so that its bounding box is centred in the colour's bounding box."""
    ref = _colour_cells(grid, colour)
    ink = [(i, j) for i, row in enumerate(grid) for j, v in enumerate(row) if v and v != colour]
    if not ink:
        return grid
    di2 = min(i for i, _ in ref) + max(i for i, _ in ref) - min(i for i, _ in ink) - max(i for i, _ in ink)
    dj2 = min(j for _, j in ref) + max(j for _, j in ref) - min(j for _, j in ink) - max(j for _, j in ink)
    if di2 % 2 or dj2 % 2:
        raise DSLError("domain", "the ink cannot be centred exactly")
    di, dj = di2 // 2, dj2 // 2
    if not di and not dj:
        return grid
    h, w = len(grid), len(grid[0])
    out = [list(row) for row in grid]
    for i, j in ink:
        out[i][j] = 0
    for i, j in ink:
        y, x = i + di, j + dj
        if not (0 <= y < h and 0 <= x < w):
            raise DSLError("domain", "the centred ink would leave the grid")
        if out[y][x] != colour:
            out[y][x] = grid[i][j]
    return tuple(tuple(row) for row in out)


@primitive("Grid, Int -> Grid")
def gather_on_anchor(grid: Grid, colour: int) -> Grid:
    """The 8-connected objects holding exactly one cell of the colour laid over each other on that cell, cropped to their union (at least two objects)."""
    _colour_cells(grid, colour)
    placed: dict = {}
    n = 0
    for cells in components(grid, 0, False, True):
        anchors = [(i, j) for i, j in cells if grid[i][j] == colour]
        if len(anchors) != 1:
            continue
        n += 1
        a, b = anchors[0]
        for i, j in cells:
            if grid[i][j] != colour or (i - a, j - b) not in placed:
                placed[(i - a, j - b)] = grid[i][j]
    if n < 2:
        raise DSLError("domain", "fewer than two objects with one anchor cell")
    r0 = min(i for i, _ in placed)
    c0 = min(j for _, j in placed)
    out = [[0] * (max(j for _, j in placed) - c0 + 1) for _ in range(max(i for i, _ in placed) - r0 + 1)]
    for (i, j), v in placed.items():
        out[i - r0][j - c0] = v
    return tuple(tuple(row) for row in out)


def _stretch_index(v: int, lo: int, hi: int, new_lo: int, new_hi: int) -> int:
    """The source row (column) of a stretched box: edges from edges, the rest from the nearest inner line."""
    if v == new_lo:
        return lo
    if v == new_hi:
        return hi
    return min(max(v, lo + 1), hi - 1)


@primitive("Grid -> Grid")
def stretch_to_marker(grid: Grid) -> Grid:
    """The one object of 2+ cells (a box at least 3x3) stretched, edges kept and inner lines repeated, until its box covers the one single-cell object."""
    charge(len(grid) * len(grid[0]))
    marks, big = [], []
    for cells in components(grid, 0, False, True):
        (marks if len(cells) == 1 else big).append(cells)
    if len(marks) != 1 or len(big) != 1:
        raise DSLError("domain", "needs one marker cell and one larger object")
    (y, x), = marks[0]
    cells = big[0]
    r0, c0, r1, c1 = bounds(cells)
    if r1 - r0 < 2 or c1 - c0 < 2:
        raise DSLError("domain", "the object is thinner than 3 cells")
    nr0, nr1, nc0, nc1 = min(r0, y), max(r1, y), min(c0, x), max(c1, x)
    charge((nr1 - nr0 + 1) * (nc1 - nc0 + 1))
    out = [list(row) for row in grid]
    out[y][x] = 0
    for i in range(nr0, nr1 + 1):
        src = grid[_stretch_index(i, r0, r1, nr0, nr1)]
        for j in range(nc0, nc1 + 1):
            out[i][j] = src[_stretch_index(j, c0, c1, nc0, nc1)]
    return tuple(tuple(row) for row in out)
