"""Completing and filling: the missing quarter-turn images of the ink, a multicolour template copied onto the
one-colour objects of its shape, and panels (cut along full separator lines) filled solid with their ink colour.

Colour 0 is empty. Each primitive charges the run's budget about one unit per cell it visits
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import _separator, _spans, bounds, components, shape_key
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_colour

_MAX_ROTATION_WORK = 400_000


@primitive("Grid, Int -> Grid")
def complete_rotation(grid: Grid, colour: int) -> Grid:
    """Paint in a colour the 0 cells that the ink's quarter-turns (about the best-matching centre) cover, completing a 4-fold rotational symmetry."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(h * w)
    ink = [(i, j) for i in range(h) for j in range(w) if grid[i][j]]
    if len(ink) < 2:
        raise DSLError("domain", "too little ink")
    r0, c0, r1, c1 = bounds(ink)
    centres = [(a, b) for a in range(2 * r0, 2 * r1 + 1) for b in range(2 * c0, 2 * c1 + 1) if (a - b) % 2 == 0]
    if len(centres) * len(ink) > _MAX_ROTATION_WORK:
        raise DSLError("domain", "too much ink to search for a centre")
    charge(len(centres) * len(ink))
    best = None
    for a, b in centres:
        # A quarter turn about (a/2, b/2): (i, j) -> (a/2 + (j - b/2), b/2 - (i - a/2)).
        da, db = (a - b) // 2, (a + b) // 2
        hit = 0
        inside = True
        for i, j in ink:
            y, x = da + j, db - i
            if not (0 <= y < h and 0 <= x < w):
                inside = False
                break
            if grid[y][x]:
                hit += 1
        if not inside:
            continue
        key = (hit, -abs(a - r0 - r1) - abs(b - c0 - c1))
        if best is None or key > best[0]:
            best = (key, da, db)
    if best is None or best[0][0] * 2 < len(ink):
        raise DSLError("domain", "no rotation centre")
    _, da, db = best
    out = [list(row) for row in grid]
    for i, j in ink:
        y, x = i, j
        for _ in range(3):
            y, x = da + x, db - y
            if not (0 <= y < h and 0 <= x < w):
                raise DSLError("domain", "the turned ink leaves the grid")
            if not grid[y][x]:
                out[y][x] = colour
    return tuple(tuple(row) for row in out)


@primitive("Grid, Bool -> Grid")
def stamp_same_shape(grid: Grid, keep: bool) -> Grid:
    """Copy the template (4-connected object with the most colours, then cells) onto every 8-connected one-colour object of exactly its shape; the template itself is kept with the flag, else erased."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    objs = components(grid, 0, False, False)
    best = None
    for cells in objs:
        n = len({grid[i][j] for i, j in cells})
        if n > 1 and (best is None or (n, len(cells)) > best[0]):
            best = ((n, len(cells)), cells)
    if best is None:
        raise DSLError("domain", "no multicolour template")
    template = best[1]
    shape = shape_key(template)
    ti = min(i for i, _ in template)
    tj = min(j for _, j in template)
    out = [list(row) for row in grid]
    found = False
    for cells in components(grid, 0, True, True):
        if len(cells) != len(shape) or cells[0] in template:
            continue
        if shape_key(cells) != shape:
            continue
        found = True
        i0 = min(i for i, _ in cells)
        j0 = min(j for _, j in cells)
        for di, dj in shape:
            out[i0 + di][j0 + dj] = grid[ti + di][tj + dj]
    if not found:
        raise DSLError("domain", "no object of the template's shape")
    if not keep:
        for i, j in template:
            out[i][j] = 0
    return tuple(tuple(row) for row in out)


def _panel_boxes(grid: Grid) -> tuple:
    """The separator colour and the (i0, i1, j0, j1) boxes of the panels between full separator lines."""
    sep = _separator(grid)
    if sep is None:
        raise DSLError("domain", "grid has no separator lines")
    colour, rows, cols = sep
    boxes = [(i0, i1, j0, j1) for i0, i1 in _spans(rows, len(grid)) for j0, j1 in _spans(cols, len(grid[0]))]
    if len(boxes) < 2:
        raise DSLError("domain", "fewer than two panels")
    return colour, boxes


def _panel_ink(grid: Grid, sep: int, box: tuple) -> tuple:
    """(number of cells neither 0 nor the separator colour, the most common such colour or None)."""
    i0, i1, j0, j1 = box
    counts = [0] * 10
    for row in grid[i0:i1]:
        for v in row[j0:j1]:
            counts[v] += 1
    counts[0] = counts[sep] = 0
    top = max(range(10), key=lambda c: (counts[c], -c))
    return sum(counts), (top if counts[top] else None)


def _fill_panels(grid: Grid, only_max: bool) -> Grid:
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    sep, boxes = _panel_boxes(grid)
    info = [_panel_ink(grid, sep, box) for box in boxes]
    most = max(n for n, _ in info)
    if not most:
        raise DSLError("domain", "no ink in the panels")
    out = [list(row) for row in grid]
    for (i0, i1, j0, j1), (n, c) in zip(boxes, info):
        if only_max and n != most:
            c = 0
        if c is None:
            continue
        for i in range(i0, i1):
            for j in range(j0, j1):
                out[i][j] = c
    return tuple(tuple(row) for row in out)


@primitive("Grid -> Grid")
def fill_panels(grid: Grid) -> Grid:
    """Each panel (between full separator lines, see panels) with ink filled solid with its most common colour other than 0 and the separators'."""
    return _fill_panels(grid, False)


@primitive("Grid -> Grid")
def fill_max_panels(grid: Grid) -> Grid:
    """The panels (see panels) with the most cells neither 0 nor separator filled solid with their most common such colour, the others cleared to 0."""
    return _fill_panels(grid, True)


def _extend_rows(rows: list) -> bool:
    """Complete in place the partial rows after the first full many-colour row; False when there is none."""
    template = next((r for r in rows if 0 not in r and len(set(r)) > 1), None)
    if template is None:
        return False
    changed = False
    for k, row in enumerate(rows):
        if row is template or not any(row) or 0 not in row:
            continue
        mapping: dict = {}
        ok = True
        for t, v in zip(template, row):
            if v:
                if mapping.setdefault(t, v) != v:
                    ok = False
                    break
        if not ok:
            continue
        new = tuple(v if v else mapping.get(t, 0) for t, v in zip(template, row))
        if new != row:
            rows[k] = new
            changed = True
    return changed


@primitive("Grid -> Grid")
def extend_like_template(grid: Grid) -> Grid:
    """Each partly filled row completed like the first full many-colour row, through the colour map its filled cells define (columns when no row is full)."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    rows = list(grid)
    if _extend_rows(rows):
        return tuple(rows)
    cols = list(zip(*grid))
    if _extend_rows(cols):
        return tuple(zip(*cols))
    raise DSLError("domain", "no template row or column to complete from")
