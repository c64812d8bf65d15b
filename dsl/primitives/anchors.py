"""Marker-anchored selections and moves: the object a marker colour touches, lone pixels that travel to the wall
of their own colour, panel layouts read as a zoomed-out image of one of their panels, the one-colour
rectangular frames of a grid, and its middle line.

Colour 0 is empty. Panels are the blocks between full rows and columns of one non-zero colour (as in
``copy_panel``). Each primitive charges the run's budget about one unit per cell it visits
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.patterns import _separators, _spans
from dsl.primitives.structure import bounds, components
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_colour

_FOUR = ((-1, 0), (1, 0), (0, -1), (0, 1))


def _marked(grid: Grid, colour: int) -> list:
    """The cells of the one 8-connected object that cells of the (ink) colour touch."""
    check_colour(colour)
    charge(len(grid) * len(grid[0]))
    if not colour:
        raise DSLError("domain", "the marker colour must be ink")
    found = None
    for cells in components(grid, 0, False, True):
        if any(grid[i][j] == colour for i, j in cells):
            if found is not None:
                raise DSLError("domain", "more than one marked object")
            found = cells
    if found is None:
        raise DSLError("empty", "no cell of the marker colour")
    return found


@primitive("Grid, Int -> Grid")
def marked_object(grid: Grid, colour: int) -> Grid:
    """The crop of the one 8-connected object that cells of the colour touch, without those marker cells."""
    found = _marked(grid, colour)
    body = [(i, j) for i, j in found if grid[i][j] != colour]
    if not body:
        raise DSLError("empty", "the marker touches nothing")
    r0, c0, r1, c1 = bounds(body)
    rows = [[0] * (c1 - c0 + 1) for _ in range(r1 - r0 + 1)]
    for i, j in body:
        rows[i - r0][j - c0] = grid[i][j]
    return tuple(tuple(r) for r in rows)


@primitive("Grid, Int -> Grid")
def marked_object_whole(grid: Grid, colour: int) -> Grid:
    """The crop of the one 8-connected object that cells of the colour touch, the marker cells painted in the object's main colour."""
    found = _marked(grid, colour)
    counts = [0] * 10
    for i, j in found:
        counts[grid[i][j]] += 1
    counts[colour] = 0
    main = max(range(10), key=lambda c: (counts[c], -c))
    if not counts[main]:
        raise DSLError("empty", "the marker touches nothing")
    r0, c0, r1, c1 = bounds(found)
    rows = [[0] * (c1 - c0 + 1) for _ in range(r1 - r0 + 1)]
    for i, j in found:
        v = grid[i][j]
        rows[i - r0][j - c0] = main if v == colour else v
    return tuple(tuple(r) for r in rows)


@primitive("Grid -> Grid")
def home_pixels(grid: Grid) -> Grid:
    """Each lone pixel moves straight next to the nearest in-line larger object of its colour; the others vanish."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    lone = set()
    for cells in components(grid, 0, False, True):
        if len(cells) == 1:
            lone.add(cells[0])
    if not lone or len(lone) == sum(1 for row in grid for v in row if v):
        raise DSLError("domain", "no lone pixels beside larger objects")
    charge(len(lone) * 2 * (h + w))
    out = [list(row) for row in grid]
    for i, j in lone:
        out[i][j] = 0
    for i, j in sorted(lone):
        c = grid[i][j]
        best = None
        for di, dj in _FOUR:
            y, x, k = i + di, j + dj, 0
            while 0 <= y < h and 0 <= x < w and (grid[y][x] == 0 or (y, x) in lone):
                y, x, k = y + di, x + dj, k + 1
            if 0 <= y < h and 0 <= x < w and grid[y][x] == c and (best is None or k < best[0]):
                best = (k, y - di, x - dj)
        if best is not None:
            out[best[1]][best[2]] = c
    return tuple(tuple(r) for r in out)


def _panel_layout(grid: Grid) -> tuple:
    """(row spans, column spans) of the panels, which must be equal-shaped and as many (rows x columns) as each
    panel has cells (rows x columns)."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    rows = _spans(h, _separators(grid))
    cols = _spans(w, _separators(list(zip(*grid))))
    if len(rows) < 2 or len(cols) < 2 or len({b - a for a, b in rows}) != 1 or len({b - a for a, b in cols}) != 1:
        raise DSLError("domain", "no grid of equal panels")
    if rows[0][1] - rows[0][0] != len(rows) or cols[0][1] - cols[0][0] != len(cols):
        raise DSLError("domain", "the panel count differs from the panel shape")
    return rows, cols


@primitive("Grid, Bool -> Grid")
def spread_panel(grid: Grid, most: bool) -> Grid:
    """Every panel filled with the colour of its cell in the panel with the least (most with the flag) ink."""
    rows, cols = _panel_layout(grid)
    inks = {}
    for p, (a, b) in enumerate(rows):
        for q, (c, d) in enumerate(cols):
            inks[p, q] = sum(1 for i in range(a, b) for j in range(c, d) if grid[i][j])
    pick = max(inks.values()) if most else min(inks.values())
    chosen = [k for k, v in inks.items() if v == pick]
    if len(chosen) != 1:
        raise DSLError("domain", "no unique panel")
    a0, c0 = rows[chosen[0][0]][0], cols[chosen[0][1]][0]
    out = [list(row) for row in grid]
    for p, (a, b) in enumerate(rows):
        for q, (c, d) in enumerate(cols):
            v = grid[a0 + p][c0 + q]
            for i in range(a, b):
                out[i][c:d] = [v] * (d - c)
    return tuple(tuple(r) for r in out)


@primitive("Grid, Int -> Grid")
def place_marked_panel(grid: Grid, colour: int) -> Grid:
    """The one panel holding the colour moved to the panel at that cell's place within it; other panels cleared."""
    check_colour(colour)
    if not colour:
        raise DSLError("domain", "the marker colour must be ink")
    rows, cols = _panel_layout(grid)
    hits = [(p, q, i - a, j - c) for p, (a, b) in enumerate(rows) for q, (c, d) in enumerate(cols)
            for i in range(a, b) for j in range(c, d) if grid[i][j] == colour]
    if len(hits) != 1:
        raise DSLError("domain", "the marker colour is not one cell")
    p, q, ti, tj = hits[0]
    a0, c0 = rows[p][0], cols[q][0]
    a1, c1 = rows[ti][0], cols[tj][0]
    ph, pw = rows[0][1] - rows[0][0], cols[0][1] - cols[0][0]
    out = [list(row) for row in grid]
    for a, b in rows:
        for c, d in cols:
            for i in range(a, b):
                out[i][c:d] = [0] * (d - c)
    for i in range(ph):
        for j in range(pw):
            out[a1 + i][c1 + j] = grid[a0 + i][c0 + j]
    return tuple(tuple(r) for r in out)


@primitive("Grid -> Tup[Grid]")
def frame_boxes(grid: Grid) -> tuple:
    """The subgrids of the rectangles (at least 3x3) whose whole border is one 4-connected colour, in reading order."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    out = []
    for cells in components(grid, 0, True, False):
        if len(cells) < 8:
            continue
        r0, c0, r1, c1 = bounds(cells)
        if r1 - r0 < 2 or c1 - c0 < 2:
            continue
        c = grid[cells[0][0]][cells[0][1]]
        charge(2 * (r1 - r0 + c1 - c0))
        if all(grid[r0][j] == c and grid[r1][j] == c for j in range(c0, c1 + 1)) and \
                all(grid[i][c0] == c and grid[i][c1] == c for i in range(r0, r1 + 1)):
            out.append(tuple(row[c0:c1 + 1] for row in grid[r0:r1 + 1]))
    if not out:
        raise DSLError("empty", "no one-colour rectangular frame")
    return tuple(out)


@primitive("Grid, Bool -> Grid")
def keep_centre_line(grid: Grid, vertical: bool) -> Grid:
    """Only the middle column (with the flag) or row of the grid kept, the rest 0; that side must be odd."""
    h, w = len(grid), len(grid[0])
    n = w if vertical else h
    if n % 2 == 0:
        raise DSLError("domain", "no middle line")
    charge(h * w)
    m = n // 2
    if vertical:
        return tuple(tuple(v if j == m else 0 for j, v in enumerate(row)) for row in grid)
    return tuple(row if i == m else (0,) * w for i, row in enumerate(grid))
