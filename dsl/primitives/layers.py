"""Layer and pixel-level operations with colour 0 as the empty colour: overlays, colour filters, smearing,
bridging, outlines, embedding, colour maps.

Unlike ``overlay``/``shrink`` (which use the most common colour as the background), every primitive here
treats colour 0 as empty/transparent, the ARC convention. Each one charges the run's budget about one unit
per cell it touches (:func:`dsl.budget.charge`), so work-proportional budgets apply.
"""

from __future__ import annotations

from functools import lru_cache

from dsl.budget import charge
from dsl.primitives.objects import _flat_bytes
from dsl.primitives.structure import components
from dsl.registry import primitive
from dsl.values import DSLError, Grid, Vec, check_colour, check_grid_size

_UNIT_VECTORS = ((-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1))


# ----------------------------------------------------------------------------------------------------------
# Private helpers


def _check_same_shape(a: Grid, b: Grid) -> None:
    if len(a) != len(b) or len(a[0]) != len(b[0]):
        raise DSLError("domain", f"grids of shapes {len(a)}x{len(a[0])} and {len(b)}x{len(b[0])} differ")


def _transpose(grid: Grid) -> Grid:
    return tuple(zip(*grid))


def _unflat(data: bytes, w: int) -> Grid:
    """The grid of width ``w`` whose row-major cells are ``data``: ``w`` references to one iterator, zipped,
    cut it into rows of ints in C."""
    return tuple(zip(*[iter(data)] * w))


def _cell_table(f) -> bytes:
    """A bytes.translate table mapping each byte value v to f(v)."""
    return bytes(f(v) for v in range(256))


# Whole-grid bit tricks: a grid's row-major bytes read as one big-endian int, one byte per cell, so cell k
# is 8 * (n - 1 - k) bits up and the cell before it (k - 1) is the next byte up. Moving every cell s cells
# on (right, or down when s is a multiple of the width) is one shift right by 8 * s bits; masks of the
# receiving columns stop moves from wrapping across rows (and cut off what a left shift pushes past the top).
_INK_ONE = _cell_table(lambda v: 1 if v else 0)
_INK_FF = _cell_table(lambda v: 255 if v else 0)


@lru_cache(maxsize=1024)
def _col_mask(h: int, w: int, lo: int, hi: int, byte: int) -> int:
    """The int whose cells in the columns lo <= j < hi are ``byte`` and the rest 0 (an h x w grid)."""
    lo = min(max(lo, 0), w)
    hi = max(min(hi, w), lo)
    row = bytes(lo) + bytes([byte]) * (hi - lo) + bytes(w - hi)
    return int.from_bytes(row * h, "big")


@lru_cache(maxsize=512)
def _edge_masks(h: int, w: int) -> tuple:
    """``(ones, not_first, not_last)``: 1 at every cell, at the cells off column 0, at the cells off column w - 1."""
    return _col_mask(h, w, 0, w, 1), _col_mask(h, w, 1, w, 1), _col_mask(h, w, 0, w - 1, 1)


def _ink_bits(data: bytes) -> int:
    """The byte-per-cell int of a grid's bytes with 1 at the non-zero cells and 0 elsewhere."""
    return int.from_bytes(data.translate(_INK_ONE), "big")


@lru_cache(maxsize=1024)
def _smear_plan(h: int, w: int, di: int, dj: int) -> tuple:
    """``(full, rounds)`` of :func:`smear`: the all-0xFF int and, per round of span p = 1, 2, 4, ... below the
    line length, the bits to shift right (negative: left) to move every cell p steps on and the 0xFF mask of
    the cells that then receive one."""
    line = w if di == 0 else h if dj == 0 else min(h, w)
    rounds = []
    p = 1
    while p < line:
        rounds.append((8 * p * (di * w + dj), _col_mask(h, w, p * dj, w + p * dj, 255)))
        p *= 2
    return _col_mask(h, w, 0, w, 255), tuple(rounds)


def _smear_row_right(row: tuple) -> tuple:
    """Carry the last non-zero colour rightwards over the 0 cells of a row."""
    if 0 not in row or not any(row):
        return row  # nothing to carry or nothing to carry over (scanned in C)
    out = []
    last = 0
    for v in row:
        if v:
            last = v
        out.append(last)
    return tuple(out)


def _bridge_row(row: tuple) -> tuple:
    """Fill the 0 cells between consecutive non-zero cells of the same colour in one row."""
    prev_j = -1
    prev_c = 0
    cells = None
    for j, v in enumerate(row):
        if not v:
            continue
        if v == prev_c and j - prev_j > 1:
            if cells is None:
                cells = list(row)
            cells[prev_j + 1:j] = [v] * (j - prev_j - 1)
        prev_j, prev_c = j, v
    return row if cells is None else tuple(cells)


def _interior_cells(grid: Grid) -> tuple:
    """``(data, value, mask)``: the grid's bytes, as an int, and the int with 0xFF at the non-zero cells whose four
    neighbours are inside the grid and non-zero (0 elsewhere)."""
    h, w = len(grid), len(grid[0])
    data = _flat_bytes(grid)
    _, not_first, not_last = _edge_masks(h, w)
    ink = _ink_bits(data)
    mask = ink & ink >> 8 & ink << 8 & ink >> 8 * w & ink << 8 * w & not_first & not_last
    return data, int.from_bytes(data, "big"), mask * 255


# ----------------------------------------------------------------------------------------------------------
# Overlays and colour filters


@primitive("Grid, Grid, Int -> Grid")
def overlay_except(base: Grid, top: Grid, transparent: int) -> Grid:
    """Lay top over base (same shape): top's cells not of the transparent colour overwrite."""
    check_colour(transparent)
    _check_same_shape(base, top)
    charge(len(base) * len(base[0]))
    return tuple(tuple(b if t == transparent else t for b, t in zip(rb, rt)) for rb, rt in zip(base, top))


@primitive("Grid, Grid, Int -> Grid")
def overlay_only(base: Grid, top: Grid, colour: int) -> Grid:
    """Copy top's cells of one colour onto base (same shape), leaving the rest of base."""
    check_colour(colour)
    _check_same_shape(base, top)
    charge(len(base) * len(base[0]))
    return tuple(tuple(t if t == colour else b for b, t in zip(rb, rt)) for rb, rt in zip(base, top))


# Per-colour translate tables of the colour filters.
_KEEP = tuple(_cell_table(lambda v, c=c: v if v == c else 0) for c in range(10))
_INK_TO = tuple(_cell_table(lambda v, c=c: c if v else 0) for c in range(10))
_EMPTY_TO = tuple(_cell_table(lambda v, c=c: 0 if v else c) for c in range(10))


@primitive("Grid, Int -> Grid")
def keep_colour(grid: Grid, colour: int) -> Grid:
    """Keep the cells of one colour and set every other cell to 0."""
    check_colour(colour)
    charge(len(grid) * len(grid[0]))
    return _unflat(_flat_bytes(grid).translate(_KEEP[colour]), len(grid[0]))


@primitive("Grid, Int -> Grid")
def recolour_ink(grid: Grid, colour: int) -> Grid:
    """Set every non-zero cell to one colour."""
    check_colour(colour)
    charge(len(grid) * len(grid[0]))
    return _unflat(_flat_bytes(grid).translate(_INK_TO[colour]), len(grid[0]))


@primitive("Grid, Tup[Int], Tup[Int] -> Grid")
def map_colours(grid: Grid, source: tuple, target: tuple) -> Grid:
    """Recolour every cell at once by a colour map: source[k] becomes target[k], other colours stay."""
    if len(source) != len(target):
        raise DSLError("domain", f"colour map of {len(source)} sources and {len(target)} targets")
    for c in source:
        check_colour(c)
    for c in target:
        check_colour(c)
    if len(set(source)) != len(source):
        raise DSLError("domain", f"repeated source colours in {source!r}")
    charge(len(grid) * len(grid[0]))
    table = list(range(10))
    for s, t in zip(source, target):
        table[s] = t
    get = table.__getitem__
    return tuple(tuple(map(get, row)) for row in grid)


@primitive("Grid -> Grid")
def majority_cell(grid: Grid) -> Grid:
    """The 1x1 grid of the grid's most common non-zero colour (0 if there is none; ties to the smallest colour)."""
    charge(len(grid) * len(grid[0]))
    counts = [0] * 10
    for row in grid:
        for c in set(row):
            if c:
                counts[c] += row.count(c)
    best = max(counts)
    return ((counts.index(best) if best else 0,),)


# ----------------------------------------------------------------------------------------------------------
# Smearing and bridging


@primitive("Grid, Vec -> Grid")
def smear(grid: Grid, direction: Vec) -> Grid:
    """Extend every non-zero cell's colour in a direction over 0 cells, stopping at the first non-zero cell or the edge."""
    if direction not in _UNIT_VECTORS:
        raise DSLError("domain", f"{direction!r} is not one of the eight unit directions")
    h, w = len(grid), len(grid[0])
    charge(h * w)
    di, dj = direction
    # A ray stops at the first non-zero cell, so a 0 cell takes the colour of the nearest non-zero cell behind
    # it on its line.
    if direction == (0, 1):
        return tuple([_smear_row_right(row) for row in grid])  # one sweep per row beats the bit tricks here
    # Doubling: after the round of span p every 0 cell has looked 2p - 1 cells back.
    data = _flat_bytes(grid)
    if 0 not in data or not data.strip(b"\x00"):
        return grid  # no 0 cell, or no ink
    value = int.from_bytes(data, "big")
    ink = int.from_bytes(data.translate(_INK_FF), "big")
    full, rounds = _smear_plan(h, w, di, dj)
    for bits, receivers in rounds:
        if ink == full:
            break  # no 0 cell left
        if bits > 0:
            moved, moved_ink = value >> bits, ink >> bits
        else:
            moved, moved_ink = value << -bits, ink << -bits
        value |= moved & receivers & ~ink
        ink |= moved_ink & receivers
    return _unflat(value.to_bytes(len(data), "big"), w)


@primitive("Grid -> Grid")
def bridge_rows(grid: Grid) -> Grid:
    """Fill the 0 cells between two cells of the same colour in a row (nearest pairs only)."""
    charge(len(grid) * len(grid[0]))
    return tuple(_bridge_row(row) for row in grid)


@primitive("Grid -> Grid")
def bridge_cols(grid: Grid) -> Grid:
    """Fill the 0 cells between two cells of the same colour in a column (nearest pairs only)."""
    charge(len(grid) * len(grid[0]))
    return _transpose(tuple(_bridge_row(col) for col in _transpose(grid)))


# ----------------------------------------------------------------------------------------------------------
# Outlines and interiors


@primitive("Grid -> Grid")
def interior(grid: Grid) -> Grid:
    """Keep the non-zero cells whose four neighbours are all inside the grid and non-zero; others become 0."""
    charge(len(grid) * len(grid[0]))
    data, value, mask = _interior_cells(grid)
    return _unflat((value & mask).to_bytes(len(data), "big"), len(grid[0]))


@primitive("Grid -> Grid")
def outline(grid: Grid) -> Grid:
    """Keep the non-zero cells that touch a 0 cell or the edge (4-neighbourhood); others become 0."""
    charge(len(grid) * len(grid[0]))
    data, value, mask = _interior_cells(grid)
    return _unflat((value & ~mask).to_bytes(len(data), "big"), len(grid[0]))


# ----------------------------------------------------------------------------------------------------------
# Shape: embedding, cropping, counting, tiling


@primitive("Grid, Vec -> Grid")
def embed(grid: Grid, shape: Vec) -> Grid:
    """Place a grid at the top-left of a 0 canvas of the given shape, cropping what does not fit."""
    h, w = shape
    check_grid_size(h, w)
    charge(h * w)
    gw = len(grid[0])
    pad = (0,) * max(0, w - gw)
    rows = tuple(row[:w] + pad for row in grid[:h])
    return rows + ((0,) * w,) * (h - len(rows))


@primitive("Grid -> Int")
def ink(grid: Grid) -> int:
    """The number of non-zero cells of a grid."""
    charge(len(grid) * len(grid[0]))
    w = len(grid[0])
    return sum(w - row.count(0) for row in grid)


@primitive("Grid -> Grid")
def crop_ink(grid: Grid) -> Grid:
    """Crop a grid to the bounding box of its non-zero cells."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    rows = [i for i in range(h) if grid[i].count(0) != w]
    if not rows:
        raise DSLError("empty", "crop of an all-zero grid")
    band = grid[rows[0]:rows[-1] + 1]
    cols = [j for j, col in enumerate(zip(*band)) if any(col)]
    j0, j1 = cols[0], cols[-1] + 1
    return tuple(row[j0:j1] for row in band)


@primitive("Grid -> Int")
def area(grid: Grid) -> int:
    """The number of cells of a grid (height times width)."""
    return len(grid) * len(grid[0])


@primitive("Grid -> Grid")
def mirror_tile(grid: Grid) -> Grid:
    """The 2x2 mirror tiling: the grid, its left-right mirror to the right, and both flipped upside down below."""
    h, w = len(grid), len(grid[0])
    check_grid_size(2 * h, 2 * w)
    charge(4 * h * w)
    top = tuple(row + row[::-1] for row in grid)
    return top + top[::-1]


@primitive("Grid, Int -> Grid")
def invert_ink(grid: Grid, colour: int) -> Grid:
    """Swap ink and empty: 0 cells take the colour and non-zero cells become 0."""
    check_colour(colour)
    charge(len(grid) * len(grid[0]))
    return _unflat(_flat_bytes(grid).translate(_EMPTY_TO[colour]), len(grid[0]))


@primitive("Tup[Grid], Int, Int -> Grid")
def panel_logic(panels: tuple, rule: int, colour: int) -> Grid:
    """Combine the ink of two equal-shaped panels cellwise by a truth table (bit 2a+b of rule), painted in a colour."""
    check_colour(colour)
    if type(rule) is not int or not 0 <= rule <= 15:
        raise DSLError("domain", f"{rule!r} is not a 4-bit truth table")
    if len(panels) != 2:
        raise DSLError("domain", f"panel_logic needs exactly 2 panels, got {len(panels)}")
    a, b = panels
    _check_same_shape(a, b)
    charge(2 * len(a) * len(a[0]))
    table = tuple(colour if rule >> k & 1 else 0 for k in range(4))
    return tuple(tuple(table[2 * (x != 0) + (y != 0)] for x, y in zip(ra, rb)) for ra, rb in zip(a, b))


@primitive("Tup[Grid] -> Grid")
def stack_ink(grids: tuple) -> Grid:
    """Lay equal-shaped grids over each other in order, each one's non-zero cells on top of the ones before."""
    if not grids:
        raise DSLError("empty", "no grids to stack")
    out = [list(row) for row in grids[0]]
    for top in grids[1:]:
        _check_same_shape(grids[0], top)
        charge(len(top) * len(top[0]))
        for row, trow in zip(out, top):
            for j, v in enumerate(trow):
                if v:
                    row[j] = v
    return tuple(tuple(row) for row in out)


def _ink_components(grid: Grid) -> tuple:
    """Single-colour 4-connected components of the non-zero cells, as tuples of (i, j), in row-major order."""
    charge(2 * len(grid) * len(grid[0]))
    return components(grid, 0, univalued=True)


def _paint_components(grid: Grid, comps: list, colours: list) -> Grid:
    out = [[0] * len(grid[0]) for _ in grid]
    for comp, c in zip(comps, colours):
        for i, j in comp:
            out[i][j] = c
    return tuple(tuple(row) for row in out)


@primitive("Grid -> Grid")
def size_colours(grid: Grid) -> Grid:
    """Paint every single-colour 4-connected non-zero object with its cell count (at most 9)."""
    comps = _ink_components(grid)
    return _paint_components(grid, comps, [min(len(c), 9) for c in comps])


@primitive("Grid -> Grid")
def rank_colours(grid: Grid) -> Grid:
    """Paint every single-colour 4-connected non-zero object with its size rank, 1 for the largest (ties: first in row-major order; at most 9)."""
    comps = _ink_components(grid)
    order = sorted(range(len(comps)), key=lambda k: -len(comps[k]))
    ranks = [0] * len(comps)
    for r, k in enumerate(order):
        ranks[k] = min(r + 1, 9)
    return _paint_components(grid, comps, ranks)


@primitive("Grid, Int, Bool -> Grid")
def halo(grid: Grid, colour: int, diagonal: bool) -> Grid:
    """Paint the 0 cells next to a non-zero cell (4-neighbours, or 8 with diagonal) in a colour."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    data = _flat_bytes(grid)
    ones, not_first, not_last = _edge_masks(h, w)
    ink = _ink_bits(data)
    near = (ink >> 8 & not_first) | (ink << 8 & not_last)  # ink to the left or right
    above_below = near | ink if diagonal else ink
    near |= above_below >> 8 * w | above_below << 8 * w
    paint = near & (ones ^ ink)
    if not paint:
        return grid
    # Painted cells are 0, so or-ing ``colour`` into their bytes repaints them.
    return _unflat((int.from_bytes(data, "big") | paint * colour).to_bytes(len(data), "big"), w)
