"""Cleaning and region edits: isolated pixels, noisy stripes, empty lines, flooding and objects with holes."""

from __future__ import annotations

from dsl.background import background
from dsl.budget import charge
from dsl.primitives.objects import run_groups
from dsl.primitives.structure import colour_regions, components
from dsl.registry import primitive
from dsl.values import Grid, check_colour


@primitive("Grid -> Grid")
def keep_singletons(grid: Grid) -> Grid:
    """Keep only the non-zero cells without a non-zero 4-neighbour; everything else becomes 0."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    out = []
    for i, row in enumerate(grid):
        up = grid[i - 1] if i else None
        down = grid[i + 1] if i + 1 < h else None
        out.append(tuple(
            c if c and not ((j and row[j - 1]) or (j + 1 < w and row[j + 1]) or (up and up[j]) or (down and down[j]))
            else 0 for j, c in enumerate(row)))
    return tuple(out)


def _line_majority(line: tuple) -> tuple:
    """``(value, count)``: the most common value of a line (ties to the smaller value) and its count."""
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
    empty_cols = {j for j in range(w) if not any(row[j] for row in grid)}
    out = []
    for row in grid:
        if not any(row):
            out.append((colour,) * w)
        elif empty_cols:
            out.append(tuple(colour if j in empty_cols else c for j, c in enumerate(row)))
        else:
            out.append(row)
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
    # regions by row runs (as ``objects`` does) and test each run's neighbours instead of a per-cell flood.
    groups, runs = colour_regions(grid, 0)
    out = None
    for g in groups:
        for x in g:
            j0, j1, _, _, i = runs[x]
            row = grid[i]
            if ((j0 and row[j0 - 1] == colour) or (j1 < w and row[j1] == colour)
                    or (i and colour in grid[i - 1][j0:j1]) or (i + 1 < h and colour in grid[i + 1][j0:j1])):
                break
        else:
            continue
        if out is None:
            out = [list(row) for row in grid]
        for x in g:
            j0, j1, _, _, i = runs[x]
            out[i][j0:j1] = [colour] * (j1 - j0)
    return grid if out is None else tuple(tuple(row) for row in out)


def _encloses(comp: list, h: int, w: int) -> bool:
    """Whether a set of cells encloses cells of its bounding box that cannot reach the box's outside."""
    rows, cols = zip(*comp)
    top, left = min(rows) - 1, min(cols) - 1
    width = max(cols) - left + 2
    # The box, padded by one free cell all round, as bytes (1 = the set's cells, rows ended by 0xFF): the
    # padding ring is one free region, so the set encloses something exactly when there is another.
    box = bytearray((b"\0" * width + b"\xff") * (max(rows) - top + 2))
    stride = width + 1
    for i, j in comp:
        box[(i - top) * stride + j - left] = 1
    groups, _ = run_groups(bytes(box), stride, False, False, 1)
    return len(groups) > 1


@primitive("Grid -> Grid")
def keep_holed(grid: Grid) -> Grid:
    """Keep the single-colour 4-connected objects (on the most common colour) that enclose a hole; the rest becomes 0."""
    h, w = len(grid), len(grid[0])
    charge(4 * h * w)
    bg = background(grid)
    out = [[0] * w for _ in range(h)]
    for comp in components(grid, bg, univalued=True):
        if len(comp) >= 4 and _encloses(comp, h, w):
            for i, j in comp:
                out[i][j] = grid[i][j]
    return tuple(tuple(row) for row in out)


@primitive("Grid -> Grid")
def remove_singletons(grid: Grid) -> Grid:
    """Erase (to 0) the non-zero cells without a non-zero 4-neighbour."""
    lone = keep_singletons(grid)
    return tuple(tuple(0 if b else a for a, b in zip(r, s)) for r, s in zip(grid, lone))
