"""Painting and editing: fill, paint, recolour, cover, move."""

from functools import cache

from dsl.primitives.colour import mostcolor
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_colour


def _is_object(patch) -> bool:
    """True if a non-empty patch is an Object (its cells are ``(colour, (i, j))``), False for Indices or empty."""
    for cell in patch:
        return type(cell[1]) is tuple
    return False


def _positions(patch):
    """The (i, j) positions of an Object or Indices."""
    if _is_object(patch):
        return [pos for _, pos in patch]
    return patch


def _object_cells(obj) -> dict:
    """Map position -> colour for an Object; if a position has two colours the larger one wins."""
    if obj and not _is_object(obj):
        raise DSLError("domain", "expected an Object, got Indices")
    cells = {pos: c for c, pos in obj}
    if len(cells) != len(obj):
        cells = {pos: c for c, pos in sorted(obj)}
    for c in set(cells.values()):
        check_colour(c)
    return cells


def _set_cells(grid: Grid, cells, only=None) -> Grid:
    """Write ``{(i, j): colour}`` into a grid, ignoring cells outside it; with ``only``, just over that colour."""
    h, w = len(grid), len(grid[0])
    touched = {}
    for (i, j), c in cells.items():
        if 0 <= i < h and 0 <= j < w and (only is None or grid[i][j] == only):
            row = touched.get(i)
            if row is None:
                row = touched[i] = list(grid[i])
            row[j] = c
    if not touched:
        return grid
    rows = list(grid)
    for i, row in touched.items():
        rows[i] = tuple(row)
    return tuple(rows)


def _fill_positions(grid: Grid, colour: int, positions, only=None) -> Grid:
    """Set the given positions to one colour, ignoring cells outside; with ``only``, just over that colour."""
    return _set_cells(grid, dict.fromkeys(positions, colour), only)


@primitive("Grid, Int, Patch -> Grid")
def fill(grid: Grid, colour: int, patch) -> Grid:
    """Set a patch's cells to one colour (cells outside the grid are ignored)."""
    check_colour(colour)
    if not patch:
        return grid
    return _fill_positions(grid, colour, _positions(patch))


@primitive("Grid, Object -> Grid")
def paint(grid: Grid, obj) -> Grid:
    """Paint an object's cells in their colours (cells outside the grid are ignored)."""
    if not obj:
        return grid
    return _set_cells(grid, _object_cells(obj))


@primitive("Grid, Int, Patch -> Grid")
def underfill(grid: Grid, colour: int, patch) -> Grid:
    """Fill a patch's cells with a colour only where the grid shows its background (most common colour)."""
    check_colour(colour)
    if not patch:
        return grid
    return _fill_positions(grid, colour, _positions(patch), only=mostcolor(grid))


@primitive("Grid, Object -> Grid")
def underpaint(grid: Grid, obj) -> Grid:
    """Paint an object only where the grid shows its background (most common colour)."""
    if not obj:
        return grid
    return _set_cells(grid, _object_cells(obj), only=mostcolor(grid))


@primitive("Grid, Patch -> Grid")
def cover(grid: Grid, patch) -> Grid:
    """Fill a patch's cells with the grid's background (most common colour)."""
    if not patch:
        return grid
    return _fill_positions(grid, mostcolor(grid), _positions(patch))


@primitive("Grid, Object, Vec -> Grid")
def move(grid: Grid, obj, offset) -> Grid:
    """Cover an object with the background, then paint it shifted by an offset."""
    if not obj:
        return grid
    di, dj = offset
    cells = _object_cells(obj)
    covered = _fill_positions(grid, mostcolor(grid), cells)
    return _set_cells(covered, {(i + di, j + dj): c for (i, j), c in cells.items()})


@cache
def _recolouring(old: int, new: int) -> bytes:
    """A ``bytes.translate`` table turning byte ``old`` into ``new`` and keeping every other byte."""
    return bytes(new if v == old else v for v in range(256))


@primitive("Grid, Int, Int -> Grid")
def replace(grid: Grid, old: int, new: int) -> Grid:
    """Replace every cell of one colour with another colour."""
    check_colour(new)
    if old == new or not any(old in row for row in grid):
        return grid
    if type(old) is int and 0 <= old <= 9:
        # Rows holding the colour are recoloured by a byte translation table, the others are kept.
        table = _recolouring(old, new)
        return tuple([tuple(bytes(row).translate(table)) if old in row else row for row in grid])
    return tuple(tuple(new if v == old else v for v in row) for row in grid)  # a bool: cell by cell


@primitive("Grid, Int, Int -> Grid")
def switch(grid: Grid, a: int, b: int) -> Grid:
    """Swap two colours everywhere in a grid."""
    check_colour(a)
    check_colour(b)
    if a == b:
        return grid
    return tuple(tuple(b if v == a else a if v == b else v for v in row) for row in grid)


@primitive("Grid, Tup[Object] -> Grid")
def paint_all(grid: Grid, objs: tuple) -> Grid:
    """Paint several objects in order, later ones on top."""
    for obj in objs:
        if obj:
            grid = _set_cells(grid, _object_cells(obj))
    return grid


@primitive("Grid, Int, Vec, Vec -> Grid")
def fill_box(grid: Grid, colour: int, corner, opposite) -> Grid:
    """Set the rectangle between two corner positions (both included, clipped to the grid) to one colour."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    top, bottom = max(0, min(corner[0], opposite[0])), min(h - 1, max(corner[0], opposite[0]))
    left, right = max(0, min(corner[1], opposite[1])), min(w - 1, max(corner[1], opposite[1]))
    if top > bottom or left > right:
        return grid
    span = (colour,) * (right - left + 1)
    return grid[:top] + tuple(row[:left] + span + row[right + 1:] for row in grid[top:bottom + 1]) + grid[bottom + 1:]
