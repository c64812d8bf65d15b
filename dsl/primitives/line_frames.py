"""Frames of crossing lines: the rectangle that full row and column lines enclose, and loose pixels smeared to
the line of their colour.

Here a line is a row (column) with no 0 cell, so lines may cross lines of other colours; its colour is its most
common one. A loose pixel is a non-zero cell on no line. Each primitive charges the run's budget about one unit
per cell it visits (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, Grid


def _lines(grid: Grid) -> tuple:
    """``(rows, cols)``: the indices of the full rows and of the full columns (no 0 cell)."""
    rows = [i for i, row in enumerate(grid) if 0 not in row]
    cols = [j for j, col in enumerate(zip(*grid)) if 0 not in col]
    return rows, cols


def _line_colour(cells: tuple) -> int:
    """The most common colour of a line, ties to the smallest."""
    return max(sorted(set(cells)), key=cells.count)


@primitive("Grid -> Grid")
def crop_to_lines(grid: Grid) -> Grid:
    """The rectangle from the first to the last full row and from the first to the last full column (lines included)."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    rows, cols = _lines(grid)
    if len(rows) < 2 or len(cols) < 2 or len(rows) == h or len(cols) == w:
        raise DSLError("domain", "no frame of lines")
    return tuple(row[cols[0]:cols[-1] + 1] for row in grid[rows[0]:rows[-1] + 1])


@primitive("Grid -> Grid")
def smear_to_lines(grid: Grid) -> Grid:
    """Each loose pixel draws a straight line of its colour over 0 cells to the nearest full line of that colour."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    rows, cols = _lines(grid)
    if not rows and not cols or len(rows) == h or len(cols) == w:
        raise DSLError("domain", "no line")
    by_colour: dict = {}  # colour -> [(is_row, index)]
    for i in rows:
        by_colour.setdefault(_line_colour(grid[i]), []).append((True, i))
    for j in cols:
        by_colour.setdefault(_line_colour(tuple(row[j] for row in grid)), []).append((False, j))
    on_row, on_col = set(rows), set(cols)
    out = [list(row) for row in grid]
    for i, row in enumerate(grid):
        if i in on_row:
            continue
        for j, c in enumerate(row):
            if not c or j in on_col or c not in by_colour:
                continue
            is_row, k = min(by_colour[c], key=lambda line: abs((i if line[0] else j) - line[1]))
            if is_row:
                step = 1 if k > i else -1
                for r in range(i + step, k, step):
                    if not out[r][j]:
                        out[r][j] = c
            else:
                step = 1 if k > j else -1
                for q in range(j + step, k, step):
                    if not out[i][q]:
                        out[i][q] = c
    return tuple(tuple(row) for row in out)
