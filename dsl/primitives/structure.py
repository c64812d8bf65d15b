"""Structure-level operations: symmetry, gravity, flood fill, panels, holes, periods, stacking.

Conventions: "h" means the horizontal direction (along a row, columns vary; a left-right mirror), "v" the
vertical one (along a column, rows vary; a top-bottom mirror). The background of a grid is its most common
colour, ties going to the smallest colour.
"""

from __future__ import annotations

import re
from functools import lru_cache
from math import gcd

from dsl.background import background, background_of_bytes
from dsl.primitives.objects import _IJ, _flat_bytes, _grid_bytes, run_groups
from dsl.registry import primitive
from dsl.values import DSLError, Grid, Indices, Object, Vec, check_colour, check_container_size, check_grid_size

_DIRECTIONS = ((1, 0), (-1, 0), (0, 1), (0, -1))
_NEIGHBOURS = ((1, 0), (-1, 0), (0, 1), (0, -1))


# ----------------------------------------------------------------------------------------------------------
# Private helpers


def _background(grid: Grid) -> int:
    """The most common colour of a grid, ties to the smallest colour."""
    return background(grid)


def _transpose(grid: Grid) -> Grid:
    return tuple(zip(*grid))


_COLOUR_BYTES = tuple(bytes([c]) for c in range(10))

#: ``_ONLY[c]``: a bytes translation table keeping colour ``c`` as 0 and turning the other colours into 1.
_ONLY = tuple(bytes(0 if b == c else 255 if b == 255 else 1 for b in range(256)) for c in range(10))


def colour_regions(grid: Grid, colour: int, diagonal: bool = False) -> tuple:
    """The 4-connected (8 with ``diagonal``) regions of ``colour`` cells as ``(groups, runs)`` (see
    ``objects.run_groups``).

    The grid's bytes are masked to ``colour`` (0) against the rest (1), so only the colour's row runs are
    labelled (in C by a regex) and joined."""
    return run_groups(_grid_bytes(grid).translate(_ONLY[colour]), len(grid[0]) + 1, False, diagonal, 1)


#: ``_BITS[c]``: a bytes translation table turning colour ``c`` into ``b"1"`` and every other byte into ``b"0"``.
_BITS = tuple(bytes(49 if b == c else 48 for b in range(256)) for c in range(10))
_ONE_RUNS = re.compile("1+")


def border_bits(width: int, height: int, stride: int) -> int:
    """The border cells of a ``width`` x ``height`` bit grid whose rows are ``stride`` bits apart."""
    row = (1 << width) - 1
    column = ((1 << (stride * height)) - 1) // ((1 << stride) - 1)  # bit 0 of every row
    return row | (row << (stride * (height - 1))) | column | (column << (width - 1))


def flood_bits(reach: int, free: int, stride: int) -> int:
    """``reach`` grown 4-connected through the ``free`` bits of a bit grid (rows ``stride`` bits apart, with a
    never-free bit between rows) until it stops: a flood fill, one shift per direction for all cells at once."""
    while True:
        grown = (reach | (reach << 1) | (reach >> 1) | (reach << stride) | (reach >> stride)) & free
        if grown == reach:
            return reach
        reach = grown


def _enclosed_runs(grid: Grid, colour: int) -> list:
    """The row runs ``(j0, j1, _, _, i)`` of the ``colour`` cells not 4-connected to the border through ``colour``.

    The ``colour`` cells are a bit mask (a bit per cell, rows ``w + 1`` bits apart with a never-set bit
    between them), flooded bit-parallel from the border cells; the runs of the cells it misses are read
    off the mask's binary digits."""
    h, w = len(grid), len(grid[0])
    stride = w + 1
    free = int(_grid_bytes(grid)[::-1].translate(_BITS[colour]), 2)  # bit i * stride + j: cell (i, j)
    enclosed = free ^ flood_bits(free & border_bits(w, h, stride), free, stride)
    if not enclosed:
        return []
    out = []
    for m in _ONE_RUNS.finditer(format(enclosed, "b")[::-1]):
        a, b = m.span()
        i = a // stride
        out.append((a - i * stride, b - i * stride, colour, 0, i))
    return out


@lru_cache(maxsize=256)
def components(grid: Grid, bg: int, univalued: bool = False, diagonal: bool = False) -> tuple:
    """Connected components of the cells other than ``bg`` (-1: every cell), 4-connected (8 with ``diagonal``),
    multicolour or single-colour with ``univalued``, as tuples of (i, j) in row-major order, ordered by their
    first cell.

    Cached (a search asks for the same grid's components from many transforms); the result is immutable.
    Labelled by row runs with the union-find of ``objects`` (a per-cell flood fill was the hot spot)."""
    return group_cells(*component_runs(grid, bg, univalued, diagonal))


@lru_cache(maxsize=256)
def component_runs(grid: Grid, bg: int, univalued: bool = False, diagonal: bool = False) -> tuple:
    """:func:`components` as ``(groups, runs)`` of row runs (see ``objects.run_groups``); cached, read-only.
    Pass all four arguments positionally, as :func:`components` does, to share its cache entries."""
    groups, runs = run_groups(_grid_bytes(grid), len(grid[0]) + 1, univalued, diagonal, bg)
    return tuple(groups), runs


def group_cells(groups: list, runs: list) -> tuple:
    """Each group of row runs (from ``run_groups`` or :func:`colour_regions`) as a tuple of its (i, j) cells."""
    out = []
    for g in groups:
        if len(g) == 1:
            j0, j1, _, _, i = runs[g[0]]
            out.append(_IJ[i][j0:j1])
        else:
            cells: list = []
            for x in g:
                j0, j1, _, _, i = runs[x]
                cells += _IJ[i][j0:j1]
            out.append(tuple(cells))
    return tuple(out)


# The eight rigid motions of the plane as maps of (i, j), identity first.
MOTIONS = (
    lambda i, j: (i, j), lambda i, j: (i, -j), lambda i, j: (-i, j), lambda i, j: (-i, -j),
    lambda i, j: (j, i), lambda i, j: (j, -i), lambda i, j: (-j, i), lambda i, j: (-j, -i),
)


def largest_rect(grid: Grid, colour=None):
    """(top, left, bottom, right) of the largest-area one-colour rectangle at least 2x2, first in reading order:
    of ``colour``, or of any non-zero colour when it is None; None if there is none."""
    h, w = len(grid), len(grid[0])
    up = [0] * w  # up[j]: the run of cells of grid[i][j]'s colour ending at row i
    best = (0, 0, 0, 0, 0)  # area, top, left, bottom, right
    for i in range(h):
        row = grid[i]
        for j in range(w):
            up[j] = up[j] + 1 if i and row[j] == grid[i - 1][j] else 1
        for left in range(w - 1):
            c = row[left]
            low = up[left]
            if (c == 0 if colour is None else c != colour) or low < 2:
                continue
            for right in range(left + 1, w):
                if row[right] != c:
                    break
                low = min(low, up[right])
                if low < 2:
                    break
                area = low * (right - left + 1)
                if area > best[0]:
                    best = (area, i - low + 1, left, i, right)
    return best[1:] if best[0] else None


def bounds(cells) -> tuple:
    """(top, left, bottom, right) of a non-empty collection of (i, j) cells, inclusive."""
    rows = [i for i, _ in cells]
    cols = [j for _, j in cells]
    return min(rows), min(cols), max(rows), max(cols)


def colour_bounds(grid) -> dict:
    """(top, left, bottom, right) of each non-zero colour's cells, the colours in order of first appearance."""
    boxes: dict = {}
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            if v:
                b = boxes.get(v)
                boxes[v] = (i, j, i, j) if b is None else (min(b[0], i), min(b[1], j), max(b[2], i), max(b[3], j))
    return boxes


def shape_key(cells) -> tuple:
    """The cells moved so their bounding box starts at (0, 0), sorted: equal for same-shaped objects."""
    i0 = min(i for i, _ in cells)
    j0 = min(j for _, j in cells)
    return tuple(sorted((i - i0, j - j0) for i, j in cells))


def zero_regions(grid: Grid, diagonal: bool = False) -> tuple:
    """The connected regions of 0 cells (see :func:`components`)."""
    return tuple(c for c in components(grid, -1, True, diagonal) if grid[c[0][0]][c[0][1]] == 0)


# ----------------------------------------------------------------------------------------------------------
# Symmetry


@primitive("Grid -> Bool")
def is_lr_symmetric(grid: Grid) -> bool:
    """True if the grid equals its left-right mirror image."""
    return all(row == row[::-1] for row in grid)


@primitive("Grid -> Bool")
def is_tb_symmetric(grid: Grid) -> bool:
    """True if the grid equals its top-bottom mirror image."""
    return grid == grid[::-1]


@primitive("Grid -> Bool")
def is_dsymmetric(grid: Grid) -> bool:
    """True if the grid is square and equals its transpose (mirror about the main diagonal)."""
    return len(grid) == len(grid[0]) and _transpose(grid) == grid


@primitive("Grid -> Bool")
def is_rsymmetric(grid: Grid) -> bool:
    """True if the grid equals itself rotated half a turn."""
    return grid == tuple(row[::-1] for row in grid[::-1])


#: ``_BG_MASK[c]``: a bytes translation table turning colour ``c`` into 0xFF and every other byte into 0.
_BG_MASK = tuple(bytes(255 if b == c else 0 for b in range(256)) for c in range(10))


def _fill_background(grid: Grid, mirror: bytes) -> Grid:
    """The grid with each background cell taking the cell of ``mirror`` (the mirrored cells, row-major bytes)
    at its place: cellwise selects done as and/or on the cells as ints, a byte per cell."""
    h, w = len(grid), len(grid[0])
    data = _flat_bytes(grid)
    mask = int.from_bytes(data.translate(_BG_MASK[background_of_bytes(data)]), "big")
    out = (int.from_bytes(data, "big") & ~mask) | (int.from_bytes(mirror, "big") & mask)
    data = out.to_bytes(h * w, "big")
    return tuple(tuple(data[s:s + w]) for s in range(0, h * w, w))


@primitive("Grid -> Grid")
def mirror_complete_lr(grid: Grid) -> Grid:
    """Make a grid left-right symmetric: background cells take the non-background colour of their mirror cell."""
    # The rows bottom to top, all bytes reversed: the rows top to bottom, each reversed.
    return _fill_background(grid, _flat_bytes(grid[::-1])[::-1])


@primitive("Grid -> Grid")
def mirror_complete_tb(grid: Grid) -> Grid:
    """Make a grid top-bottom symmetric: background cells take the non-background colour of their mirror cell."""
    return _fill_background(grid, _flat_bytes(grid[::-1]))


def _symmetry_candidates(grid: Grid):
    """Yield ``(family, distance, other, u, v, image)`` for the candidate symmetries near the grid's centre.

    ``other[i + u][j + v] == grid[image(i, j)]`` wherever both sides exist; ``image`` maps a cell to its
    mirror cell (for quarter turns it is the turn one way; its inverse comes as a separate candidate).
    """
    h, w = len(grid), len(grid[0])
    flip_h = tuple(row[::-1] for row in grid)
    flip_v = grid[::-1]
    trans = _transpose(grid)
    anti = tuple(row[::-1] for row in trans[::-1])
    rot = tuple(row[::-1] for row in grid[::-1])
    ccw = trans[::-1]  # ccw[x][y] == grid[y][w - 1 - x]
    cw = tuple(row[::-1] for row in trans)  # cw[x][y] == grid[h - 1 - y][x]
    window = range(-4, 5)
    for k in window:  # column j -> s - j with s = w - 1 - k
        s = w - 1 - k
        yield "h", abs(k), flip_h, 0, k, (lambda i, j, s=s: (i, s - j))
    for k in window:  # row i -> s - i with s = h - 1 - k
        s = h - 1 - k
        yield "v", abs(k), flip_v, k, 0, (lambda i, j, s=s: (s - i, j))
    base = h - w
    if base % 2 == 0:
        for k in range(-2, 3):  # (i, j) -> (j + d, i - d) about the line i - j = d
            d = base // 2 + k
            yield "d", abs(k), trans, -d, d, (lambda i, j, d=d: (j + d, i - d))
    base = h + w - 2
    if base % 2 == 0:
        for k in range(-2, 3):  # (i, j) -> (s - j, s - i) about the line i + j = s
            s = base // 2 + k
            yield "a", abs(k), anti, w - 1 - s, h - 1 - s, (lambda i, j, s=s: (s - j, s - i))
    for ka in range(-2, 3):  # half turn (i, j) -> (a - i, b - j)
        for kb in range(-2, 3):
            a, b = h - 1 - ka, w - 1 - kb
            yield "r", abs(ka) + abs(kb), rot, ka, kb, (lambda i, j, a=a, b=b: (a - i, b - j))
    for ka in range(-2, 3):  # quarter turns about the centre (a / 2, b / 2)
        for kb in range(-2, 3):
            a, b = h - 1 - ka, w - 1 - kb
            if (a - b) % 2:
                continue
            p, q = (a - b) // 2, (a + b) // 2
            # clockwise: (i, j) -> (p + j, q - i) == ccw[i + w - 1 - q][j + p]
            yield "q", abs(ka) + abs(kb), ccw, w - 1 - q, p, (lambda i, j, p=p, q=q: (p + j, q - i))
            # anticlockwise: (i, j) -> (q - j, i - p) == cw[i - p][j + h - 1 - q]
            yield "p", abs(ka) + abs(kb), cw, -p, h - 1 - q, (lambda i, j, p=p, q=q: (q - j, i - p))


#: ``_KNOWN[c]``: a bytes translation table turning colour ``c`` and the 0xFF padding into 0, the rest into 0xFF.
_KNOWN = tuple(bytes(0 if b == c or b == 255 else 255 for b in range(256)) for c in range(10))


def _cell_matcher(grid: Grid, unknown: int):
    """``match(other, u, v)``: compare ``grid[i][j]`` with ``other[i + u][j + v]`` where both exist and
    neither is ``unknown``; the number of compared cells, or -1 on a mismatch. For grids of at most
    ``grid``'s larger side and column offsets ``|v| <= max(h, w) + 4``.

    Each grid is an int of its cells, a byte per cell, rows ``stride`` bytes apart (padded with 0xFF, wide
    enough that no such offset wraps a row), with an int masking its known cells: shifting the other's ints
    by the offset aligns ``other[i + u][j + v]`` with ``grid[i][j]``, so one and/xor compares them all."""
    stride = 2 * max(len(grid), len(grid[0])) + 9
    table = _KNOWN[unknown]
    ints: dict = {}

    def as_ints(g: Grid) -> tuple:
        data = b"".join([bytes(row) + b"\xff" * (stride - len(row)) for row in g])
        return int.from_bytes(data, "little"), int.from_bytes(data.translate(table), "little")

    cells, known = ints[id(grid)] = as_ints(grid)

    def match(other: Grid, u: int, v: int) -> int:
        pair = ints.get(id(other))
        if pair is None:
            pair = ints[id(other)] = as_ints(other)
        o_cells, o_known = pair
        shift = 8 * (u * stride + v)
        if shift >= 0:
            o_cells >>= shift
            o_known >>= shift
        else:
            o_cells <<= -shift
            o_known <<= -shift
        both = known & o_known
        if (cells ^ o_cells) & both:
            return -1
        return both.bit_count() >> 3

    return match


@primitive("Grid, Int -> Grid")
def complete_symmetry(grid: Grid, colour: int) -> Grid:
    """Repaint the cells of an unknown colour from their images under the mirror/turn symmetries of the rest."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    n_unknown = sum(row.count(colour) for row in grid)
    if n_unknown == 0 or n_unknown == h * w:
        return grid
    known = h * w - n_unknown
    best: dict = {}
    match = _cell_matcher(grid, colour)
    for family, dist, other, u, v, image in _symmetry_candidates(grid):
        pairs = match(other, u, v)
        if pairs * 2 < known:
            continue
        key = (pairs, -dist)
        if family not in best or key > best[family][0]:
            best[family] = (key, image)
    if not best:
        return grid
    images = [image for _, image in sorted(best.values(), key=lambda kv: kv[0], reverse=True)]
    cells = [list(row) for row in grid]
    todo = [(i, j) for i in range(h) for j in range(w) if grid[i][j] == colour]
    while todo:
        left = []
        for i, j in todo:
            for image in images:
                a, b = image(i, j)
                if 0 <= a < h and 0 <= b < w and cells[a][b] != colour:
                    cells[i][j] = cells[a][b]
                    break
            else:
                left.append((i, j))
        if len(left) == len(todo):
            break
        todo = left
    return tuple(tuple(row) for row in cells)


# ----------------------------------------------------------------------------------------------------------
# Gravity and collision


def _check_direction(direction: Vec) -> None:
    if direction not in _DIRECTIONS:
        raise DSLError("domain", f"{direction!r} is not one of the four unit directions")


@primitive("Grid, Vec -> Grid")
def gravity(grid: Grid, direction: Vec) -> Grid:
    """Let every non-background cell fall in a unit direction until it meets the border or another cell."""
    _check_direction(direction)
    di, dj = direction
    lines = grid if di == 0 else tuple(zip(*grid))  # the rows, or the columns, to pack along
    data = b"\xff".join(map(bytes, lines))
    b = _COLOUR_BYTES[background_of_bytes(data)]
    n = len(lines[0])
    # Strip the background from every line at once, then pad each back to length on the side it leaves.
    packed = data.replace(b, b"").split(b"\xff")
    packed = [p.rjust(n, b) for p in packed] if di + dj == 1 else [p.ljust(n, b) for p in packed]
    # Back to tuples of ints (iterating bytes gives ints); packed columns are turned back into rows.
    return tuple(map(tuple, packed)) if di == 0 else tuple(zip(*packed))


def _framed_cells(grid: Grid) -> bytearray:
    """The grid as one bytearray with row stride ``w + 1``, framed by 0xFF: a sentinel column after each row
    and a sentinel row above and below, so a walk off the grid in any unit direction meets 0xFF.
    Cell (i, j) is at ``(i + 1) * (w + 1) + j``."""
    pad = b"\xff" * (len(grid[0]) + 1)
    return bytearray(pad + b"\xff".join(map(bytes, grid)) + b"\xff" + pad)


#: ``_OPEN[bg]``: a bytes translation table marking the background and the 0xFF frame 1, the colours 0.
_OPEN = tuple(bytes(1 if b == bg or b == 255 else 0 for b in range(256)) for bg in range(10))


@lru_cache(maxsize=64)
def _falling_pieces(grid: Grid) -> tuple:
    """The direction-free part of :func:`gravity_objects`, shared by its four directions: ``(bg, cells,
    pieces)`` with the framed flat cells (see :func:`_framed_cells`) and each piece (in component order) as
    ``(top, bottom, left, right, runs)``, its bounds and its row runs as flat ``(start, end)``."""
    cells = bytes(_framed_cells(grid))
    bg = background_of_bytes(cells)
    groups, runs = component_runs(grid, bg, False, False)  # all four arguments: the key components uses
    stride = len(grid[0]) + 1
    pieces = []
    for g in groups:
        body = [runs[x] for x in g]
        pieces.append((body[0][4], body[-1][4], min(r[0] for r in body), max(r[1] for r in body),
                       tuple(((i + 1) * stride + j0, (i + 1) * stride + j1) for j0, j1, _, _, i in body)))
    return bg, cells, pieces


@primitive("Grid, Vec -> Grid")
def gravity_objects(grid: Grid, direction: Vec) -> Grid:
    """Let each 4-connected non-background piece fall rigidly in a unit direction until it rests on something."""
    _check_direction(direction)
    h, w = len(grid), len(grid[0])
    bg, orig, found = _falling_pieces(grid)
    di, dj = direction
    # Visit the pieces that lead in the direction of the fall first (a stable sort: ties in component order).
    if di == 1:
        found = sorted(found, key=lambda p: -p[1])
    elif di == -1:
        found = sorted(found, key=lambda p: p[0])
    elif dj == 1:
        found = sorted(found, key=lambda p: -p[3])
    else:
        found = sorted(found, key=lambda p: p[2])
    stride = w + 1
    step = di * stride + dj  # one move in the direction, in flat indices
    cells = bytearray(orig)
    blank = _COLOUR_BYTES[bg] * w
    # Two 4-adjacent non-background cells are in one piece, so a piece's leading cells (the only ones that can
    # be blocked) are those whose next cell in the direction is background or off the grid.
    opn = orig.translate(_OPEN[bg])
    # Each piece: [flat row runs, leading cells, displacement so far, the move count when last seen blocked].
    pieces = []
    for *_, body in found:
        if dj == 1:
            lead = [b - 1 for _, b in body]
        elif dj == -1:
            lead = [a for a, _ in body]
        else:
            lead = [k for a, b in body for k in range(a, b) if opn[k + step]]
        pieces.append([body, lead, 0, -1])
    moves = 0
    for _ in range(h + w + len(pieces)):
        before = moves
        for piece in pieces:
            body, lead, off, seen = piece
            if seen == moves:
                continue  # blocked, and nothing has moved since
            # A leading cell's next cell is never the piece's own, so a blocked piece needs no lifting.
            o = off + step
            for k in lead:
                if cells[k + o] != bg:
                    piece[3] = moves
                    break
            else:
                for a, b in body:
                    cells[a + off:b + off] = blank[:b - a]
                # The fall is the shortest free walk of a leading cell (the piece is lifted: its cells are free).
                steps = h + w
                for k in lead:
                    n = 1
                    k += o + step
                    while n < steps and cells[k] == bg:
                        n += 1
                        k += step
                    steps = n
                piece[2] = off = off + steps * step
                for a, b in body:
                    cells[a + off:b + off] = orig[a:b]
                moves += 1
                piece[3] = moves  # it rests: blocked where it landed
        if moves == before:
            break
    if not moves:
        return grid
    return tuple(tuple(cells[s:s + w]) for s in range(stride, stride * (h + 1), stride))


@primitive("Grid, Object, Vec -> Grid")
def slide(grid: Grid, obj: Object, direction: Vec) -> Grid:
    """Move an object in steps of a vector until the next step would hit a non-background cell or leave the grid."""
    di, dj = direction
    if di == 0 and dj == 0:
        raise DSLError("domain", "slide by the zero vector")
    if not obj:
        return grid
    h, w = len(grid), len(grid[0])
    bg = _background(grid)
    cells = [list(row) for row in grid]
    for c, (i, j) in obj:
        if 0 <= i < h and 0 <= j < w and grid[i][j] == c:
            cells[i][j] = bg
    steps = 0
    for n in range(1, h + w + 1):
        ok = True
        for _, (i, j) in obj:
            a, b = i + di * n, j + dj * n
            if not (0 <= a < h and 0 <= b < w) or cells[a][b] != bg:
                ok = False
                break
        if not ok:
            break
        steps = n
    oi, oj = di * steps, dj * steps
    for c, (i, j) in obj:
        a, b = i + oi, j + oj
        if 0 <= a < h and 0 <= b < w:
            cells[a][b] = c
    return tuple(tuple(row) for row in cells)


# ----------------------------------------------------------------------------------------------------------
# Flood fill and enclosed regions


@primitive("Grid, Vec, Int -> Grid")
def floodfill(grid: Grid, seed: Vec, colour: int) -> Grid:
    """Repaint the 4-connected same-colour region containing the seed cell with a colour."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    si, sj = seed
    if not (0 <= si < h and 0 <= sj < w):
        raise DSLError("domain", f"seed {seed!r} outside the grid")
    old = grid[si][sj]
    if old == colour:
        return grid
    cells = [list(row) for row in grid]
    cells[si][sj] = colour
    stack = [(si, sj)]
    while stack:
        i, j = stack.pop()
        for di, dj in _NEIGHBOURS:
            a, b = i + di, j + dj
            if 0 <= a < h and 0 <= b < w and cells[a][b] == old:
                cells[a][b] = colour
                stack.append((a, b))
    return tuple(tuple(row) for row in cells)


@primitive("Grid -> Indices")
def holes(grid: Grid) -> Indices:
    """The background cells not 4-connected to the border through background cells (enclosed regions)."""
    cells: list = []
    for j0, j1, _, _, i in _enclosed_runs(grid, _background(grid)):
        cells += _IJ[i][j0:j1]
    return frozenset(cells)


@primitive("Grid, Int -> Grid")
def fill_holes(grid: Grid, colour: int) -> Grid:
    """Paint the enclosed background cells (those not 4-connected to the border) with a colour."""
    check_colour(colour)
    runs = _enclosed_runs(grid, _background(grid))
    if not runs:
        return grid
    rows = [list(row) for row in grid]
    for j0, j1, _, _, i in runs:
        rows[i][j0:j1] = [colour] * (j1 - j0)
    return tuple(tuple(row) for row in rows)


# ----------------------------------------------------------------------------------------------------------
# Panels


def _full_lines(grid: Grid) -> tuple:
    """``(rows, cols)``: dicts from colour to the indices of the rows / columns uniformly of that colour."""
    rows: dict = {}
    for i, row in enumerate(grid):
        c = row[0]
        if row.count(c) == len(row):
            rows.setdefault(c, []).append(i)
    cols: dict = {}
    for j, col in enumerate(zip(*grid)):
        c = col[0]
        if col.count(c) == len(col):
            cols.setdefault(c, []).append(j)
    return rows, cols


def _separator(grid: Grid):
    """``(colour, rows, cols)`` of the grid's separator lines, or None when it has none.

    A separator colour has a full uniform row or column and is not the only colour. Among several, prefer
    the one with the largest share of its cells on its full lines, then one that is not the background,
    then the one with the most lines, then the smallest.
    """
    rows, cols = _full_lines(grid)
    colours = set(rows) | set(cols)
    if not colours:
        return None
    h, w = len(grid), len(grid[0])
    bg = _background(grid) if len(colours) > 1 else -1
    best = None
    for c in colours:
        r, k = rows.get(c, []), cols.get(c, [])
        if len(r) == h or len(k) == w:
            continue  # the only colour
        total = sum(row.count(c) for row in grid)
        on_lines = len(r) * w + len(k) * h - len(r) * len(k)
        key = (on_lines / total, c != bg, len(r) + len(k), -c)
        if best is None or key > best[0]:
            best = (key, c, r, k)
    if best is None:
        return None
    return best[1], best[2], best[3]


def _spans(lines: list, n: int) -> list:
    """The maximal index ranges of ``range(n)`` between the separator indices ``lines``."""
    out = []
    start = 0
    for x in lines + [n]:
        if x > start:
            out.append((start, x))
        start = x + 1
    return out


@primitive("Grid -> Tup[Grid]")
def panels(grid: Grid) -> tuple:
    """Cut a grid along its full uniform separator lines into the panels between them, row-major."""
    sep = _separator(grid)
    if sep is None:
        return (grid,)
    _, rows, cols = sep
    row_spans = _spans(rows, len(grid))
    col_spans = _spans(cols, len(grid[0]))
    check_container_size(len(row_spans) * len(col_spans))
    return tuple(tuple(row[j0:j1] for row in grid[i0:i1]) for i0, i1 in row_spans for j0, j1 in col_spans)


@primitive("Grid -> Int")
def separator_colour(grid: Grid) -> int:
    """The colour of the grid's full uniform separator lines (see panels)."""
    sep = _separator(grid)
    if sep is None:
        raise DSLError("domain", "grid has no separator lines")
    return sep[0]


# ----------------------------------------------------------------------------------------------------------
# Periods


@primitive("Grid -> Int")
def hperiod(grid: Grid) -> int:
    """The smallest horizontal period: least p with every row equal to itself shifted p columns (at most width)."""
    w = len(grid[0])
    for p in range(1, w):
        if all(row[p:] == row[:-p] for row in grid):
            return p
    return w


@primitive("Grid -> Int")
def vperiod(grid: Grid) -> int:
    """The smallest vertical period: least p with the grid equal to itself shifted p rows (at most height)."""
    h = len(grid)
    for p in range(1, h):
        if grid[p:] == grid[:-p]:
            return p
    return h


def _consistent_row_period(grid: Grid, p: int, unknown: int) -> bool:
    """Do the known cells agree within each class (i mod p, j)?"""
    for r in range(p):
        for col in zip(*grid[r::p]):
            s = set(col)
            s.discard(unknown)
            if len(s) > 1:
                return False
    return True


def _consistent_period(grid: Grid, p: int, q: int, unknown: int) -> bool:
    """Do the known cells agree within each class (i mod p, j mod q)?"""
    for r in range(p):
        cols = list(zip(*grid[r::p]))
        for c in range(q):
            s = set().union(*cols[c::q])
            s.discard(unknown)
            if len(s) > 1:
                return False
    return True


def _consistent_lattice(grid: Grid, p: int, s: int, q: int, unknown: int) -> bool:
    """Do the known cells agree within each coset of the lattice spanned by (p, s) and (0, q)?"""
    values: dict = {}
    for i, row in enumerate(grid):
        r, off = i % p, (i // p) * s
        for j, v in enumerate(row):
            if v != unknown:
                key = (r, (j - off) % q)
                if values.setdefault(key, v) != v:
                    return False
    return True


@primitive("Grid, Int -> Grid")
def continue_pattern(grid: Grid, colour: int) -> Grid:
    """Repaint the cells of an unknown colour using the smallest 2-D period that the other cells agree with."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    if not any(colour in row for row in grid):
        return grid
    trans = _transpose(grid)
    match, match_trans = _cell_matcher(grid, colour), _cell_matcher(trans, colour)
    # A translation check is necessary, and sufficient once each class has at most two cells.
    row_periods = [p for p in range(1, h) if match(grid, p, 0) >= 0
                   and (2 * p >= h or _consistent_row_period(grid, p, colour))] + [h]
    col_periods = [q for q in range(1, w) if match_trans(trans, q, 0) >= 0
                   and (2 * q >= w or _consistent_row_period(trans, q, colour))] + [w]
    # The smallest rectangular period (p, q) the known cells agree with; (h, w) always does.
    for area, p, q in sorted((p * q, p, q) for p in row_periods for q in col_periods):
        if area == h * w or _consistent_period(grid, p, q, colour):
            break
    s = 0
    # A sheared lattice spanned by (p2, s2) and (0, q2) may have a smaller cell, e.g. diagonal stripes.
    q2 = col_periods[0]
    if q2 < w:
        vertical = set(row_periods)
        for area2, p2, s2 in sorted((p2 * q2, p2, s2) for p2 in range(1, h // 2 + 1) for s2 in range(1, q2)
                                    if p2 * q2 < area):
            v = p2 * q2 // gcd(s2, q2)
            if v < h and v not in vertical:
                continue
            if match(grid, p2, s2) < 0 or match(grid, p2, s2 - q2) < 0:
                continue
            if _consistent_lattice(grid, p2, s2, q2, colour):
                area, p, q, s = area2, p2, q2, s2
                break
    if area == h * w:
        return grid
    values: dict = {}
    for i, row in enumerate(grid):
        off = (i // p) * s
        for j, v in enumerate(row):
            if v != colour:
                values[(i % p, (j - off) % q)] = v
    return tuple(tuple(values.get((i % p, (j - (i // p) * s) % q), v) if v == colour else v
                       for j, v in enumerate(row))
                 for i, row in enumerate(grid))


# ----------------------------------------------------------------------------------------------------------
# Stacking, overlays and sprites


@primitive("Tup[Grid] -> Grid")
def stack_h(grids: tuple) -> Grid:
    """Concatenate grids of equal height side by side, left to right."""
    if not grids:
        raise DSLError("empty", "no grids to stack")
    h = len(grids[0])
    if any(len(g) != h for g in grids):
        raise DSLError("domain", "grids of different heights")
    check_grid_size(h, sum(len(g[0]) for g in grids))
    return tuple(sum(rows, ()) for rows in zip(*grids))


@primitive("Tup[Grid] -> Grid")
def stack_v(grids: tuple) -> Grid:
    """Concatenate grids of equal width top to bottom."""
    if not grids:
        raise DSLError("empty", "no grids to stack")
    w = len(grids[0][0])
    if any(len(g[0]) != w for g in grids):
        raise DSLError("domain", "grids of different widths")
    check_grid_size(sum(len(g) for g in grids), w)
    return sum(grids, ())


@primitive("Grid, Grid -> Grid")
def overlay(bottom: Grid, top: Grid) -> Grid:
    """Lay the second grid over the first (same shape): its non-background cells overwrite."""
    if len(bottom) != len(top) or len(bottom[0]) != len(top[0]):
        raise DSLError("domain", "overlay of grids of different shapes")
    bg = _background(top)
    return tuple(tuple(a if b == bg else b for a, b in zip(r1, r2)) for r1, r2 in zip(bottom, top))


@primitive("Object -> Grid")
def crop_object(obj: Object) -> Grid:
    """The object's sprite on its bounding box, with colour 0 in the cells it does not cover."""
    if not obj:
        raise DSLError("empty", "crop of an empty object")
    rows = [i for _, (i, _) in obj]
    cols = [j for _, (_, j) in obj]
    i0, j0 = min(rows), min(cols)
    h, w = max(rows) - i0 + 1, max(cols) - j0 + 1
    check_grid_size(h, w)
    cells = [[0] * w for _ in range(h)]
    for c, (i, j) in sorted(obj):
        cells[i - i0][j - j0] = c
    return tuple(tuple(row) for row in cells)


@primitive("Tup[Grid] -> Grid")
def majority_vote(grids: tuple) -> Grid:
    """The cellwise most common colour over grids of one shape, ties to the smallest colour."""
    if not grids:
        raise DSLError("empty", "no grids to vote")
    h, w = len(grids[0]), len(grids[0][0])
    if any(len(g) != h or len(g[0]) != w for g in grids):
        raise DSLError("domain", "grids of different shapes")
    if len(grids) == 1:
        return grids[0]
    out = []
    for rows in zip(*grids):
        row = []
        for votes in zip(*rows):
            first = votes[0]
            if votes.count(first) == len(votes):
                row.append(first)
            else:
                row.append(max(sorted(set(votes)), key=votes.count))
        out.append(tuple(row))
    return tuple(out)


@primitive("Tup[Grid], Int -> Grid")
def mosaic(grids: tuple, per_row: int) -> Grid:
    """Lay equal-shaped grids out row-major, ``per_row`` to a row (the inverse of panels without separators)."""
    if not grids:
        raise DSLError("empty", "no grids to lay out")
    if per_row < 1 or len(grids) % per_row:
        raise DSLError("domain", "the number of grids must be a positive multiple of per_row")
    h, w = len(grids[0]), len(grids[0][0])
    if any(len(g) != h or len(g[0]) != w for g in grids):
        raise DSLError("domain", "grids of different shapes")
    check_grid_size(h * len(grids) // per_row, w * per_row)
    return tuple(sum((g[r] for g in grids[k:k + per_row]), ())
                 for k in range(0, len(grids), per_row) for r in range(h))


@primitive("Grid, Int, Int -> Indices")
def largest_rectangle(grid: Grid, colour: int, min_side: int) -> Indices:
    """The largest-area solid rectangle of one colour with both sides >= min_side (ties: topmost, then leftmost)."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    lo = max(1, min_side)
    heights = [0] * w
    best = (0, 0, 0, 0, 0)  # area, -top, -left, bottom, right
    for i in range(h):
        row = grid[i]
        for j in range(w):
            heights[j] = heights[j] + 1 if row[j] == colour else 0
        for j in range(w):
            m = heights[j]
            if m < lo:
                continue
            for k in range(j, w):
                m = min(m, heights[k])
                if m < lo:
                    break
                if k - j + 1 >= lo:
                    # the tallest rectangle on this span ending at row i; shorter ones are never larger
                    cand = (m * (k - j + 1), -(i - m + 1), -j, i, k)
                    if cand > best:
                        best = cand
    area, top, left, bottom, right = best
    if not area:
        return frozenset()
    return frozenset((r, c) for r in range(-top, bottom + 1) for c in range(-left, right + 1))
