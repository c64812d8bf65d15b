"""Rays and lines drawn from marker pixels: specks shooting at the largest block, diagonal tails, rays out of
L-tromino corners, and lines between matching pixels on opposite borders.

Each primitive charges the run's budget about one unit per cell it visits (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache, partial
from itertools import starmap
from operator import itemgetter, sub

from dsl.budget import charge
from dsl.primitives.structure import bounds, colour_regions, components, group_cells
from dsl.registry import primitive
from dsl.values import DSLError, Grid, Vec

_FOUR = ((-1, 0), (1, 0), (0, -1), (0, 1))
_DIAG = ((-1, -1), (-1, 1), (1, -1), (1, 1))


def _components(grid: Grid, bg: int) -> tuple:
    """8-connected components of the cells other than ``bg`` (any colours), as tuples of (i, j)."""
    charge(2 * len(grid) * len(grid[0]))
    return components(grid, bg, False, True)


@lru_cache(maxsize=64)
def _colour_objects(grid: Grid, colour: int) -> tuple:
    """The 8-connected objects of one colour, as tuples of (i, j) in row-major order (cached: object_rays
    asks for them once per direction)."""
    return group_cells(*colour_regions(grid, colour, True))


def _ray(grid: Grid, rows: list, i: int, j: int, di: int, dj: int, colour: int) -> None:
    """Paint ``colour`` from (i, j) on in the direction over 0 cells of ``grid``, up to ink or the edge."""
    h, w = len(grid), len(grid[0])
    while 0 <= i < h and 0 <= j < w and grid[i][j] == 0:
        rows[i][j] = colour
        i, j = i + di, j + dj


@primitive("Grid -> Grid")
def shoot_to_block(grid: Grid) -> Grid:
    """Each lone pixel in line with the largest object draws a line of its colour up to it (background: most common colour)."""
    h, w = len(grid), len(grid[0])
    bg = Counter(c for row in grid for c in row).most_common(1)[0][0]
    comps = _components(grid, bg)
    if len(comps) < 2:
        raise DSLError("domain", "no block and pixels")
    block = set(max(comps, key=len))
    rows = [list(r) for r in grid]
    drew = False
    for comp in comps:
        if len(comp) != 1:
            continue
        i0, j0 = comp[0]
        colour = grid[i0][j0]
        for di, dj in _FOUR:
            i, j = i0 + di, j0 + dj
            path = []
            while 0 <= i < h and 0 <= j < w and grid[i][j] == bg:
                path.append((i, j))
                i, j = i + di, j + dj
            charge(len(path) + 1)
            if path and (i, j) in block:
                for a, b in path:
                    rows[a][b] = colour
                drew = True
    if not drew:
        raise DSLError("domain", "no pixel in line with the block")
    return tuple(tuple(r) for r in rows)


@primitive("Grid -> Grid")
def diagonal_tails(grid: Grid) -> Grid:
    """A pixel touching ink only diagonally, at one corner, continues as a diagonal ray away from that corner."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    rows = [list(r) for r in grid]

    def ink(a: int, b: int) -> bool:
        return 0 <= a < h and 0 <= b < w and grid[a][b] != 0

    drew = False
    for i in range(h):
        for j in range(w):
            if not grid[i][j] or any(ink(i + di, j + dj) for di, dj in _FOUR):
                continue
            corners = [(di, dj) for di, dj in _DIAG if ink(i + di, j + dj)]
            if len(corners) == 1:
                di, dj = -corners[0][0], -corners[0][1]
                _ray(grid, rows, i + di, j + dj, di, dj, grid[i][j])
                drew = True
    if not drew:
        raise DSLError("domain", "no diagonal tail")
    return tuple(tuple(r) for r in rows)


@primitive("Grid -> Grid")
def corner_rays(grid: Grid) -> Grid:
    """Each one-colour L-tromino (3 cells of a 2x2 square) shoots a diagonal ray out of its open corner."""
    h, w = len(grid), len(grid[0])
    rows = [list(r) for r in grid]
    drew = False
    for comp in _components(grid, 0):
        if len(comp) != 3:
            continue
        top, left = min(i for i, _ in comp), min(j for _, j in comp)
        square = {(top + a, left + b) for a in (0, 1) for b in (0, 1)}
        cells = set(comp)
        if not cells <= square or len({grid[i][j] for i, j in comp}) != 1:
            continue
        (mi, mj), = square - cells
        di, dj = 1 if mi > top else -1, 1 if mj > left else -1
        _ray(grid, rows, mi + di, mj + dj, di, dj, grid[comp[0][0]][comp[0][1]])
        drew = True
    charge(h * w)
    if not drew:
        raise DSLError("domain", "no L-tromino")
    return tuple(tuple(r) for r in rows)


@primitive("Grid -> Grid")
def border_pair_lines(grid: Grid) -> Grid:
    """On an empty grid, full lines between equal pixels on opposite borders, of colours found only on the border."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    inner = {c for row in grid[1:-1] for c in row[1:-1]}
    rows = [[0] * w for _ in range(h)]
    drew = False
    for i in range(h):
        c = grid[i][0]
        if c and c == grid[i][w - 1] and c not in inner and w > 1:
            rows[i] = [c] * w
            drew = True
    for j in range(w):
        c = grid[0][j]
        if c and c == grid[h - 1][j] and c not in inner and h > 1:
            for i in range(h):
                rows[i][j] = c
            drew = True
    if not drew:
        raise DSLError("domain", "no matching border pixels")
    return tuple(tuple(r) for r in rows)


@primitive("Grid, Int -> Grid")
def centre_lines(grid: Grid, colour: int) -> Grid:
    """Lines of a colour over the background (most common colour) through the centre of every object with odd sides."""
    if type(colour) is not int or colour < 0 or colour > 9:
        raise DSLError("domain", f"{colour!r} is not a colour")
    h, w = len(grid), len(grid[0])
    bg = Counter(c for row in grid for c in row).most_common(1)[0][0]
    rows, cols = set(), set()
    for comp in _components(grid, bg):
        top, left, bottom, right = bounds(comp)
        if (bottom - top) % 2 == 0 and (right - left) % 2 == 0 and len(comp) > 1:
            rows.add((top + bottom) // 2)
            cols.add((left + right) // 2)
    if not rows:
        raise DSLError("domain", "no object with a centre cell")
    charge(h * w)
    return tuple(tuple(colour if c == bg and (i in rows or j in cols) else c for j, c in enumerate(row))
                 for i, row in enumerate(grid))


def _furthest_key(di: int, dj: int) -> tuple:
    """``(key, furthest)``: ``key(cells)`` maps cells (i, j), in C, to integers that order them as di * i + dj * j
    does when ``furthest`` (max or min) picks the extreme."""
    if di * dj:
        key = partial(map, sum) if di == dj else partial(starmap, sub)  # i + j or i - j
    else:
        key = partial(map, itemgetter(0 if dj == 0 else 1))
    return key, max if (di or dj) > 0 else min


_FURTHEST = {d: _furthest_key(*d) for d in _FOUR + _DIAG}


@primitive("Grid, Int, Vec -> Grid")
def object_rays(grid: Grid, colour: int, direction: Vec) -> Grid:
    """Each 8-connected object of a colour shoots rays over 0 cells in a direction from its cells furthest that way."""
    if type(colour) is not int or colour < 1 or colour > 9:
        raise DSLError("domain", f"{colour!r} is not an ink colour")
    if direction not in _FOUR + _DIAG:
        raise DSLError("domain", f"{direction!r} is not one of the eight unit directions")
    di, dj = direction
    charge(2 * len(grid) * len(grid[0]))
    comps = _colour_objects(grid, colour)
    if not comps:
        raise DSLError("domain", "no cell of the colour")
    h, w = len(grid), len(grid[0])
    key, furthest = _FURTHEST[direction]
    painted: dict = {}  # row -> its painted columns (rays are short: only those rows are copied)
    for comp in comps:
        keys = list(key(comp))
        far = furthest(keys)
        k = -1
        for _ in range(keys.count(far)):
            k = keys.index(far, k + 1)
            i, j = comp[k]
            i, j = i + di, j + dj
            while 0 <= i < h and 0 <= j < w and grid[i][j] == 0:
                painted.setdefault(i, []).append(j)
                i, j = i + di, j + dj
    if not painted:
        return grid
    out = list(grid)
    for i, cols in painted.items():
        row = list(grid[i])
        for j in cols:
            row[j] = colour
        out[i] = tuple(row)
    return tuple(out)
