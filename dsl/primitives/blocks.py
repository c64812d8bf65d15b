"""Grids read as blocks of cells: equal square blocks pooled to one cell each, and panels (cut along full
separator lines) bridged like pixels.

Colour 0 is empty. Each primitive charges the run's budget about one unit per cell it visits
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import _separator, _spans
from dsl.registry import primitive
from dsl.values import DSLError, Grid


@primitive("Grid, Int -> Grid")
def pool_ink(grid: Grid, factor: int) -> Grid:
    """Scale down by a factor: each factor x factor block becomes its most common non-zero colour (0 if none)."""
    if type(factor) is not int or factor < 2:
        raise DSLError("domain", "factor must be an int >= 2")
    h, w = len(grid), len(grid[0])
    if h % factor or w % factor:
        raise DSLError("domain", "grid sides are not multiples of the factor")
    charge(h * w)
    out = []
    for i0 in range(0, h, factor):
        rows = grid[i0:i0 + factor]
        line = []
        for j0 in range(0, w, factor):
            counts = [0] * 10
            for row in rows:
                for v in row[j0:j0 + factor]:
                    counts[v] += 1
            counts[0] = 0
            best = max(range(10), key=lambda c: (counts[c], -c))
            line.append(best if counts[best] else 0)
        out.append(tuple(line))
    return tuple(out)


def _bridge_line(line: list) -> dict:
    """Index -> colour for the 0 entries between two consecutive equal non-zero entries of a line."""
    fills: dict = {}
    last = None
    for k, v in enumerate(line):
        if not v:
            continue
        if last is not None and line[last] == v:
            for m in range(last + 1, k):
                fills[m] = v
        last = k
    return fills


@primitive("Grid -> Grid")
def bridge_panels(grid: Grid) -> Grid:
    """Panels (see panels) as pixels: the empty panels between two consecutive same-colour panels of a panel row or column filled with that colour."""
    sep = _separator(grid)
    if sep is None:
        raise DSLError("domain", "grid has no separator lines")
    colour, rows, cols = sep
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    row_spans, col_spans = _spans(rows, h), _spans(cols, w)
    if len(row_spans) * len(col_spans) < 3:
        raise DSLError("domain", "too few panels")
    # A panel's colour: its most common colour other than 0 and the separators' (0 when it has none).
    table = []
    for i0, i1 in row_spans:
        line = []
        for j0, j1 in col_spans:
            counts = [0] * 10
            for row in grid[i0:i1]:
                for v in row[j0:j1]:
                    counts[v] += 1
            counts[0] = counts[colour] = 0
            best = max(range(10), key=lambda c: (counts[c], -c))
            line.append(best if counts[best] else 0)
        table.append(line)
    fills: dict = {}
    for r, line in enumerate(table):
        for k, v in _bridge_line(line).items():
            fills[(r, k)] = v
    for c in range(len(col_spans)):
        for k, v in _bridge_line([line[c] for line in table]).items():
            fills.setdefault((k, c), v)
    if not fills:
        return grid
    out = [list(row) for row in grid]
    for (r, c), v in fills.items():
        (i0, i1), (j0, j1) = row_spans[r], col_spans[c]
        for i in range(i0, i1):
            row = out[i]
            for j in range(j0, j1):
                if row[j] == 0:
                    row[j] = v
    return tuple(tuple(row) for row in out)
