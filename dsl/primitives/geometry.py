"""Patch geometry and relations: corners, extent, shift, normalize, distances, gravitation.

Positions are ``(row, column)``. A patch's bounding box is the smallest rectangle holding its cells. Functions
that need at least one cell raise ``DSLError('empty')`` on an empty patch; measures (height, width, shape)
give 0 for it and predicates give False.
"""

from __future__ import annotations

from bisect import bisect_left

from dsl.primitives.objects import indices_of, is_object
from dsl.registry import primitive
from dsl.values import DSLError, Grid, Indices


def _rows_cols(patch) -> tuple:
    """The row numbers and the column numbers of a non-empty patch's cells (``empty`` error otherwise)."""
    if not patch:
        raise DSLError("empty", "empty patch")
    return tuple(zip(*indices_of(patch)))


def _bounds(patch) -> tuple:
    """``(top, left, bottom, right)`` of a non-empty patch."""
    rows, cols = _rows_cols(patch)
    return min(rows), min(cols), max(rows), max(cols)


def _sign(x: int) -> int:
    return (x > 0) - (x < 0)


@primitive("Patch -> Vec")
def ulcorner(patch) -> tuple:
    """The upper-left corner of the bounding box."""
    rows, cols = _rows_cols(patch)
    return min(rows), min(cols)


@primitive("Patch -> Vec")
def urcorner(patch) -> tuple:
    """The upper-right corner of the bounding box."""
    rows, cols = _rows_cols(patch)
    return min(rows), max(cols)


@primitive("Patch -> Vec")
def llcorner(patch) -> tuple:
    """The lower-left corner of the bounding box."""
    rows, cols = _rows_cols(patch)
    return max(rows), min(cols)


@primitive("Patch -> Vec")
def lrcorner(patch) -> tuple:
    """The lower-right corner of the bounding box."""
    rows, cols = _rows_cols(patch)
    return max(rows), max(cols)


@primitive("Patch -> Int")
def uppermost(patch) -> int:
    """The smallest row of the patch."""
    return min(_rows_cols(patch)[0])


@primitive("Patch -> Int")
def lowermost(patch) -> int:
    """The largest row of the patch."""
    return max(_rows_cols(patch)[0])


@primitive("Patch -> Int")
def leftmost(patch) -> int:
    """The smallest column of the patch."""
    return min(_rows_cols(patch)[1])


@primitive("Patch -> Int")
def rightmost(patch) -> int:
    """The largest column of the patch."""
    return max(_rows_cols(patch)[1])


@primitive("Patch -> Vec")
def center(patch) -> tuple:
    """The centre of the bounding box, rounded down."""
    top, left, bottom, right = _bounds(patch)
    return (top + bottom) // 2, (left + right) // 2


@primitive("Patch -> Vec")
def centerofmass(patch) -> tuple:
    """The mean position of the patch's cells, rounded down."""
    rows, cols = _rows_cols(patch)
    n = len(rows)
    return sum(rows) // n, sum(cols) // n


@primitive("Patch -> Indices")
def corners(patch) -> Indices:
    """The four corners of the bounding box (fewer when they coincide)."""
    top, left, bottom, right = _bounds(patch)
    return frozenset({(top, left), (top, right), (bottom, left), (bottom, right)})


def _shift(patch, di: int, dj: int):
    if not patch or (di == 0 and dj == 0):
        return patch
    if is_object(patch):
        return frozenset([(c, (i + di, j + dj)) for c, (i, j) in patch])
    return frozenset([(i + di, j + dj) for i, j in patch])


@primitive("P -> P")
def normalize(patch):
    """Move the patch so its bounding box starts at the origin (the empty patch stays empty)."""
    if not patch:
        return patch
    rows, cols = _rows_cols(patch)
    return _shift(patch, -min(rows), -min(cols))


@primitive("P, Vec -> P")
def shift(patch, offset: tuple):
    """Move the patch by an offset."""
    return _shift(patch, offset[0], offset[1])


@primitive("X -> Int")
def height(piece) -> int:
    """The number of rows of a grid, or of a patch's bounding box (0 for the empty patch)."""
    if type(piece) is tuple:
        return len(piece)
    if not piece:
        return 0
    rows = _rows_cols(piece)[0]
    return max(rows) - min(rows) + 1


@primitive("X -> Int")
def width(piece) -> int:
    """The number of columns of a grid, or of a patch's bounding box (0 for the empty patch)."""
    if type(piece) is tuple:
        return len(piece[0])
    if not piece:
        return 0
    cols = _rows_cols(piece)[1]
    return max(cols) - min(cols) + 1


@primitive("X -> Vec")
def shape(piece) -> tuple:
    """(height, width) of a grid or of a patch's bounding box ((0, 0) for the empty patch)."""
    if type(piece) is tuple:
        return len(piece), len(piece[0])
    if not piece:
        return 0, 0
    top, left, bottom, right = _bounds(piece)
    return bottom - top + 1, right - left + 1


def _shape_nonempty(piece) -> tuple:
    if type(piece) is tuple:
        return len(piece), len(piece[0])
    top, left, bottom, right = _bounds(piece)
    return bottom - top + 1, right - left + 1


@primitive("X -> Bool")
def portrait(piece) -> bool:
    """True if the grid or the patch's bounding box is taller than wide."""
    h, w = _shape_nonempty(piece)
    return h > w


@primitive("X -> Bool")
def square(piece) -> bool:
    """True if the grid or the patch's bounding box is as tall as wide."""
    h, w = _shape_nonempty(piece)
    return h == w


@primitive("Patch -> Bool")
def hline(patch) -> bool:
    """True if the patch is a gapless horizontal line (a single cell counts)."""
    if not patch:
        return False
    idx = indices_of(patch)
    rows, cols = zip(*idx)
    return min(rows) == max(rows) and max(cols) - min(cols) + 1 == len(idx)


@primitive("Patch -> Bool")
def vline(patch) -> bool:
    """True if the patch is a gapless vertical line (a single cell counts)."""
    if not patch:
        return False
    idx = indices_of(patch)
    rows, cols = zip(*idx)
    return min(cols) == max(cols) and max(rows) - min(rows) + 1 == len(idx)


@primitive("Patch, Patch -> Bool")
def hmatching(a, b) -> bool:
    """True if the two patches share a row."""
    if not a or not b:
        return False
    return not {i for i, _ in indices_of(a)}.isdisjoint([i for i, _ in indices_of(b)])


@primitive("Patch, Patch -> Bool")
def vmatching(a, b) -> bool:
    """True if the two patches share a column."""
    if not a or not b:
        return False
    return not {j for _, j in indices_of(a)}.isdisjoint([j for _, j in indices_of(b)])


def _by_row(idx) -> dict:
    """Row -> sorted columns."""
    rows: dict = {}
    for i, j in idx:
        r = rows.get(i)
        if r is None:
            rows[i] = [j]
        else:
            r.append(j)
    for r in rows.values():
        r.sort()
    return rows


def _min_gap(xs: list, ys: list) -> int:
    """The smallest |x - y| between two sorted lists."""
    if xs[-1] < ys[0]:
        return ys[0] - xs[-1]
    if ys[-1] < xs[0]:
        return xs[0] - ys[-1]
    if len(xs) > len(ys):
        xs, ys = ys, xs
    best = 1 << 30
    n = len(ys)
    for x in xs:
        k = bisect_left(ys, x)
        if k < n and ys[k] - x < best:
            best = ys[k] - x
        if k and x - ys[k - 1] < best:
            best = x - ys[k - 1]
        if not best:
            return 0
    return best


@primitive("Patch, Patch -> Int")
def manhattan(a, b) -> int:
    """The smallest Manhattan distance between a cell of one patch and a cell of the other."""
    ia = indices_of(a)
    ib = indices_of(b)
    if not ia or not ib:
        raise DSLError("empty", "manhattan distance to an empty patch")
    if len(ia) * len(ib) <= 64:
        return min(abs(i - k) + abs(j - m) for i, j in ia for k, m in ib)
    if not ia.isdisjoint(ib):
        return 0
    rows_a = _by_row(ia)
    rows_b = _by_row(ib)
    best = 1 << 30
    for ra, cols_a in rows_a.items():
        for rb, cols_b in rows_b.items():
            dr = ra - rb if ra > rb else rb - ra
            if dr < best:
                d = dr + _min_gap(cols_a, cols_b)
                if d < best:
                    best = d
                    if d == 1:
                        return 1
    return best


def _touching(ia, ib) -> bool:
    """True if a cell of ``ia`` is 4-adjacent to a cell of ``ib``."""
    if len(ia) > len(ib):
        ia, ib = ib, ia
    for i, j in ia:
        if (i + 1, j) in ib or (i - 1, j) in ib or (i, j + 1) in ib or (i, j - 1) in ib:
            return True
    return False


@primitive("Patch, Patch -> Bool")
def adjacent(a, b) -> bool:
    """True if the patches do not overlap and some cells of them are 4-adjacent (Manhattan distance 1)."""
    ia = indices_of(a)
    ib = indices_of(b)
    return ia.isdisjoint(ib) and _touching(ia, ib)


@primitive("Patch, Grid -> Bool")
def bordering(patch, grid: Grid) -> bool:
    """True if the patch touches the grid's outer rows or columns."""
    if not patch:
        return False
    top, left, bottom, right = _bounds(patch)
    return top == 0 or left == 0 or bottom == len(grid) - 1 or right == len(grid[0]) - 1


@primitive("Patch, Patch -> Vec")
def position(a, b) -> tuple:
    """The sign of each coordinate of the direction from a's centre to b's centre."""
    ai, aj = center(a)
    bi, bj = center(b)
    return _sign(bi - ai), _sign(bj - aj)


@primitive("Patch, Patch -> Vec")
def gravitate(a, b) -> tuple:
    """The offset moving a straight toward b (vertically if they share a column) until they are adjacent."""
    ia = indices_of(a)
    ib = indices_of(b)
    if not ia or not ib:
        raise DSLError("empty", "gravitate with an empty patch")
    if not ia.isdisjoint(ib):
        raise DSLError("domain", "gravitate: the patches overlap")
    if not {j for _, j in ia}.isdisjoint([j for _, j in ib]):
        axis = 0  # move along rows
    elif not {i for i, _ in ia}.isdisjoint([i for i, _ in ib]):
        axis = 1  # move along columns
    else:
        raise DSLError("domain", "gravitate: the patches share no row or column")
    cross = 1 - axis
    d = _sign(center(b)[axis] - center(a)[axis])
    if d == 0:
        if _touching(ia, ib):
            return 0, 0
        raise DSLError("domain", "gravitate: the centres are level along the direction of motion")
    # Along-axis positions of b's cells, by their cross-axis coordinate (flipped so a moves toward +inf).
    lines: dict = {}
    for cell in ib:
        lines.setdefault(cell[cross], []).append(cell[axis] * d)
    best = None
    for cell in ia:
        x = cell[axis] * d
        y = cell[cross]
        for dy in (-1, 0, 1):
            for xq in lines.get(y + dy, ()):
                # Shifting a by t puts this pair at distance <= 1 for t in [lo, hi].
                if dy:
                    lo = hi = xq - x
                else:
                    lo, hi = xq - x - 1, xq - x + 1
                if hi >= 0:
                    t = max(lo, 0)
                    if best is None or t < best:
                        best = t
    if best is None:
        raise DSLError("domain", "gravitate: moving toward b never makes the patches adjacent")
    return (best * d, 0) if axis == 0 else (0, best * d)


@primitive("Patch -> Bool")
def is_rectangle(patch) -> bool:
    """True if the patch fills its whole bounding box."""
    if not patch:
        return False
    idx = indices_of(patch)
    top, left, bottom, right = _bounds(idx)
    return (bottom - top + 1) * (right - left + 1) == len(idx)


def _mirror_about(patch, pivot, axis: int):
    if not pivot:
        raise DSLError("empty", "empty pivot patch")
    b = _bounds(indices_of(pivot))
    s = b[axis] + b[axis + 2]  # twice the pivot's centre line
    if axis == 0:
        flip = lambda ij: (s - ij[0], ij[1])  # noqa: E731
    else:
        flip = lambda ij: (ij[0], s - ij[1])  # noqa: E731
    if is_object(patch):
        return frozenset((c, flip(ij)) for c, ij in patch)
    return frozenset(map(flip, patch))


@primitive("P, Patch -> P")
def hmirror_about(patch, pivot):
    """Flip a patch upside down about the horizontal centre line of another patch's bounding box."""
    return _mirror_about(patch, pivot, 0)


@primitive("P, Patch -> P")
def vmirror_about(patch, pivot):
    """Flip a patch left-right about the vertical centre line of another patch's bounding box."""
    return _mirror_about(patch, pivot, 1)
