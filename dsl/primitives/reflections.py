"""Reflections across a line of the picture: objects flipped over the base line of the nearest bracket.

Colour 0 is empty. Each primitive charges the run's budget about one unit per cell it visits
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import components
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_colour


def _base_line(cells) -> tuple | None:
    """``(is_row, index, lo, hi)`` of the one longest row or column of a bracket's cells, None on a tie."""
    rows: dict = {}
    cols: dict = {}
    for i, j in cells:
        rows.setdefault(i, []).append(j)
        cols.setdefault(j, []).append(i)
    lines = [(len(js), True, i, min(js), max(js)) for i, js in rows.items()]
    lines += [(len(is_), False, j, min(is_), max(is_)) for j, is_ in cols.items()]
    lines.sort(reverse=True)
    if len(lines) > 1 and lines[0][0] == lines[1][0]:
        return None
    _, is_row, k, lo, hi = lines[0]
    return is_row, k, lo, hi


def _distance(cells, line: tuple) -> int:
    """How far the nearest cell is from a segment: across it, plus along it beyond its ends."""
    is_row, k, lo, hi = line
    best = None
    for i, j in cells:
        a, b = (i, j) if is_row else (j, i)
        d = abs(a - k) + max(lo - b, 0, b - hi)
        if best is None or d < best:
            best = d
    return best


@primitive("Grid, Int -> Grid")
def mirror_across_brackets(grid: Grid, colour: int) -> Grid:
    """Each 8-connected object of the other colours flipped over the longest line of the nearest one-colour object of the colour (a bracket's base), leaving its place."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    lines = [line for cells in components(grid, 0, True, True) if grid[cells[0][0]][cells[0][1]] == colour
             for line in (_base_line(cells),) if line is not None]
    if not lines:
        raise DSLError("domain", "no bracket of the colour")
    others = tuple(tuple(0 if v == colour else v for v in row) for row in grid)
    movers = components(others, 0, False, True)
    if not movers:
        raise DSLError("domain", "nothing to mirror")
    charge(len(lines) * sum(len(m) for m in movers))
    out = [list(row) for row in grid]
    for cells in movers:
        for i, j in cells:
            out[i][j] = 0
    for cells in movers:
        is_row, k, _, _ = min(lines, key=lambda line: _distance(cells, line))
        for i, j in cells:
            y, x = (2 * k - i, j) if is_row else (i, 2 * k - j)
            if 0 <= y < h and 0 <= x < w:
                out[y][x] = grid[i][j]
    return tuple(tuple(row) for row in out)
