"""Region and line constructors: neighbourhoods, lines, rays, boxes, frontiers.

All return Indices (positions may fall outside any grid, e.g. negative). Regions built from a patch's bounding
box are empty for the empty patch; boxes larger than the grid caps raise ``DSLError('limit')``.
"""

from __future__ import annotations

from dsl.primitives.objects import indices_of
from dsl.registry import primitive
from dsl.values import DSLError, Indices, check_container_size, check_grid_size

#: Length of frontiers and rays: enough to cross any ARC grid (at most 30 a side).
REACH = 30


@primitive("Vec -> Indices")
def dneighbors(loc: tuple) -> Indices:
    """The four orthogonal neighbours of a position."""
    i, j = loc
    return frozenset(((i - 1, j), (i + 1, j), (i, j - 1), (i, j + 1)))


@primitive("Vec -> Indices")
def ineighbors(loc: tuple) -> Indices:
    """The four diagonal neighbours of a position."""
    i, j = loc
    return frozenset(((i - 1, j - 1), (i - 1, j + 1), (i + 1, j - 1), (i + 1, j + 1)))


@primitive("Vec -> Indices")
def neighbors(loc: tuple) -> Indices:
    """The eight neighbours of a position."""
    i, j = loc
    return frozenset(((i - 1, j - 1), (i - 1, j), (i - 1, j + 1), (i, j - 1), (i, j + 1),
                      (i + 1, j - 1), (i + 1, j), (i + 1, j + 1)))


@primitive("Vec, Vec -> Indices")
def connect(a: tuple, b: tuple) -> Indices:
    """The straight line from a to b, ends included, if it is horizontal, vertical or diagonal; else empty."""
    ai, aj = a
    bi, bj = b
    di = bi - ai
    dj = bj - aj
    if di and dj and abs(di) != abs(dj):
        return frozenset()
    n = max(abs(di), abs(dj))
    check_container_size(n + 1)
    si = (di > 0) - (di < 0)
    sj = (dj > 0) - (dj < 0)
    return frozenset([(ai + k * si, aj + k * sj) for k in range(n + 1)])


@primitive("Vec, Vec -> Indices")
def shoot(start: tuple, direction: tuple) -> Indices:
    """A ray of 30 steps from a position (included) in a direction."""
    i, j = start
    di, dj = direction
    return frozenset([(i + k * di, j + k * dj) for k in range(REACH + 1)])


@primitive("Vec -> Indices")
def vfrontier(loc: tuple) -> Indices:
    """The column through a position, rows 0 to 29."""
    j = loc[1]
    return frozenset([(i, j) for i in range(REACH)])


@primitive("Vec -> Indices")
def hfrontier(loc: tuple) -> Indices:
    """The row through a position, columns 0 to 29."""
    i = loc[0]
    return frozenset([(i, j) for j in range(REACH)])


def _bounds_or_none(patch):
    """``(top, left, bottom, right)`` and the indices of a patch, or None for the empty patch."""
    idx = indices_of(patch)
    if not idx:
        return None, idx
    rows, cols = zip(*idx)
    return (min(rows), min(cols), max(rows), max(cols)), idx


def _rect(top: int, left: int, bottom: int, right: int) -> Indices:
    check_grid_size(bottom - top + 1, right - left + 1)
    cols = range(left, right + 1)
    return frozenset([(i, j) for i in range(top, bottom + 1) for j in cols])


def _outline(top: int, left: int, bottom: int, right: int) -> Indices:
    """The border cells of a rectangle (empty if the rectangle is empty)."""
    if top > bottom or left > right:
        return frozenset()
    check_container_size(2 * (bottom - top + right - left + 2))
    cells = [(top, j) for j in range(left, right + 1)]
    cells += [(bottom, j) for j in range(left, right + 1)]
    cells += [(i, left) for i in range(top + 1, bottom)]
    cells += [(i, right) for i in range(top + 1, bottom)]
    return frozenset(cells)


@primitive("Patch -> Indices")
def backdrop(patch) -> Indices:
    """All positions in the patch's bounding box."""
    b, _ = _bounds_or_none(patch)
    return frozenset() if b is None else _rect(*b)


@primitive("Patch -> Indices")
def delta(patch) -> Indices:
    """The positions of the bounding box that are not in the patch."""
    b, idx = _bounds_or_none(patch)
    return frozenset() if b is None else _rect(*b) - idx


@primitive("Patch -> Indices")
def box(patch) -> Indices:
    """The outline of the patch's bounding box."""
    b, _ = _bounds_or_none(patch)
    return frozenset() if b is None else _outline(*b)


@primitive("Patch -> Indices")
def inbox(patch) -> Indices:
    """The ring just inside the bounding box's outline (empty if the box is under 3 wide or tall)."""
    b, _ = _bounds_or_none(patch)
    if b is None:
        return frozenset()
    top, left, bottom, right = b
    return _outline(top + 1, left + 1, bottom - 1, right - 1)


@primitive("Patch -> Indices")
def outbox(patch) -> Indices:
    """The ring just outside the bounding box."""
    b, _ = _bounds_or_none(patch)
    if b is None:
        return frozenset()
    top, left, bottom, right = b
    return _outline(top - 1, left - 1, bottom + 1, right + 1)



@primitive("Patch, Int -> Indices")
def thick_core(patch, n: int) -> Indices:
    """The positions of a patch that lie in some n-by-n square fully inside it (drops thinner lines and spurs)."""
    if n < 1 or n > REACH:
        raise DSLError("domain", "thick_core needs 1 <= n <= 30")
    idx = indices_of(patch)
    # Linear time (checking every square is quadratic in n): dp = side of the largest square inside the
    # patch with its bottom-right corner at a cell; a cell is kept if such a corner with dp >= n lies within
    # n - 1 steps right and then down of it, along cells of the patch.
    order = sorted(idx)
    dp: dict = {}
    for i, j in order:
        dp[i, j] = min(n, 1 + min(dp.get((i - 1, j), 0), dp.get((i, j - 1), 0), dp.get((i - 1, j - 1), 0)))
    far = n  # "no corner within reach"
    right: dict = {}
    for i, j in reversed(order):
        right[i, j] = 0 if dp[i, j] >= n else min(far, right.get((i, j + 1), far - 1) + 1)
    down: dict = {}
    for i, j in reversed(order):
        down[i, j] = 0 if right[i, j] < n else min(far, down.get((i + 1, j), far - 1) + 1)
    return frozenset(c for c, d in down.items() if d < n)
