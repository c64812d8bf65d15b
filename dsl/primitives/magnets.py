"""Pixels drawn to lines of their own colour: each loose cell moves straight to the side of the nearest line
that shares its colour, and loose cells without such a line vanish; and pixels projected onto a block: each
lone pixel in line with the largest object marks the block cell it faces with its colour.

A line is a row (column) whose cells are all one colour, except that its two end cells may be 0 (lines that
frame a grid often leave the corners empty). Colour 0 is empty. Each primitive charges the run's budget about
one unit per cell it visits (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import components
from dsl.registry import primitive
from dsl.values import DSLError, Grid

_FOUR = ((-1, 0), (1, 0), (0, -1), (0, 1))


def _line_colour(cells: tuple) -> int:
    """The colour of a row or column that is one full line (its ends may be 0), else 0."""
    n = len(cells)
    if n < 3:
        return 0
    c = cells[1]
    if not c:
        return 0
    for k in range(2, n - 1):
        if cells[k] != c:
            return 0
    if cells[0] not in (0, c) or cells[-1] not in (0, c):
        return 0
    return c


def _nearest_line(lines: list, pos: int) -> int:
    """The target coordinate next to the nearest line (line coordinates in ``lines``) on the cell's side."""
    best = min(lines, key=lambda k: (abs(k - pos), k))
    return best + 1 if pos > best else best - 1


@primitive("Grid -> Grid")
def line_magnets(grid: Grid) -> Grid:
    """Each loose cell moves straight next to the nearest full row or column line of its colour; loose cells without one are erased."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    row_lines: dict = {}
    col_lines: dict = {}
    for i in range(h):
        c = _line_colour(grid[i])
        if c:
            row_lines.setdefault(c, []).append(i)
    columns = tuple(zip(*grid))
    for j in range(w):
        c = _line_colour(columns[j])
        if c:
            col_lines.setdefault(c, []).append(j)
    if not row_lines and not col_lines:
        raise DSLError("domain", "no full line")
    on_line = set()
    for c, rows in row_lines.items():
        for i in rows:
            on_line.update((i, j) for j in range(w) if grid[i][j] == c)
    for c, cols in col_lines.items():
        for j in cols:
            on_line.update((i, j) for i in range(h) if grid[i][j] == c)
    out = [[grid[i][j] if (i, j) in on_line else 0 for j in range(w)] for i in range(h)]
    moves = []
    for i in range(h):
        row = grid[i]
        for j in range(w):
            c = row[j]
            if not c or (i, j) in on_line:
                continue
            options = []
            if c in row_lines:
                ti = _nearest_line(row_lines[c], i)
                options.append((abs(ti - i), ti, j))
            if c in col_lines:
                tj = _nearest_line(col_lines[c], j)
                options.append((abs(tj - j), i, tj))
            if options:
                _, ti, tj = min(options)
                if 0 <= ti < h and 0 <= tj < w:
                    moves.append((ti, tj, c))
    for i, j, c in moves:
        if (i, j) not in on_line:
            out[i][j] = c
    return tuple(tuple(row) for row in out)


@primitive("Grid -> Grid")
def mark_block_edge(grid: Grid) -> Grid:
    """Each one-cell one-colour object in line with the largest object (over 0 cells) paints its colour on the first cell of it that it faces."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    comps = components(grid, 0, False, False)
    block = set(max(comps, key=len)) if comps else set()
    if len(block) < 2:
        raise DSLError("domain", "no block")
    out = [list(row) for row in grid]
    marked = False
    for cells in components(grid, 0, True, False):
        if len(cells) != 1:
            continue
        i0, j0 = cells[0]
        for di, dj in _FOUR:
            i, j = i0 + di, j0 + dj
            while 0 <= i < h and 0 <= j < w and grid[i][j] == 0:
                i, j = i + di, j + dj
            charge(abs(i - i0) + abs(j - j0))
            if (i, j) in block:
                out[i][j] = grid[i0][j0]
                marked = True
    if not marked:
        raise DSLError("domain", "no pixel in line with the block")
    return tuple(tuple(row) for row in out)
