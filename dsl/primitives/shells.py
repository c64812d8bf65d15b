"""Corners and cuts: nested L-shaped shells around the top-left corner (a cell's shell is max(row, column)),
their colours read down the main diagonal and repeated over a larger shape; the ink cut into 2x2 squares and
1x3 bars; solid rectangles flinging blocks out of their corners; lines hung from an object through the pixels
in its shadow; square rings spaced like three pixels on a line. Charges about one unit per cell
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import bounds, components
from dsl.registry import primitive
from dsl.values import DSLError, Grid, Vec, check_grid_size


@primitive("Grid, Vec -> Grid")
def corner_shells(grid: Grid, shape: Vec) -> Grid:
    """The colours down the main diagonal up to its first 0 repeated as nested L-shaped shells around the top-left corner (cell (i, j) in shell max(i, j)) over a shape; the grid's ink must already follow them."""
    if type(shape) is not tuple or len(shape) != 2:
        raise DSLError("domain", f"{shape!r} is not a shape")
    h, w = shape
    check_grid_size(h, w)
    charge(len(grid) * len(grid[0]) + h * w)
    colours = []
    for k in range(min(len(grid), len(grid[0]))):
        if not grid[k][k]:
            break
        colours.append(grid[k][k])
    if len(set(colours)) < 2:
        raise DSLError("domain", "fewer than two shell colours on the diagonal")
    p = len(colours)
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            if v and v != colours[max(i, j) % p]:
                raise DSLError("domain", "ink off the shells")
    return tuple(tuple(colours[max(i, j) % p] for j in range(w)) for i in range(h))


_SQUARE = ((0, 0), (0, 1), (1, 0), (1, 1))
_BARS = (((0, 0), (0, 1), (0, 2)), ((0, 0), (1, 0), (2, 0)))
_MAX_TRIES = 20000


@primitive("Grid -> Grid")
def square_bar_cover(grid: Grid) -> Grid:
    """The ink cut exactly into 2x2 squares (painted 1) and straight 1x3 bars (painted 2), squares preferred, cells taken in reading order; an error if no cut exists."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    ink = {(i, j) for i in range(h) for j in range(w) if grid[i][j]}
    if not ink:
        raise DSLError("empty", "a grid without ink")
    cells = sorted(ink)
    label: dict = {}
    pieces = ((1, _SQUARE),) + tuple((2, bar) for bar in _BARS)
    tries = 0
    # Depth-first over the first free cell in reading order: it is the top-left cell of the piece that takes it.
    stack = [(0, 0)]  # (index of the free cell, next piece to try there)
    placed: list = []
    while stack:
        k, choice = stack[-1]
        while k < len(cells) and cells[k] in label:
            k += 1
        if k == len(cells):
            break
        i, j = cells[k]
        for n in range(choice, len(pieces)):
            code, offsets = pieces[n]
            pts = [(i + a, j + b) for a, b in offsets]
            if all(p in ink and p not in label for p in pts):
                tries += 1
                if tries > _MAX_TRIES:
                    raise DSLError("limit", "too many cuts tried")
                charge(4)
                for p in pts:
                    label[p] = code
                stack[-1] = (k, n + 1)
                placed.append(pts)
                stack.append((k + 1, 0))
                break
        else:
            stack.pop()  # no piece fits this cell: undo the piece placed before it
            if not placed:
                raise DSLError("domain", "the ink has no cut into squares and bars")
            for p in placed.pop():
                del label[p]
    out = [[0] * w for _ in range(h)]
    for (i, j), code in label.items():
        out[i][j] = code
    return tuple(map(tuple, out))


@primitive("Grid -> Grid")
def opposite_corner_blocks(grid: Grid) -> Grid:
    """Each solid rectangle of ink (at least 2x2, two or more colours) flings its corners out: a block of its size diagonally outside each corner, in the colour of the opposite corner cell, painted on 0 cells."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    out = [list(row) for row in grid]
    found = False
    for comp in components(grid, 0, False, True):
        top, left, bottom, right = bounds(comp)
        bh, bw = bottom - top + 1, right - left + 1
        if bh < 2 or bw < 2 or len(comp) != bh * bw or len({grid[i][j] for i, j in comp}) < 2:
            continue
        found = True
        charge(4 * bh * bw)
        corners = ((top, left, -1, -1), (top, right, -1, 1), (bottom, left, 1, -1), (bottom, right, 1, 1))
        for i, j, di, dj in corners:
            colour = grid[top + bottom - i][left + right - j]
            # The block's cell nearest the corner is diagonal to it; the block extends away from the rectangle.
            for a in range(bh):
                for b in range(bw):
                    y, x = i + di * (1 + a), j + dj * (1 + b)
                    if 0 <= y < h and 0 <= x < w and not grid[y][x]:
                        out[y][x] = colour
    if not found:
        raise DSLError("domain", "no solid rectangle of several colours")
    return tuple(map(tuple, out))


@primitive("Grid, Vec -> Grid")
def shadow_curtains(grid: Grid, direction: Vec) -> Grid:
    """On a grid of one object and pixels of one other colour, each pixel with the object behind it (against a direction) draws a line of its colour from just past the object to the edge, on 0 cells."""
    if direction not in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        raise DSLError("domain", f"{direction!r} is not one of the four directions")
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    comps = components(grid, 0, True, True)
    if len(comps) < 2:
        raise DSLError("domain", "no object and pixels")
    block = max(comps, key=len)
    if len(block) < 2:
        raise DSLError("domain", "no object larger than a pixel")
    inside = set(block)
    colour = grid[block[0][0]][block[0][1]]
    # An object and scattered pixels of one other colour (each cell of that colour is a pixel): nothing else.
    pixels = [(i, j) for i, row in enumerate(grid) for j, v in enumerate(row) if v and v != colour]
    if not pixels or len({grid[i][j] for i, j in pixels}) != 1:
        raise DSLError("domain", "not one object and pixels of one other colour")
    di, dj = direction
    out = [list(row) for row in grid]
    drew = False
    for i0, j0 in pixels:
        paint = grid[i0][j0]
        i, j = i0 - di, j0 - dj
        while 0 <= i < h and 0 <= j < w and (i, j) not in inside and grid[i][j] in (0, paint):
            i, j = i - di, j - dj
        charge(max(h, w))
        if (i, j) not in inside:
            continue
        drew = True
        i, j = i + di, j + dj
        while 0 <= i < h and 0 <= j < w:
            if not grid[i][j]:
                out[i][j] = paint
            i, j = i + di, j + dj
    if not drew:
        raise DSLError("domain", "no pixel in an object's shadow")
    return tuple(map(tuple, out))


@primitive("Grid -> Grid")
def spaced_square_rings(grid: Grid) -> Grid:
    """Three pixels of one colour equally spaced on a line (the only ink) become the square rings around the middle one at every multiple of their spacing, over the whole grid."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    ink = [(i, j) for i, row in enumerate(grid) for j, v in enumerate(row) if v]
    if len(ink) != 3 or len({grid[i][j] for i, j in ink}) != 1:
        raise DSLError("domain", "not three pixels of one colour")
    (a, b), (ci, cj), (e, f) = sorted(ink)
    if ci - a != e - ci or cj - b != f - cj:
        raise DSLError("domain", "the pixels are not equally spaced on a line")
    step = max(abs(ci - a), abs(cj - b))
    colour = grid[ci][cj]
    return tuple(tuple(colour if max(abs(i - ci), abs(j - cj)) % step == 0 else 0 for j in range(w))
                 for i in range(h))
