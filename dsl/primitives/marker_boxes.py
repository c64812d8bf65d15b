"""Shapes drawn from markers: a plus at the centre of the ink, a frame just inside the box that a marker
colour's cells span, and the inked panel turned into the empty panels after it. Charges the run's budget
about one unit per cell (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.completion import _panel_boxes
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_colour


@primitive("Grid, Int -> Grid")
def centre_plus(grid: Grid, colour: int) -> Grid:
    """A plus (a cell and its 4 neighbours) of a colour drawn over the 0 cells at the centre of the ink's bounding box (both sides odd)."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(h * w)
    rows = [i for i, row in enumerate(grid) if any(row)]
    if not rows:
        raise DSLError("domain", "no ink")
    cols = [j for j in range(w) if any(grid[i][j] for i in rows)]
    top, bottom, left, right = rows[0], rows[-1], cols[0], cols[-1]
    if (bottom - top) % 2 or (right - left) % 2:
        raise DSLError("domain", "the ink's box has no centre cell")
    ci, cj = (top + bottom) // 2, (left + right) // 2
    out = [list(row) for row in grid]
    changed = False
    for i, j in ((ci, cj), (ci - 1, cj), (ci + 1, cj), (ci, cj - 1), (ci, cj + 1)):
        if 0 <= i < h and 0 <= j < w and not out[i][j]:
            out[i][j] = colour
            changed = True
    if not changed:
        raise DSLError("domain", "the centre is inked")
    return tuple(tuple(row) for row in out)


@primitive("Grid, Int -> Grid")
def frame_inside_markers(grid: Grid, marker: int) -> Grid:
    """The outline of the rectangle one cell inside the bounding box of the marker colour's cells, drawn over 0 cells in the most common other ink colour."""
    check_colour(marker)
    h, w = len(grid), len(grid[0])
    charge(h * w)
    if not marker:
        raise DSLError("domain", "the marker colour is 0")
    counts = [0] * 10
    for row in grid:
        for v in row:
            counts[v] += 1
    if counts[marker] < 2:
        raise DSLError("domain", "too few marker cells")
    others = [c for c in range(1, 10) if c != marker and counts[c]]
    if not others:
        raise DSLError("domain", "no other ink colour")
    paint = max(others, key=lambda c: (counts[c], -c))
    rows = [i for i, row in enumerate(grid) if marker in row]
    cols = [j for j in range(w) if any(grid[i][j] == marker for i in rows)]
    top, bottom, left, right = rows[0] + 1, rows[-1] - 1, cols[0] + 1, cols[-1] - 1
    if bottom - top < 2 or right - left < 2:
        raise DSLError("domain", "the markers span no frame")
    out = [list(row) for row in grid]
    for j in range(left, right + 1):
        for i in (top, bottom):
            if not out[i][j]:
                out[i][j] = paint
    for i in range(top, bottom + 1):
        for j in (left, right):
            if not out[i][j]:
                out[i][j] = paint
    return tuple(tuple(row) for row in out)


@primitive("Grid -> Grid")
def turn_into_panels(grid: Grid) -> Grid:
    """Each empty panel (see panels) after the first panel with ink takes that panel turned a quarter clockwise once more per panel between them."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    sep, boxes = _panel_boxes(grid)
    inked = [any(v and v != sep for row in grid[i0:i1] for v in row[j0:j1]) for i0, i1, j0, j1 in boxes]
    if True not in inked:
        raise DSLError("domain", "no panel with ink")
    first = inked.index(True)
    i0, i1, j0, j1 = boxes[first]
    source = tuple(row[j0:j1] for row in grid[i0:i1])
    if i1 - i0 != j1 - j0:
        raise DSLError("domain", "the panel is not square")
    out = [list(row) for row in grid]
    turned = source
    changed = False
    for k in range(first + 1, len(boxes)):
        turned = tuple(zip(*turned[::-1]))
        if inked[k]:
            continue
        b0, b1, c0, c1 = boxes[k]
        if (b1 - b0, c1 - c0) != (i1 - i0, j1 - j0):
            raise DSLError("domain", "panels of different shapes")
        for r in range(b1 - b0):
            out[b0 + r][c0:c1] = turned[r]
        changed = True
    if not changed:
        raise DSLError("domain", "no empty panel after the inked one")
    return tuple(tuple(row) for row in out)
