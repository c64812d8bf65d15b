"""Drawing and clean-up on whole grids, colour 0 as the empty colour: boxes around objects, diagonal bridges,
mirror images about a marker, rotation tilings, denoising and colour filters by frequency.

Like :mod:`dsl.primitives.layers`, every primitive here treats colour 0 as empty and charges the run's budget
about one unit per cell it touches (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import colour_bounds
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_colour, check_grid_size

_EIGHT = ((-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1))
_FOUR = ((-1, 0), (1, 0), (0, -1), (0, 1))


def _ink_objects(grid: Grid, diagonal: bool) -> list:
    """Connected components of the non-zero cells (any colours; 8-connected with diagonal), as lists of (i, j)."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    steps = _EIGHT if diagonal else _FOUR
    seen = [[False] * w for _ in range(h)]
    out = []
    for i0 in range(h):
        for j0 in range(w):
            if not grid[i0][j0] or seen[i0][j0]:
                continue
            seen[i0][j0] = True
            stack = [(i0, j0)]
            comp = []
            while stack:
                i, j = stack.pop()
                comp.append((i, j))
                for di, dj in steps:
                    a, b = i + di, j + dj
                    if 0 <= a < h and 0 <= b < w and grid[a][b] and not seen[a][b]:
                        seen[a][b] = True
                        stack.append((a, b))
            out.append(comp)
    return out


def _freeze(cells: list) -> Grid:
    return tuple(tuple(row) for row in cells)


def _rot90(grid: Grid) -> Grid:
    return tuple(zip(*grid[::-1]))


@primitive("Grid -> Grid")
def rot_tile(grid: Grid) -> Grid:
    """The 2x2 tiling [grid, rot90(grid); rot270(grid), rot180(grid)] (quarter turns clockwise)."""
    h, w = len(grid), len(grid[0])
    if h != w:
        raise DSLError("domain", f"rot_tile needs a square grid, not {h}x{w}")
    check_grid_size(2 * h, 2 * w)
    charge(4 * h * w)
    r90 = _rot90(grid)
    r180 = _rot90(r90)
    r270 = _rot90(r180)
    return tuple(a + b for a, b in zip(grid, r90)) + tuple(a + b for a, b in zip(r270, r180))


@primitive("Grid, Int -> Grid")
def fill_bbox(grid: Grid, colour: int) -> Grid:
    """Paint the 0 cells inside each 8-connected object's bounding box in a colour."""
    check_colour(colour)
    out = [list(row) for row in grid]
    for comp in _ink_objects(grid, True):
        rows = [i for i, _ in comp]
        cols = [j for _, j in comp]
        charge((max(rows) - min(rows) + 1) * (max(cols) - min(cols) + 1))
        for i in range(min(rows), max(rows) + 1):
            row = out[i]
            for j in range(min(cols), max(cols) + 1):
                if not grid[i][j]:
                    row[j] = colour
    return _freeze(out)


@primitive("Grid -> Grid")
def colour_boxes(grid: Grid) -> Grid:
    """Fill each non-zero colour's bounding box with that colour (larger boxes first, smaller ones on top)."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    out = [list(row) for row in grid]
    boxes = colour_bounds(grid)
    for c, (i0, j0, i1, j1) in sorted(boxes.items(), key=lambda kv: -(kv[1][2] - kv[1][0] + 1) * (kv[1][3] - kv[1][1] + 1)):
        charge((i1 - i0 + 1) * (j1 - j0 + 1))
        for i in range(i0, i1 + 1):
            out[i][j0:j1 + 1] = [c] * (j1 - j0 + 1)
    return _freeze(out)


@primitive("Grid -> Grid")
def bridge_diagonals(grid: Grid) -> Grid:
    """Fill the 0 cells between two cells of the same colour on a diagonal or anti-diagonal (nearest pairs only)."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    out = [list(row) for row in grid]
    for dj in (1, -1):
        starts = [(0, j) for j in range(w)] + [(i, w - 1 if dj < 0 else 0) for i in range(1, h)]
        for i0, j0 in starts:
            prev = None
            i, j = i0, j0
            while 0 <= i < h and 0 <= j < w:
                v = grid[i][j]
                if v:
                    if prev is not None and grid[prev[0]][prev[1]] == v:
                        for k in range(1, i - prev[0]):
                            out[prev[0] + k][prev[1] + k * dj] = v
                    prev = (i, j)
                i, j = i + 1, j + dj
    return _freeze(out)


@primitive("Grid, Bool -> Grid")
def drop_specks(grid: Grid, diagonal: bool) -> Grid:
    """Erase the isolated non-zero cells: objects of one cell (4-connected, or 8-connected with diagonal)."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    steps = _EIGHT if diagonal else _FOUR
    out = None
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            if v and not any(0 <= i + di < h and 0 <= j + dj < w and grid[i + di][j + dj] for di, dj in steps):
                if out is None:
                    out = [list(r) for r in grid]
                out[i][j] = 0
    return grid if out is None else _freeze(out)


@primitive("Grid, Int -> Grid")
def mirror_about(grid: Grid, colour: int) -> Grid:
    """Add the mirror images of all ink, left-right, top-bottom and both, about the centre of one colour's cells."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(4 * h * w)
    marks = [(i, j) for i, row in enumerate(grid) for j, v in enumerate(row) if v == colour]
    if not marks or colour == 0:
        return grid
    ci = min(i for i, _ in marks) + max(i for i, _ in marks)  # twice the centre row
    cj = min(j for _, j in marks) + max(j for _, j in marks)
    out = [list(row) for row in grid]
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            if not v:
                continue
            for a, b in ((ci - i, j), (i, cj - j), (ci - i, cj - j)):
                if 0 <= a < h and 0 <= b < w and not out[a][b]:
                    out[a][b] = v
    return _freeze(out)


@primitive("Grid -> Grid")
def keep_rarest(grid: Grid) -> Grid:
    """Keep only the cells of the least common non-zero colour (ties: the smallest colour); others become 0."""
    charge(len(grid) * len(grid[0]))
    counts = [0] * 10
    for row in grid:
        for v in row:
            counts[v] += 1
    present = [c for c in range(1, 10) if counts[c]]
    if not present:
        return grid
    rare = min(present, key=lambda c: counts[c])
    return tuple(tuple(v if v == rare else 0 for v in row) for row in grid)


@primitive("Grid -> Grid")
def majority_ink(grid: Grid) -> Grid:
    """Recolour every non-zero cell with the most common non-zero colour (ties: the smallest colour)."""
    charge(len(grid) * len(grid[0]))
    counts = [0] * 10
    for row in grid:
        for v in row:
            counts[v] += 1
    counts[0] = 0
    best = max(range(10), key=lambda c: (counts[c], -c))
    if not counts[best]:
        return grid
    return tuple(tuple(best if v else 0 for v in row) for row in grid)


@primitive("Grid, Int -> Grid")
def denoise(grid: Grid, colour: int) -> Grid:
    """Replace each cell of a noise colour by the most common other colour among its 4-neighbours (ties: non-zero first, then the smallest)."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    out = None
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            if v != colour:
                continue
            counts = [0] * 10
            for di, dj in _FOUR:
                a, b = i + di, j + dj
                if 0 <= a < h and 0 <= b < w and grid[a][b] != colour:
                    counts[grid[a][b]] += 1
            best = max(range(10), key=lambda c: (counts[c], c > 0, -c))
            if out is None:
                out = [list(r) for r in grid]
            out[i][j] = best
    return grid if out is None else _freeze(out)


@primitive("Grid, Int -> Grid")
def corner_halo(grid: Grid, colour: int) -> Grid:
    """Paint the 0 cells diagonally next to a non-zero cell in a colour."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    full = (1 << w) - 1
    masks = [sum(1 << j for j, v in enumerate(row) if v) for row in grid]
    out = []
    for i, row in enumerate(grid):
        r = masks[i]
        up = masks[i - 1] if i > 0 else 0
        down = masks[i + 1] if i + 1 < h else 0
        corner = (up << 1) | (up >> 1) | (down << 1) | (down >> 1)
        paint = corner & ~r & full
        out.append(row if not paint else tuple(colour if paint >> j & 1 else v for j, v in enumerate(row)))
    return tuple(out)


@primitive("Grid -> Grid")
def keep_blocks(grid: Grid) -> Grid:
    """Keep the non-zero cells that lie in some 2x2 square of non-zero cells; the others become 0."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    keep = [[False] * w for _ in range(h)]
    for i in range(h - 1):
        a, b = grid[i], grid[i + 1]
        for j in range(w - 1):
            if a[j] and a[j + 1] and b[j] and b[j + 1]:
                keep[i][j] = keep[i][j + 1] = keep[i + 1][j] = keep[i + 1][j + 1] = True
    return tuple(tuple(v if k else 0 for v, k in zip(row, krow)) for row, krow in zip(grid, keep))


@primitive("Grid -> Grid")
def stamp_markers(grid: Grid) -> Grid:
    """Draw the template (the 8-connected object with the most colours, then the most cells) centred on every one-cell object."""
    objs = _ink_objects(grid, True)
    if not objs:
        return grid

    def key(comp: list) -> tuple:
        return (len({grid[i][j] for i, j in comp}), len(comp))

    template = max(objs, key=key)
    markers = [comp[0] for comp in objs if len(comp) == 1 and comp is not template]
    if not markers or len(template) == 1:
        return grid
    i0 = min(i for i, _ in template)
    j0 = min(j for _, j in template)
    ci = (max(i for i, _ in template) - i0) // 2
    cj = (max(j for _, j in template) - j0) // 2
    h, w = len(grid), len(grid[0])
    charge(len(markers) * len(template))
    out = [list(row) for row in grid]
    for mi, mj in markers:
        out[mi][mj] = 0
        for i, j in template:
            a, b = mi + i - i0 - ci, mj + j - j0 - cj
            if 0 <= a < h and 0 <= b < w:
                out[a][b] = grid[i][j]
    return _freeze(out)


def _panel_counts(grid: Grid) -> tuple:
    """The separator colour and, per panel (row-major rows of panels), its colour counts (see panels)."""
    from dsl.primitives.structure import _separator, _spans

    sep = _separator(grid)
    if sep is None:
        raise DSLError("domain", "grid has no separator lines")
    colour, rows, cols = sep
    charge(len(grid) * len(grid[0]))
    out = []
    for i0, i1 in _spans(rows, len(grid)):
        line = []
        for j0, j1 in _spans(cols, len(grid[0])):
            counts = [0] * 10
            for row in grid[i0:i1]:
                for v in row[j0:j1]:
                    counts[v] += 1
            counts[colour] = 0
            line.append(counts)
        out.append(line)
    return colour, out


@primitive("Grid -> Grid")
def panel_summary(grid: Grid) -> Grid:
    """One cell per panel (cut along the full uniform separator lines, see panels): its most common colour other than the separators'."""
    colour, table = _panel_counts(grid)

    def pick(counts: list) -> int:
        best = max(range(10), key=lambda c: (counts[c], -c))
        return best if counts[best] else colour

    return tuple(tuple(pick(counts) for counts in line) for line in table)


@primitive("Grid -> Grid")
def panel_counts(grid: Grid) -> Grid:
    """One cell per panel (see panels): its number of cells neither 0 nor of the separators' colour (at most 9)."""
    _, table = _panel_counts(grid)
    return tuple(tuple(min(sum(counts[1:]), 9) for counts in line) for line in table)
