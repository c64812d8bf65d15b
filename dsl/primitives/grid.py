"""Whole-grid transforms: rotations, mirrors, scaling, concatenation, splitting and cropping."""

from itertools import chain
from operator import add

from dsl.primitives.colour import mostcolor
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_colour, check_grid_size


def _patch_positions(patch) -> list:
    """The (i, j) positions of an Object or Indices (a non-empty frozenset)."""
    for cell in patch:
        if type(cell[1]) is tuple:
            return [cell[1] for cell in patch]
        return list(patch)
    return []


def _bbox(patch) -> tuple:
    """(top, left, bottom, right) of a non-empty patch's cells."""
    positions = _patch_positions(patch)
    rows = [i for i, _ in positions]
    cols = [j for _, j in positions]
    return min(rows), min(cols), max(rows), max(cols)


def _is_object(patch) -> bool:
    """True if a non-empty patch is an Object rather than Indices."""
    for cell in patch:
        return type(cell[1]) is tuple
    return False


# ----------------------------------------------------------------------------------------------------------
# Rotations and mirrors


@primitive("Grid -> Grid")
def rot90(grid: Grid) -> Grid:
    """Rotate a grid a quarter turn clockwise."""
    return tuple(zip(*grid[::-1]))


@primitive("Grid -> Grid")
def rot180(grid: Grid) -> Grid:
    """Rotate a grid half a turn."""
    return tuple(row[::-1] for row in grid[::-1])


@primitive("Grid -> Grid")
def rot270(grid: Grid) -> Grid:
    """Rotate a grid a quarter turn anticlockwise."""
    return tuple(zip(*grid))[::-1]


@primitive("X -> X")
def hmirror(piece):
    """Flip upside down (a patch flips within its own bounding box)."""
    if type(piece) is tuple:
        return piece[::-1]
    if not piece:
        return piece
    top, _, bottom, _ = _bbox(piece)
    s = top + bottom
    if _is_object(piece):
        return frozenset((c, (s - i, j)) for c, (i, j) in piece)
    return frozenset((s - i, j) for i, j in piece)


@primitive("X -> X")
def vmirror(piece):
    """Flip left-right (a patch flips within its own bounding box)."""
    if type(piece) is tuple:
        return tuple(row[::-1] for row in piece)
    if not piece:
        return piece
    _, left, _, right = _bbox(piece)
    s = left + right
    if _is_object(piece):
        return frozenset((c, (i, s - j)) for c, (i, j) in piece)
    return frozenset((i, s - j) for i, j in piece)


@primitive("X -> X")
def dmirror(piece):
    """Mirror along the main diagonal (transpose; a patch keeps its bounding box's top-left corner)."""
    if type(piece) is tuple:
        return tuple(zip(*piece))
    if not piece:
        return piece
    top, left, _, _ = _bbox(piece)
    d = top - left
    if _is_object(piece):
        return frozenset((c, (j + d, i - d)) for c, (i, j) in piece)
    return frozenset((j + d, i - d) for i, j in piece)


@primitive("X -> X")
def cmirror(piece):
    """Mirror along the anti-diagonal (a patch keeps its bounding box's top-left corner)."""
    if type(piece) is tuple:
        return tuple(zip(*(row[::-1] for row in piece[::-1])))
    if not piece:
        return piece
    top, left, bottom, right = _bbox(piece)
    si, sj = top + right, left + bottom
    if _is_object(piece):
        return frozenset((c, (si - j, sj - i)) for c, (i, j) in piece)
    return frozenset((si - j, sj - i) for i, j in piece)


# ----------------------------------------------------------------------------------------------------------
# Scaling and tiling


def _stretch_rows(grid: Grid, factor: int) -> list:
    """The grid's rows with every cell repeated ``factor`` times (an int factor >= 1, cells 0-9)."""
    width = len(grid[0]) * factor
    data = b"".join(map(bytes, grid))
    out = bytearray(len(data) * factor)
    for r in range(factor):  # cell x goes to x * factor + r: one strided slice assignment in C per copy
        out[r::factor] = data
    return [tuple(out[s:s + width]) for s in range(0, len(out), width)]


def _check_factor(factor: int) -> None:
    if factor < 1:
        raise DSLError("domain", f"factor {factor} must be >= 1")


@primitive("Grid, Int -> Grid")
def upscale(grid: Grid, factor: int) -> Grid:
    """Scale a grid up by an integer factor in both directions."""
    _check_factor(factor)
    check_grid_size(len(grid) * factor, len(grid[0]) * factor)
    if type(factor) is not int:  # a bool or float factor: the generic path, with its errors
        rows = [tuple(chain.from_iterable(zip(*(row,) * factor))) for row in grid]
    elif factor == 1:
        return grid
    else:
        rows = _stretch_rows(grid, factor)
    return tuple(chain.from_iterable(zip(*(rows,) * factor)))


@primitive("Grid, Int -> Grid")
def hupscale(grid: Grid, factor: int) -> Grid:
    """Stretch a grid horizontally: repeat every column ``factor`` times."""
    _check_factor(factor)
    check_grid_size(len(grid), len(grid[0]) * factor)
    return tuple(tuple(chain.from_iterable(zip(*(row,) * factor))) for row in grid)


@primitive("Grid, Int -> Grid")
def vupscale(grid: Grid, factor: int) -> Grid:
    """Stretch a grid vertically: repeat every row ``factor`` times."""
    _check_factor(factor)
    check_grid_size(len(grid) * factor, len(grid[0]))
    return tuple(chain.from_iterable(zip(*(grid,) * factor)))


@primitive("Grid, Int -> Grid")
def downscale(grid: Grid, factor: int) -> Grid:
    """Scale a grid down by keeping every ``factor``-th row and column."""
    _check_factor(factor)
    return tuple(row[::factor] for row in grid[::factor])


@primitive("Grid, Int, Int -> Grid")
def tile(grid: Grid, rows: int, cols: int) -> Grid:
    """Repeat a grid ``rows`` times down and ``cols`` times across."""
    if rows < 1 or cols < 1:
        raise DSLError("domain", f"tile counts {rows}x{cols} must be >= 1")
    check_grid_size(len(grid) * rows, len(grid[0]) * cols)
    return tuple(row * cols for row in grid) * rows


# ----------------------------------------------------------------------------------------------------------
# Concatenation and splitting


@primitive("Grid, Grid -> Grid")
def hconcat(a: Grid, b: Grid) -> Grid:
    """Join two grids of equal height side by side."""
    if len(a) != len(b):
        raise DSLError("domain", "hconcat needs equal heights")
    check_grid_size(len(a), len(a[0]) + len(b[0]))
    return tuple(map(add, a, b))


@primitive("Grid, Grid -> Grid")
def vconcat(a: Grid, b: Grid) -> Grid:
    """Stack two grids of equal width, the first on top."""
    if len(a[0]) != len(b[0]):
        raise DSLError("domain", "vconcat needs equal widths")
    check_grid_size(len(a) + len(b), len(a[0]))
    return a + b


def _split_starts(length: int, n: int) -> tuple:
    """Part size and start offsets for ``n`` equal parts of ``length``, allowing one-cell separators."""
    if n < 1 or n > length:
        raise DSLError("domain", f"cannot split {length} into {n} parts")
    if length % n == 0:
        size = length // n
        return size, range(0, length, size)
    if (length - (n - 1)) % n == 0:
        size = (length - (n - 1)) // n
        return size, range(0, length, size + 1)
    raise DSLError("domain", f"cannot split {length} into {n} equal parts")


@primitive("Grid, Int -> Tup[Grid]")
def hsplit(grid: Grid, n: int) -> tuple:
    """Split a grid into ``n`` equal parts side by side (single separator columns are dropped)."""
    size, starts = _split_starts(len(grid[0]), n)
    return tuple(tuple(row[s:s + size] for row in grid) for s in starts)


@primitive("Grid, Int -> Tup[Grid]")
def vsplit(grid: Grid, n: int) -> tuple:
    """Split a grid into ``n`` equal parts stacked top to bottom (single separator rows are dropped)."""
    size, starts = _split_starts(len(grid), n)
    return tuple(grid[s:s + size] for s in starts)


# ----------------------------------------------------------------------------------------------------------
# Halves and cropping


@primitive("Grid -> Grid")
def tophalf(grid: Grid) -> Grid:
    """The upper half of a grid (the middle row of an odd height is excluded)."""
    half = len(grid) // 2
    if half == 0:
        raise DSLError("empty", "grid too small to halve")
    return grid[:half]


@primitive("Grid -> Grid")
def bottomhalf(grid: Grid) -> Grid:
    """The lower half of a grid (the middle row of an odd height is excluded)."""
    half = len(grid) // 2
    if half == 0:
        raise DSLError("empty", "grid too small to halve")
    return grid[len(grid) - half:]


@primitive("Grid -> Grid")
def lefthalf(grid: Grid) -> Grid:
    """The left half of a grid (the middle column of an odd width is excluded)."""
    half = len(grid[0]) // 2
    if half == 0:
        raise DSLError("empty", "grid too small to halve")
    return tuple(row[:half] for row in grid)


@primitive("Grid -> Grid")
def righthalf(grid: Grid) -> Grid:
    """The right half of a grid (the middle column of an odd width is excluded)."""
    width = len(grid[0])
    half = width // 2
    if half == 0:
        raise DSLError("empty", "grid too small to halve")
    return tuple(row[width - half:] for row in grid)


def _window(grid: Grid, top: int, left: int, bottom: int, right: int) -> Grid:
    """Rows ``top..bottom-1`` and columns ``left..right-1``, clipped to the grid; ``empty`` if nothing is left."""
    top, left = max(top, 0), max(left, 0)
    bottom, right = min(bottom, len(grid)), min(right, len(grid[0]))
    if top >= bottom or left >= right:
        raise DSLError("empty", "nothing left to crop")
    return tuple(row[left:right] for row in grid[top:bottom])


@primitive("Grid, Vec, Vec -> Grid")
def crop(grid: Grid, start, dims) -> Grid:
    """The part of a grid starting at ``start`` with shape ``dims``, clipped to the grid."""
    i, j = start
    h, w = dims
    return _window(grid, i, j, i + h, j + w)


@primitive("Patch, Grid -> Grid")
def subgrid(patch, grid: Grid) -> Grid:
    """The part of a grid inside a patch's bounding box."""
    if not patch:
        raise DSLError("empty", "empty patch")
    top, left, bottom, right = _bbox(patch)
    return _window(grid, top, left, bottom + 1, right + 1)


@primitive("Grid -> Grid")
def trim(grid: Grid) -> Grid:
    """Remove the outermost rows and columns of a grid."""
    if len(grid) < 3 or len(grid[0]) < 3:
        raise DSLError("empty", "grid too small to trim")
    return tuple(row[1:-1] for row in grid[1:-1])


@primitive("Grid -> Grid")
def compress(grid: Grid) -> Grid:
    """Remove every single-coloured row and column."""
    keep_rows = [row for row in grid if row.count(row[0]) != len(row)]
    keep_cols = [j for j, col in enumerate(zip(*grid)) if col.count(col[0]) != len(col)]
    if not keep_rows or not keep_cols:
        raise DSLError("empty", "every row or column is uniform")
    return tuple(tuple(row[j] for j in keep_cols) for row in keep_rows)


@primitive("Grid -> Grid")
def shrink(grid: Grid) -> Grid:
    """Crop a grid to the bounding box of its non-background cells (background = most common colour)."""
    bg = mostcolor(grid)
    width = len(grid[0])
    rows = [i for i, row in enumerate(grid) if row.count(bg) != width]
    if not rows:
        raise DSLError("empty", "grid has only background")
    height = len(grid)
    cols = [j for j, col in enumerate(zip(*grid)) if col.count(bg) != height]
    return tuple(row[cols[0]:cols[-1] + 1] for row in grid[rows[0]:rows[-1] + 1])


# ----------------------------------------------------------------------------------------------------------
# Building grids


@primitive("Int, Vec -> Grid")
def canvas(colour: int, dims) -> Grid:
    """A grid of one colour with the given shape (rows, columns)."""
    check_colour(colour)
    h, w = dims
    check_grid_size(h, w)
    return ((colour,) * w,) * h


@primitive("Grid, Grid, Int -> Grid")
def cellwise(a: Grid, b: Grid, fallback: int) -> Grid:
    """Keep a's cell where two equal-shaped grids agree, else the fallback colour."""
    if len(a) != len(b) or len(a[0]) != len(b[0]):
        raise DSLError("domain", "cellwise needs equal shapes")
    check_colour(fallback)
    return tuple(tuple(x if x == y else fallback for x, y in zip(ra, rb)) for ra, rb in zip(a, b))


@primitive("Grid -> Grid")
def squash(grid: Grid) -> Grid:
    """Merge every run of identical consecutive rows into one row, then the same for columns."""
    rows = [grid[0]] + [r for p, r in zip(grid, grid[1:]) if r != p]
    cols = list(zip(*rows))
    keep = [cols[0]] + [c for p, c in zip(cols, cols[1:]) if c != p]
    return tuple(zip(*keep))
