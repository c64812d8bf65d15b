"""Selecting and moving objects by their relation to others: objects slid until they touch a colour, the
inside of the largest one-colour rectangular frame, and a grid's count of mirror symmetries (a key to pick the
symmetric object of a list).

Colour 0 is empty. Each primitive charges the run's budget about one unit per cell it visits
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import components
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_colour

_FOUR = ((-1, 0), (1, 0), (0, -1), (0, 1))


def _contact_shift(grid: list, cells: tuple, colour: int) -> tuple:
    """The shortest straight 4-direction move of the cells (over 0 cells only) after which one of them is
    4-adjacent to a cell of the colour; (0, 0) when none or when they already touch it."""
    h, w = len(grid), len(grid[0])
    own = set(cells)

    def touches(di: int, dj: int) -> bool:
        for i, j in cells:
            for a, b in _FOUR:
                y, x = i + di + a, j + dj + b
                if 0 <= y < h and 0 <= x < w and grid[y][x] == colour and (y - di, x - dj) not in own:
                    return True
        return False

    if touches(0, 0):
        return 0, 0
    best = None
    for di, dj in _FOUR:
        k = 1
        while best is None or k < best[0]:
            ok = True
            for i, j in cells:
                y, x = i + di * k, j + dj * k
                if not (0 <= y < h and 0 <= x < w) or (grid[y][x] and (y, x) not in own):
                    ok = False
                    break
            if not ok:
                break
            if touches(di * k, dj * k):
                best = (k, di, dj)
                break
            k += 1
    return (0, 0) if best is None else (best[1] * best[0], best[2] * best[0])


@primitive("Grid, Int -> Grid")
def slide_to_contact(grid: Grid, colour: int) -> Grid:
    """Slide each 8-connected object without the colour straight (shortest of 4 ways, over 0 cells) until it touches that colour."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(h * w)
    if not colour or not any(colour in row for row in grid):
        return grid
    out = [list(row) for row in grid]
    for cells in components(grid, 0, False, True):
        if any(grid[i][j] == colour for i, j in cells):
            continue
        charge(len(cells) * 4 * (h + w))
        di, dj = _contact_shift(out, cells, colour)
        if di or dj:
            vals = [out[i][j] for i, j in cells]
            for i, j in cells:
                out[i][j] = 0
            for (i, j), v in zip(cells, vals):
                out[i + di][j + dj] = v
    return tuple(tuple(row) for row in out)


@primitive("Grid -> Grid")
def crop_frame_interior(grid: Grid) -> Grid:
    """The cells inside the largest rectangle (at least 3x3) whose whole border is one 4-connected colour."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    best = None
    for cells in components(grid, -1, True, False):
        if len(cells) < 8:
            continue
        rows = [i for i, _ in cells]
        cols = [j for _, j in cells]
        r0, r1, c0, c1 = min(rows), max(rows), min(cols), max(cols)
        if r1 - r0 < 2 or c1 - c0 < 2:
            continue
        area = (r1 - r0 + 1) * (c1 - c0 + 1)
        if best is not None and area <= best[0]:
            continue
        c = grid[cells[0][0]][cells[0][1]]
        charge(2 * (r1 - r0 + c1 - c0))
        if all(grid[r0][j] == c and grid[r1][j] == c for j in range(c0, c1 + 1)) and \
                all(grid[i][c0] == c and grid[i][c1] == c for i in range(r0, r1 + 1)):
            best = (area, r0, r1, c0, c1)
    if best is None:
        raise DSLError("domain", "no one-colour rectangular frame")
    _, r0, r1, c0, c1 = best
    return tuple(tuple(row[c0 + 1:c1]) for row in grid[r0 + 1:r1])


@primitive("Grid -> Int")
def symmetry_count(grid: Grid) -> int:
    """How many of the left-right, top-bottom, half-turn and (square grids) diagonal mirror symmetries the grid has."""
    charge(len(grid) * len(grid[0]))
    n = (all(row == row[::-1] for row in grid) + (grid == grid[::-1])
         + (grid == tuple(row[::-1] for row in grid[::-1])))
    if len(grid) == len(grid[0]):
        n += tuple(zip(*grid)) == grid
    return int(n)
