"""Panels of a grid of full separator lines marked by their place in the layout, for a colour map to finish:
each row of panels is the first, the centre (odd counts only) or the last, and so is each column of panels.
Charges the run's budget about one unit per cell (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, Grid

# (row place, column place) of the coded panels (0 first, 1 centre, 2 last), in the order of their code colours;
# the two remaining corners (first row and last column, last row and first column) stay uncoded, since with 0
# and the separators' colour the palette has room for seven codes only.
_CODED = ((0, 0), (0, 1), (1, 0), (1, 1), (1, 2), (2, 1), (2, 2))


def _spans(n: int, cuts: set) -> list:
    """The (start, stop) runs of the indices 0..n-1 outside the cuts."""
    out, start = [], None
    for k in range(n + 1):
        if k == n or k in cuts:
            if start is not None:
                out.append((start, k))
                start = None
        elif start is None:
            start = k
    return out


def _place(k: int, n: int) -> int:
    """0 for the first of n, 2 for the last, 1 for the centre of an odd count, -1 otherwise."""
    if k == 0:
        return 0
    if k == n - 1:
        return 2
    return 1 if n % 2 and k == n // 2 else -1


@primitive("Grid -> Grid")
def panel_positions(grid: Grid) -> Grid:
    """The 0 cells of each panel (between full lines of one colour) painted with a code colour for its place: first, centre or last row of panels by first, centre or last column."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    rows = {i for i, row in enumerate(grid) if row[0] and row.count(row[0]) == w}
    cols = {j for j in range(w) if grid[0][j] and all(row[j] == grid[0][j] for row in grid)}
    lines = {grid[i][0] for i in rows} | {grid[0][j] for j in cols}
    if not rows or not cols or len(lines) != 1:
        raise DSLError("domain", "no grid of one colour's full lines")
    sep = lines.pop()
    row_spans, col_spans = _spans(h, rows), _spans(w, cols)
    if len(row_spans) < 3 or len(col_spans) < 3:
        raise DSLError("domain", "fewer than three panels a side")
    palette = [c for c in range(1, 10) if c != sep]
    codes = {place: palette[k] for k, place in enumerate(_CODED)}
    out = [list(row) for row in grid]
    painted = False
    for r, (top, bottom) in enumerate(row_spans):
        pr = _place(r, len(row_spans))
        for c, (left, right) in enumerate(col_spans):
            code = codes.get((pr, _place(c, len(col_spans))))
            if code is None:
                continue
            for i in range(top, bottom):
                row = out[i]
                for j in range(left, right):
                    if not row[j]:
                        row[j] = code
                        painted = True
    if not painted:
        raise DSLError("domain", "no empty cell in a coded panel")
    return tuple(tuple(row) for row in out)
