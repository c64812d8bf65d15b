"""Cleaning and region edits: isolated pixels, noisy stripes, empty lines, flooding and objects with holes."""

from __future__ import annotations

from functools import lru_cache

from dsl.background import background
from dsl.budget import charge
from dsl.primitives.structure import border_bits, colour_regions, component_runs, flood_bits
from dsl.registry import primitive
from dsl.values import Grid, check_colour

#: Bytes translation table: 1 for a non-zero colour, 0 for 0 (and for the 0 row separators).
_NONZERO = bytes(1 if b else 0 for b in range(256))


def _singletons_mask(grid: Grid) -> tuple:
    """``(cells, mask)``: the grid as one little-endian int, a byte per cell and rows ``w + 1`` bytes apart
    (a 0 byte between rows), and an int with 0xFF in the bytes of the non-zero cells without a non-zero
    4-neighbour. Shifting by 8 bits moves one cell, by ``8 * (w + 1)`` one row; the 0 separators stop a
    row's ends from seeing the next row's cells."""
    data = b"\0".join(map(bytes, grid))
    cells = int.from_bytes(data, "little")
    nz = int.from_bytes(data.translate(_NONZERO), "little")  # 1 in each non-zero cell's byte
    row = 8 * (len(grid[0]) + 1)
    near = (nz << 8) | (nz >> 8) | (nz << row) | (nz >> row)
    return cells, (nz & ~near) * 255


def _int_grid(cells: int, h: int, w: int) -> Grid:
    """The grid back from the int of :func:`_singletons_mask`."""
    data = cells.to_bytes(h * (w + 1) - 1, "little")
    return tuple(tuple(data[s:s + w]) for s in range(0, h * (w + 1), w + 1))


@primitive("Grid -> Grid")
def keep_singletons(grid: Grid) -> Grid:
    """Keep only the non-zero cells without a non-zero 4-neighbour; everything else becomes 0."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    cells, lone = _singletons_mask(grid)
    return _int_grid(cells & lone, h, w)


def _line_majority(line: tuple) -> tuple:
    """``(value, count)``: the most common value of a line (ties to the smaller value) and its count."""
    first = line[0]
    n = line.count(first)
    if 2 * n > len(line):  # a strict majority: no need to count the rest
        return first, n
    best = max(sorted(set(line)), key=line.count)  # max keeps the first, smallest, of the most common
    return best, line.count(best)


@primitive("Grid -> Grid")
def denoise_stripes(grid: Grid) -> Grid:
    """Repaint every row with its majority colour, or every column, whichever changes fewer cells (ties: rows)."""
    h, w = len(grid), len(grid[0])
    charge(3 * h * w)
    rows = [_line_majority(row) for row in grid]
    cols = [_line_majority(col) for col in zip(*grid)]
    # A line repainted with its majority changes the cells not of that colour.
    if sum(n for _, n in rows) >= sum(n for _, n in cols):
        return tuple((c,) * w for c, _ in rows)
    col_major = tuple(c for c, _ in cols)
    return tuple(col_major for _ in range(h))


@primitive("Grid, Int -> Grid")
def fill_empty_lines(grid: Grid, colour: int) -> Grid:
    """Paint every all-zero row and every all-zero column in a colour."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    full = (colour,) * w
    cols = list(zip(*grid))
    used = list(map(any, cols))
    if all(used):
        return tuple(row if any(row) else full for row in grid)
    # Paint the empty columns on the transposed grid, then the empty rows.
    fill = (colour,) * h
    painted = zip(*[col if u else fill for col, u in zip(cols, used)])
    return tuple(new if any(row) else full for row, new in zip(grid, painted))


@lru_cache(maxsize=64)
def _zero_regions_touching(grid: Grid) -> tuple:
    """The 4-connected regions of 0 cells as ``(touching, runs)``: the set of colours 4-adjacent to the region
    and its row runs ``(j0, j1, _, _, i)``; cached, as ``flood_from`` asks for one grid with many colours."""
    h, w = len(grid), len(grid[0])
    groups, runs = colour_regions(grid, 0)
    out = []
    for g in groups:
        touching: set = set()
        group = [runs[x] for x in g]
        for j0, j1, _, _, i in group:
            row = grid[i]
            if j0:
                touching.add(row[j0 - 1])
            if j1 < w:
                touching.add(row[j1])
            if i:
                touching.update(grid[i - 1][j0:j1])
            if i + 1 < h:
                touching.update(grid[i + 1][j0:j1])
        out.append((touching, group))
    return tuple(out)


@primitive("Grid, Int -> Grid")
def flood_from(grid: Grid, colour: int) -> Grid:
    """Paint in a colour every 0 cell 4-connected through 0 cells to a cell of that colour."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(3 * h * w)
    if not colour or not any(colour in row for row in grid):
        return grid  # no seed cell: the grid unchanged
    # The flood paints exactly the 4-connected regions of 0 cells that touch a ``colour`` cell: label the
    # regions by row runs (as ``objects`` does) and test each region's neighbours instead of a per-cell flood.
    rows = None
    fill = (colour,) * w
    for touching, group in _zero_regions_touching(grid):
        if colour in touching:
            if rows is None:
                rows = list(grid)
            for j0, j1, _, _, i in group:
                row = rows[i]
                rows[i] = row[:j0] + fill[:j1 - j0] + row[j1:]
    return grid if rows is None else tuple(rows)


def _encloses(body: list) -> bool:
    """Whether a piece, as row runs ``(j0, j1, _, _, i)``, encloses cells of its bounding box that cannot reach
    the box's outside."""
    top, bottom = body[0][4], body[-1][4]
    left = min(r[0] for r in body)
    right = max(r[1] for r in body)
    if bottom - top < 2 or right - left < 3 or sum(r[1] - r[0] for r in body) >= (bottom - top + 1) * (right - left):
        return False  # an enclosed cell is inside the box's border, and the box must have a free cell
    # The box padded by one free cell all round as an int, a bit per cell, rows ``stride`` bits apart with a
    # never-free bit between them. The padding ring is one free region: flood it bit-parallel through the
    # free cells; the piece encloses something exactly when the flood misses a free cell.
    width, height = right - left + 2, bottom - top + 3
    stride = width + 1
    piece = 0
    for j0, j1, _, _, i in body:
        piece |= ((1 << (j1 - j0)) - 1) << ((i - top + 1) * stride + j0 - left + 1)
    every = ((1 << width) - 1) * (((1 << (stride * height)) - 1) // ((1 << stride) - 1))  # each row's cells
    free = every ^ piece
    return flood_bits(border_bits(width, height, stride), free, stride) != free


@primitive("Grid -> Grid")
def keep_holed(grid: Grid) -> Grid:
    """Keep the single-colour 4-connected objects (on the most common colour) that enclose a hole; the rest becomes 0."""
    h, w = len(grid), len(grid[0])
    charge(4 * h * w)
    bg = background(grid)
    groups, runs = component_runs(grid, bg, True, False)  # all four arguments: the key components uses
    out = [[0] * w for _ in range(h)]
    for g in groups:
        body = [runs[x] for x in g]
        if _encloses(body):
            for j0, j1, _, _, i in body:
                out[i][j0:j1] = grid[i][j0:j1]
    return tuple(map(tuple, out))


@primitive("Grid -> Grid")
def remove_singletons(grid: Grid) -> Grid:
    """Erase (to 0) the non-zero cells without a non-zero 4-neighbour."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    cells, lone = _singletons_mask(grid)
    return _int_grid(cells & ~lone, h, w)
