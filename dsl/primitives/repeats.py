"""Patterns continued from partial copies: a template object repeated, step after step, in the direction of
each small marker piece that matches part of a copy of it, in the marker's colour; and diagonal segments
extended as rays that bounce off the ink they meet. Charges the run's budget about one unit per cell it touches
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.geometry import _sign
from dsl.primitives.structure import bounds
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_colour

_EIGHT = ((-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1))


def _background(grid: Grid) -> int:
    counts = [0] * 10
    for row in grid:
        for c in set(row):
            counts[c] += row.count(c)
    return max(range(10), key=lambda c: (counts[c], -c))


def _colour_objects(grid: Grid, skip: int) -> list:
    """One-colour 8-connected components of the cells not of colour ``skip``, as (colour, set of (i, j))."""
    h, w = len(grid), len(grid[0])
    seen = [[False] * w for _ in range(h)]
    out = []
    for i0 in range(h):
        row = grid[i0]
        for j0 in range(w):
            c = row[j0]
            if c == skip or seen[i0][j0]:
                continue
            seen[i0][j0] = True
            stack = [(i0, j0)]
            comp = set()
            while stack:
                i, j = stack.pop()
                comp.add((i, j))
                for di, dj in _EIGHT:
                    a, b = i + di, j + dj
                    if 0 <= a < h and 0 <= b < w and not seen[a][b] and grid[a][b] == c:
                        seen[a][b] = True
                        stack.append((a, b))
            out.append((c, comp))
    return out


@primitive("Grid, Bool -> Grid")
def repeat_toward_markers(grid: Grid, gap: bool) -> Grid:
    """The largest one-colour object repeated to the border in each other piece's colour and direction, from the first copy clear of it (one cell apart with the flag), which must hold the piece."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    bg = _background(grid)
    objs = _colour_objects(grid, bg)
    if len(objs) < 2:
        raise DSLError("domain", "no template and marker")
    objs.sort(key=lambda o: -len(o[1]))
    if len(objs[0][1]) == len(objs[1][1]):
        raise DSLError("domain", "no unique largest object")
    tcol, template = objs[0]
    t0, l0, b0, r0 = bounds(template)
    out = [list(row) for row in grid]
    drew = False
    for colour, marker in objs[1:]:
        if colour == tcol:
            raise DSLError("domain", "a piece of the template's colour")
        m0, n0, m1, n1 = bounds(marker)
        di = _sign((m0 + m1) - (t0 + b0))
        dj = _sign((n0 + n1) - (l0 + r0))
        if not (di or dj):
            raise DSLError("domain", "a piece in the middle of the template")
        step = None
        for k in range(1, max(h, w) + 1):
            si, sj = k * di, k * dj
            copy = {(i + si, j + sj) for i, j in template}
            if gap:
                if not (t0 + si > b0 + 1 or b0 + si < t0 - 1 or l0 + sj > r0 + 1 or r0 + sj < l0 - 1):
                    continue
            elif copy & template:
                continue
            if marker <= copy:  # the first copy clear of the template must hold the piece
                step = (si, sj)
            break
        if step is None:
            raise DSLError("domain", "a piece that matches no copy of the template")
        si, sj = step
        k = 1
        while True:
            cells = [(i + k * si, j + k * sj) for i, j in template]
            inside = [(a, b) for a, b in cells if 0 <= a < h and 0 <= b < w]
            if not inside:
                break
            charge(len(cells))
            for a, b in inside:
                if out[a][b] == bg:
                    out[a][b] = colour
                    drew = True
            k += 1
    if not drew:
        raise DSLError("domain", "nothing to repeat")
    return tuple(tuple(row) for row in out)


def _diagonal_segments(grid: Grid) -> list:
    """The one-colour 8-connected objects of two or more cells that lie on one diagonal, as (colour, cells)."""
    out = []
    for colour, comp in _colour_objects(grid, 0):
        if len(comp) < 2:
            continue
        if len({i - j for i, j in comp}) == 1 or len({i + j for i, j in comp}) == 1:
            out.append((colour, sorted(comp)))
    return out


@primitive("Grid, Int -> Grid")
def bounce_diagonals(grid: Grid, colour: int) -> Grid:
    """Every diagonal segment extended from both ends over 0 cells in a colour (0: its own), bouncing off the ink it meets, until it leaves the grid."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    segments = _diagonal_segments(grid)
    if not segments:
        raise DSLError("domain", "no diagonal segment")
    out = [list(row) for row in grid]
    drew = False

    def ink(a: int, b: int) -> bool:
        return 0 <= a < h and 0 <= b < w and grid[a][b] != 0

    for own, cells in segments:
        paint = colour or own
        (i0, j0), (i1, j1) = cells[0], cells[-1]
        di, dj = _sign(i1 - i0), _sign(j1 - j0)
        for (i, j), (si, sj) in (((i1, j1), (di, dj)), ((i0, j0), (-di, -dj))):
            seen = set()
            while (i, j, si, sj) not in seen:
                seen.add((i, j, si, sj))
                a, b = i + si, j + sj
                if not (0 <= a < h and 0 <= b < w):
                    break
                if grid[a][b]:
                    side_i, side_j = ink(i + si, j), ink(i, j + sj)
                    if side_i == side_j:
                        break  # a corner or a lone cell: no clear wall to bounce off
                    if side_i:
                        si = -si
                    else:
                        sj = -sj
                    continue
                i, j = a, b
                charge(1)
                if not out[i][j]:
                    out[i][j] = paint
                    drew = True
    if not drew:
        raise DSLError("domain", "no ray to draw")
    return tuple(tuple(row) for row in out)


@primitive("Grid, Int -> Grid")
def corner_diagonals(grid: Grid, colour: int) -> Grid:
    """The largest one-colour filled rectangle (at least 2x2) shoots diagonal rays out of its four corners over 0 cells, in a colour (0: its own)."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    best, tie = None, False
    for own, cells in _colour_objects(grid, 0):
        top, left, bottom, right = bounds(cells)
        area = (bottom - top + 1) * (right - left + 1)
        if bottom == top or right == left or len(cells) != area:
            continue
        if best is None or area > best[0]:
            best, tie = (area, own, top, left, bottom, right), False
        elif area == best[0]:
            tie = True
    if best is None or tie:
        raise DSLError("domain", "no unique largest filled rectangle")
    _, own, top, left, bottom, right = best
    paint = colour or own
    out = [list(row) for row in grid]
    drew = False
    for i, j, di, dj in ((top - 1, left - 1, -1, -1), (top - 1, right + 1, -1, 1),
                         (bottom + 1, left - 1, 1, -1), (bottom + 1, right + 1, 1, 1)):
        while 0 <= i < h and 0 <= j < w and grid[i][j] == 0:
            out[i][j] = paint
            drew = True
            i += di
            j += dj
    charge(h + w)
    if not drew:
        raise DSLError("domain", "no room for a ray")
    return tuple(tuple(row) for row in out)
