"""Whole-grid motion: translating the contents by one cell and pixels bouncing between the side walls."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain, compress

from dsl.budget import charge
from dsl.primitives.objects import _SEP, _grid_bytes
from dsl.registry import primitive
from dsl.values import DSLError, Grid, Vec

_STEPS = ((-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1))


def _count_seeds(data: bytes, h: int, colour: int) -> tuple:
    """``(targets, seeds)``: the numbers of ``colour`` cells (0 for colour 0) and of other non-zero cells of a
    grid of h rows, from its padded bytes (:func:`_padded_bytes`).

    Counted in C, so a grid without the colour is turned away without visiting its cells in Python."""
    targets = data.count(colour) if colour else 0
    return targets, len(data) - h - data.count(0) - targets


# Walks along lines in C: the grid's bytes with a 0xFF separator after every row (so cell (i, j) is byte
# i * (w + 1) + j) cut into the lines of one direction, each line followed by 0xFF, and scanned by a regex.
# A step of t bytes moves (0, 1) for t = 1, (1, 0) for t = w + 1, (1, 1) for t = w + 2 and (1, -1) for t = w;
# every line ends at a separator, so no walk leaves the grid.
def _padded_bytes(grid: Grid) -> bytes:
    """The grid's cells, each row followed by 0xFF."""
    return _grid_bytes(grid) + _SEP


@lru_cache(maxsize=256)  # a few tasks' shapes, 4 directions each (up to ~30 kB apiece)
def _line_index(n: int, t: int) -> tuple:
    """For each byte of :func:`_lines`, the padded-grid byte it came from (-1 for the added separators)."""
    out: list = []
    for k in range(t):
        out += range(k, n, t)
        out.append(-1)
    return tuple(out)


def _lines(data: bytes, t: int) -> tuple:
    """``(lines, index)``: the padded grid's bytes in the order of its lines of step t, and where each came from."""
    return _SEP.join([data[k::t] for k in range(t)]), _line_index(len(data), t)


def _colour_class(colour: int, seeds: bool) -> bytes:
    """A regex class of the byte ``colour``, or with ``seeds`` of the other ink bytes (not 0, 0xFF or it)."""
    return b"[^\\x00\\xff\\x%02x]" % colour if seeds else b"[\\x%02x]" % colour


@lru_cache(maxsize=10)
def _connect_gaps(colour: int) -> re.Pattern:
    """The runs of 0 cells between a seed and a ``colour`` cell (either way round)."""
    s, c = _colour_class(colour, True), _colour_class(colour, False)
    return re.compile(b"(?<=%s)\\x00+(?=%s)|(?<=%s)\\x00+(?=%s)" % (s, c, c, s))


@lru_cache(maxsize=10)
def _attract_walks(colour: int) -> tuple:
    """A seed, then 0 cells, then a ``colour`` cell; and a ``colour`` cell, then 0 cells, then a seed (the
    ``colour`` cell is not part of the match)."""
    s, c = _colour_class(colour, True), _colour_class(colour, False)
    return re.compile(b"%s\\x00+(?=%s)" % (s, c)), re.compile(b"(?<=%s)\\x00+%s" % (c, s))


def _unpad(out: bytearray, w: int) -> Grid:
    """The grid of a padded grid's bytes."""
    del out[w::w + 1]
    return tuple(zip(*[iter(out)] * w))


@primitive("Grid, Vec -> Grid")
def translate(grid: Grid, direction: Vec) -> Grid:
    """Move every cell one step in a unit direction; cells pushed out are lost and vacated cells become 0."""
    if direction not in _STEPS:
        raise DSLError("domain", f"{direction!r} is not one of the eight unit directions")
    h, w = len(grid), len(grid[0])
    charge(h * w)
    di, dj = direction
    if dj == 1:
        rows = [(0,) + row[:-1] for row in grid]
    elif dj == -1:
        rows = [row[1:] + (0,) for row in grid]
    else:
        rows = list(grid)
    blank = (0,) * w
    if di == 1:
        rows = [blank] + rows[:-1]
    elif di == -1:
        rows = rows[1:] + [blank]
    return tuple(rows)


@lru_cache(maxsize=256)
def _bounce_paths(h: int, w: int) -> tuple:
    """Per start column j, the ``(cell, state)`` of each of the first h - 1 steps of a walk up from row 0 and
    column j that starts to the right and reflects off the side walls: ``cell`` is its offset in the row-major
    cells and ``state`` in the states (2 per cell: the step went right or left), which fix the rest of the walk;
    a walk from row i adds i * w and 2 * i * w."""
    paths = []
    for j in range(w):
        path, d = [], 1
        for k in range(1, h):
            if w > 1:
                if not 0 <= j + d < w:
                    d = -d
                j += d
            path.append((j - k * w, 2 * (j - k * w) + (d > 0)))
        paths.append(tuple(path))
    return tuple(paths)


@primitive("Grid -> Grid")
def bounce(grid: Grid) -> Grid:
    """Send every non-zero cell up the grid diagonally (first to the right), reflecting off the side walls, painting 0 cells."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    zeros = sum(row.count(0) for row in grid)
    charge((h * w - zeros) * h)
    if not zeros:
        return grid  # nothing to paint
    paths = _bounce_paths(h, w)
    out = list(chain.from_iterable(grid))
    # Walks in the same cell and direction go on alike, and the seeds walk in row-major order, so a walk that
    # reaches a state an earlier walk passed through has nothing left to paint: it stops there.
    seen = bytearray(2 * w * h)
    for i in range(1, h):
        row, base = grid[i], i * w
        for j in compress(range(w), row):
            c = row[j]
            for cell, state in paths[j][:i]:
                if seen[2 * base + state]:
                    break
                seen[2 * base + state] = 1
                if not out[base + cell]:
                    out[base + cell] = c
    return tuple(zip(*[iter(out)] * w))


@primitive("Grid, Int -> Grid")
def connect_to_colour(grid: Grid, colour: int) -> Grid:
    """Draw a line of each other non-zero cell's colour over the 0 cells between it and a cell of a colour in line with it."""
    if type(colour) is not int or colour < 0 or colour > 9:
        raise DSLError("domain", f"{colour!r} is not a colour")
    h, w = len(grid), len(grid[0])
    charge(h * w)
    data = _padded_bytes(grid)
    targets, seeds = _count_seeds(data, h, colour)
    charge(seeds * (h + w))
    if not seeds or not targets:
        return grid  # nothing to walk to (the usual case in a search): the grid unchanged
    # Each 0 run between a seed and a colour cell on a row or column is painted in the seed's colour, the
    # seeds in row-major order (a later seed's line overwrites where a row and a column run cross).
    gaps = _connect_gaps(colour)
    paints = []
    for t in (1, w + 1):
        lines, index = _lines(data, t)
        for m in gaps.finditer(lines):
            a, b = m.span()
            seed = a - 1 if lines[a - 1] != colour else b
            paints.append((index[seed], index[a], index[b - 1], t))
    if not paints:
        return grid
    paints.sort()
    out = bytearray(data)
    for seed, a, b, t in paints:
        out[a:b + 1:t] = data[seed:seed + 1] * ((b - a) // t + 1)
    return _unpad(out, w)


@primitive("Grid, Int -> Grid")
def attract_to_colour(grid: Grid, colour: int) -> Grid:
    """Move each other non-zero cell that sees a cell of a colour over 0 cells (4 directions, then diagonals) next to it."""
    if type(colour) is not int or colour < 0 or colour > 9:
        raise DSLError("domain", f"{colour!r} is not a colour")
    h, w = len(grid), len(grid[0])
    charge(h * w)
    data = _padded_bytes(grid)
    targets, seeds = _count_seeds(data, h, colour)
    charge(seeds * 2 * (h + w))
    if not seeds or not targets:
        return grid  # nothing to walk to (the usual case in a search): the grid unchanged
    # Per seed the first direction (down, up, right, left, then the diagonals) in which it sees the colour, and
    # the cell where it lands: the last 0 cell before the colour cell, or its own cell when there is none (then
    # it stays). The regexes find the walks over at least one 0 cell; a seed with one of them stays all the
    # same if an earlier direction has the colour right next to it.
    n, wide = len(data), w + 1
    forward, backward = _attract_walks(colour)
    steps = (wide, -wide, 1, -1, wide + 1, wide - 1, 1 - wide, -1 - wide)  # padded offsets, by rank
    found = []  # (rank of the direction, seed, landing cell)
    for t, ranks in ((wide, (0, 1)), (1, (2, 3)), (wide + 1, (4, 7)), (w, (5, 6))):
        lines, index = _lines(data, t)
        for m in forward.finditer(lines):
            found.append((ranks[0], index[m.start()], index[m.end() - 1]))
        for m in backward.finditer(lines):
            found.append((ranks[1], index[m.end() - 1], index[m.start()]))
    first: dict = {}  # seed -> landing cell in its first direction
    for rank, seed, land in sorted(found, reverse=True):
        first[seed] = land
        for step in steps[:rank]:
            if 0 <= seed + step < n and data[seed + step] == colour:
                del first[seed]
                break
    if not first:
        return grid
    moves = sorted(first.items())
    out = bytearray(data)
    for seed, _ in moves:
        out[seed] = 0
    for seed, land in moves:
        out[land] = data[seed]
    return _unpad(out, w)
