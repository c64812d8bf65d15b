"""Small recurring drawing motifs: empty rectangles filled largest first, a square spiral, alternate cells
of each object, the lower half of each object, the objects of one size recoloured, a border grown by
repeating the edge cells, and a 1x1 left-right symmetry flag.

Colour 0 is empty. Each primitive charges the run's budget about one unit per cell it visits
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import components
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_colour, check_grid_size


def _paint_colour(colour: int) -> None:
    check_colour(colour)
    if not colour:
        raise DSLError("domain", "paint colour 0")


def _largest_empty_rect(rows: list, h: int, w: int) -> tuple:
    """(area, top, left, bottom, right) of the largest all-0 rectangle at least 2x2 (ties: topmost, then
    leftmost), by the row histograms of 0 runs and a stack; area 0 when none."""
    heights = [0] * (w + 1)  # a 0 sentinel column flushes the stack
    best = (0, 0, 0, 0, 0)
    for i in range(h):
        row = rows[i]
        for j in range(w):
            heights[j] = heights[j] + 1 if row[j] == 0 else 0
        stack: list = []  # (start column, height)
        for j in range(w + 1):
            start = j
            hj = heights[j]
            while stack and stack[-1][1] >= hj:
                s, sh = stack.pop()
                if sh >= 2 and j - s >= 2:
                    area = sh * (j - s)
                    top = i - sh + 1
                    if area > best[0] or (area == best[0] and (top, s) < (best[1], best[2])):
                        best = (area, top, s, i, j - 1)
                start = s
            stack.append((start, hj))
    return best


@primitive("Grid, Int -> Grid")
def fill_empty_rects(grid: Grid, colour: int) -> Grid:
    """The largest all-0 rectangle at least 2x2 painted in the colour, again and again until none is left."""
    _paint_colour(colour)
    h, w = len(grid), len(grid[0])
    out = [list(row) for row in grid]
    found = False
    while True:
        charge(2 * h * w)
        area, top, left, bottom, right = _largest_empty_rect(out, h, w)
        if not area:
            break
        found = True
        for a in range(top, bottom + 1):
            row = out[a]
            for b in range(left, right + 1):
                row[b] = colour
    if not found:
        raise DSLError("domain", "no empty rectangle")
    return tuple(tuple(row) for row in out)


@primitive("Grid, Int -> Grid")
def spiral(grid: Grid, colour: int) -> Grid:
    """A square spiral in the colour from the top-left cell, clockwise, one empty cell between its turns, over the grid."""
    _paint_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    mask = [[False] * w for _ in range(h)]
    dirs = ((0, 1), (1, 0), (0, -1), (-1, 0))

    def free(i: int, j: int, d: int) -> bool:
        di, dj = dirs[d]
        a, b = i + di, j + dj
        if not (0 <= a < h and 0 <= b < w) or mask[a][b]:
            return False
        y, x = a + di, b + dj
        return not (0 <= y < h and 0 <= x < w and mask[y][x])

    i = j = d = 0
    mask[0][0] = True
    turned = False
    while True:
        if free(i, j, d):
            i, j = i + dirs[d][0], j + dirs[d][1]
            mask[i][j] = True
            turned = False
        elif turned:
            break
        else:
            d = (d + 1) % 4
            turned = True
    return tuple(tuple(colour if mask[i][j] else grid[i][j] for j in range(w)) for i in range(h))


@primitive("Grid, Int -> Grid")
def alternate_cells(grid: Grid, colour: int) -> Grid:
    """The 2nd, 4th, ... cells (reading order) of each one-colour 8-connected object painted in the colour."""
    _paint_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(h * w)
    out = [list(row) for row in grid]
    changed = False
    for cells in components(grid, 0, True, True):
        for i, j in sorted(cells)[1::2]:
            out[i][j] = colour
            changed = True
    if not changed:
        raise DSLError("domain", "no object of two cells")
    return tuple(tuple(row) for row in out)


@primitive("Grid, Int -> Grid")
def lower_half(grid: Grid, colour: int) -> Grid:
    """The cells in the bottom half of the rows (the lower floor(height/2)) of each one-colour 4-connected object painted in the colour."""
    _paint_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(h * w)
    out = [list(row) for row in grid]
    changed = False
    for cells in components(grid, 0, True, False):
        top = min(i for i, _ in cells)
        bottom = max(i for i, _ in cells)
        cut = bottom - (bottom - top + 1) // 2
        for i, j in cells:
            if i > cut:
                out[i][j] = colour
                changed = True
    if not changed:
        raise DSLError("domain", "no object two rows tall")
    return tuple(tuple(row) for row in out)


@primitive("Grid, Int, Int -> Grid")
def recolour_size(grid: Grid, size: int, colour: int) -> Grid:
    """Each one-colour 4-connected object of exactly the size (cell count) painted in the colour."""
    _paint_colour(colour)
    if not isinstance(size, int) or size < 1:
        raise DSLError("domain", "size below 1")
    h, w = len(grid), len(grid[0])
    charge(h * w)
    out = [list(row) for row in grid]
    changed = False
    for cells in components(grid, 0, True, False):
        if len(cells) == size:
            for i, j in cells:
                out[i][j] = colour
            changed = True
    if not changed:
        raise DSLError("domain", "no object of the size")
    return tuple(tuple(row) for row in out)


@primitive("Grid -> Grid")
def pad_edges(grid: Grid) -> Grid:
    """The grid framed by one more row and column on each side repeating its edge cells, the four corners 0."""
    h, w = len(grid), len(grid[0])
    check_grid_size(h + 2, w + 2)
    charge((h + 2) * (w + 2))
    top = (0,) + tuple(grid[0]) + (0,)
    bottom = (0,) + tuple(grid[-1]) + (0,)
    return (top,) + tuple((row[0],) + tuple(row) + (row[-1],) for row in grid) + (bottom,)


@primitive("Grid -> Grid")
def mirror_flag(grid: Grid) -> Grid:
    """A 1x1 grid: 1 if the grid is left-right symmetric, else 0."""
    charge(len(grid) * len(grid[0]))
    return ((1 if all(row == row[::-1] for row in grid) else 0,),)
