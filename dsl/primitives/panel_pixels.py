"""Grids cut by separator lines into one-colour panels, read as pixels: a pixel-level primitive applied to the
table of panel colours, and the panels whose colour changed repainted. Charges the run's budget about one unit
per cell it touches (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from typing import Callable

from dsl.budget import charge
from dsl.primitives.structure import _separator, _spans
from dsl.registry import primitive
from dsl.values import DSLError, Grid


@primitive("Grid, Fn[Grid -> Grid] -> Grid")
def on_panels(grid: Grid, f: Callable) -> Grid:
    """Apply a grid function to the one-colour panels (see panels) read as one pixel each, and repaint the panels it changed."""
    sep = _separator(grid)
    if sep is None:
        raise DSLError("domain", "grid has no separator lines")
    _, rows, cols = sep
    h, w = len(grid), len(grid[0])
    charge(h * w)
    row_spans, col_spans = _spans(rows, h), _spans(cols, w)
    if len(row_spans) * len(col_spans) < 4:
        raise DSLError("domain", "too few panels")
    table = []
    for i0, i1 in row_spans:
        line = []
        for j0, j1 in col_spans:
            first = grid[i0][j0]
            block = grid[i0][j0:j1]
            if block.count(first) != j1 - j0 or any(row[j0:j1] != block for row in grid[i0 + 1:i1]):
                raise DSLError("domain", "a panel of more than one colour")
            line.append(first)
        table.append(tuple(line))
    table = tuple(table)
    new = f(table)
    if len(new) != len(table) or any(len(a) != len(b) for a, b in zip(new, table)):
        raise DSLError("domain", "the function changed the panel table's shape")
    if new == table:
        raise DSLError("domain", "no panel changed")
    out = [list(row) for row in grid]
    for (i0, i1), old_line, new_line in zip(row_spans, table, new):
        for (j0, j1), a, b in zip(col_spans, old_line, new_line):
            if a != b:
                for i in range(i0, i1):
                    out[i][j0:j1] = [b] * (j1 - j0)
    return tuple(tuple(row) for row in out)
