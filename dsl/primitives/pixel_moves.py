"""Single pixels that draw or move: full lines through isolated pixels (crossings of different colours marked),
and ink cells falling straight onto the nearest cell of a colour in their row or column, stacking up.

Each primitive charges the run's budget about one unit per cell it visits (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.background import background
from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_colour

_FOUR = ((-1, 0), (1, 0), (0, -1), (0, 1))
_ORTHO = ((0, 1), (1, 0))
_DIAG = ((1, 1), (1, -1))


def _isolated_pixels(grid: Grid, bg: int) -> list:
    """The cells not of ``bg`` whose 8 neighbours are all ``bg`` (or outside), row-major."""
    h, w = len(grid), len(grid[0])
    out = []
    for i in range(h):
        row = grid[i]
        for j in range(w):
            if row[j] == bg:
                continue
            if all(grid[y][x] == bg for y in range(max(i - 1, 0), min(i + 2, h))
                   for x in range(max(j - 1, 0), min(j + 2, w)) if (y, x) != (i, j)):
                out.append((i, j))
    return out


@primitive("Grid, Bool, Int -> Grid")
def pixel_lines(grid: Grid, diagonal: bool, colour: int) -> Grid:
    """Each isolated pixel draws its colour over the background along its whole row and column (or both diagonals); crossings of different colours get the colour."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    bg = background(grid)
    pixels = _isolated_pixels(grid, bg)
    if not pixels:
        raise DSLError("domain", "no isolated pixels")
    if len(pixels) * 2 > h * w // 4:
        raise DSLError("domain", "too many pixels")
    out = [list(row) for row in grid]
    painted: dict = {}
    for i, j in pixels:
        c = grid[i][j]
        charge(2 * (h + w))
        for di, dj in (_DIAG if diagonal else _ORTHO):
            for sign in (1, -1):
                y, x = i + sign * di, j + sign * dj
                while 0 <= y < h and 0 <= x < w:
                    if grid[y][x] == bg:
                        old = painted.get((y, x))
                        if old is None:
                            painted[(y, x)] = c
                            out[y][x] = c
                        elif old != c:
                            out[y][x] = colour
                    y += sign * di
                    x += sign * dj
    return tuple(tuple(row) for row in out)


@primitive("Grid, Int -> Grid")
def gravity_to_colour(grid: Grid, colour: int) -> Grid:
    """Each non-zero cell of another colour falls (over 0 cells, stacking) towards the nearest cell of the colour straight along its row or column."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(h * w)
    if not colour or not any(colour in row for row in grid):
        return grid
    movers = []
    for i in range(h):
        for j in range(w):
            v = grid[i][j]
            if not v or v == colour:
                continue
            charge(2 * (h + w))
            best = None
            for di, dj in _FOUR:
                y, x, k = i + di, j + dj, 1
                while 0 <= y < h and 0 <= x < w and (best is None or k < best[0]):
                    if grid[y][x] == colour:
                        best = (k, di, dj)
                        break
                    y += di
                    x += dj
                    k += 1
            if best is not None:
                movers.append((best[0], i, j, best[1], best[2], v))
    if not movers:
        return grid
    out = [list(row) for row in grid]
    for _, i, j, _, _, _ in movers:
        out[i][j] = 0
    for _, i, j, di, dj, v in sorted(movers):
        y, x = i, j
        while 0 <= y + di < h and 0 <= x + dj < w and out[y + di][x + dj] == 0:
            y += di
            x += dj
        out[y][x] = v
    return tuple(tuple(row) for row in out)


@primitive("Grid -> Grid")
def repeat_seed_lines(grid: Grid) -> Grid:
    """On an empty grid, 2+ pixels spaced evenly along the longer side each draw a full line across the shorter side, repeated with that spacing (colours cycling) to the far edge."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    seeds = [(i, j, grid[i][j]) for i in range(h) for j in range(w) if grid[i][j]]
    if len(seeds) < 2 or len(seeds) > 9:
        raise DSLError("domain", "not a few seed pixels")
    across_cols = w > h  # the lines are columns when the grid is wider than tall
    if h == w:
        raise DSLError("domain", "square grid: no longer side")
    pos = sorted((j if across_cols else i, v) for i, j, v in seeds)
    step = pos[1][0] - pos[0][0]
    if step <= 0 or any(b[0] - a[0] != step for a, b in zip(pos, pos[1:])):
        raise DSLError("domain", "seeds not evenly spaced")
    n = w if across_cols else h
    out = [list(row) for row in grid]
    k, p = 0, pos[0][0]
    while p < n:
        c = pos[k % len(pos)][1]
        if across_cols:
            for i in range(h):
                out[i][p] = c
        else:
            out[p] = [c] * w
        k += 1
        p += step
    return tuple(tuple(row) for row in out)
