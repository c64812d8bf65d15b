"""Paths and floods between marker cells: elbow lines joining two colours, and two-colour alternating floods."""

from __future__ import annotations

from collections import Counter

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_colour


def _cells(grid: Grid, colour: int) -> list:
    return [(i, j) for i, row in enumerate(grid) for j, v in enumerate(row) if v == colour]


@primitive("Grid, Int, Int, Int -> Grid")
def elbow_connect(grid: Grid, start: int, end: int, colour: int) -> Grid:
    """Join each ``start`` cell to its nearest ``end`` cell: along its row to the end's column, then along that column (0 cells only)."""
    for c in (start, end, colour):
        check_colour(c)
    charge(len(grid) * len(grid[0]))
    starts, ends = _cells(grid, start), _cells(grid, end)
    if not starts or not ends or start == end:
        raise DSLError("domain", "elbow_connect needs cells of two colours")
    rows = [list(r) for r in grid]
    for si, sj in starts:
        ei, ej = min(ends, key=lambda e: (abs(e[0] - si) + abs(e[1] - sj), e))
        step = 1 if ej >= sj else -1
        path = [(si, j) for j in range(sj + step, ej + step, step)]
        step = 1 if ei >= si else -1
        path += [(i, ej) for i in range(si + step, ei, step)]
        for i, j in path:
            if rows[i][j] == 0:
                rows[i][j] = colour
    return tuple(tuple(r) for r in rows)


@primitive("Grid -> Grid")
def alternating_flood(grid: Grid) -> Grid:
    """Flood the 0 cells 4-connected to the two seed colours (all ink but the most common colour), alternating them step by step."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    counts = Counter(v for row in grid for v in row if v)
    if len(counts) != 3:
        raise DSLError("domain", "alternating_flood needs a wall colour and two seed colours")
    wall = max(sorted(counts), key=lambda c: counts[c])
    a, b = sorted(c for c in counts if c != wall)
    rows = [list(r) for r in grid]
    frontier = [(i, j) for i in range(h) for j in range(w) if rows[i][j] in (a, b)]
    while frontier:
        nxt = []
        for i, j in frontier:
            other = b if rows[i][j] == a else a
            for ni, nj in ((i - 1, j), (i + 1, j), (i, j - 1), (i, j + 1)):
                if 0 <= ni < h and 0 <= nj < w and rows[ni][nj] == 0:
                    rows[ni][nj] = other
                    nxt.append((ni, nj))
        frontier = nxt
    return tuple(tuple(r) for r in rows)
