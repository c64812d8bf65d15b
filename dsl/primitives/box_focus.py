"""Boxes that matter among noise: the ink inside the bounding box of one colour recoloured, the dense
one-colour rectangle of a noisy grid cropped, and the odd cells of a plain grid drawn out into full lines.

Each primitive charges the run's budget about one unit per cell it visits (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_colour


@primitive("Grid, Int, Int -> Grid")
def recolour_in_box(grid: Grid, box: int, colour: int) -> Grid:
    """The cells neither 0 nor of the box colour inside the bounding box of the box colour's cells take a colour."""
    check_colour(box)
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(h * w)
    rows = [i for i, row in enumerate(grid) if box in row]
    if not rows or not box:
        raise DSLError("domain", "no cell of the box colour")
    top, bottom = rows[0], rows[-1]
    cols = [j for j in range(w) if any(grid[i][j] == box for i in rows)]
    left, right = cols[0], cols[-1]
    out = [list(row) for row in grid]
    changed = False
    for i in range(top, bottom + 1):
        row = out[i]
        for j in range(left, right + 1):
            v = row[j]
            if v and v != box and v != colour:
                row[j] = colour
                changed = True
    if not changed:
        raise DSLError("domain", "nothing to recolour inside the box")
    return tuple(tuple(row) for row in out)


def _largest_component(grid: Grid) -> tuple[int, list]:
    """The colour and cells of the largest 4-connected one-colour region (first in reading order on ties)."""
    h, w = len(grid), len(grid[0])
    seen = [[False] * w for _ in range(h)]
    best: list = []
    best_colour = 0
    for i in range(h):
        for j in range(w):
            if seen[i][j]:
                continue
            c = grid[i][j]
            seen[i][j] = True
            stack = [(i, j)]
            cells = []
            while stack:
                y, x = stack.pop()
                cells.append((y, x))
                for yy, xx in ((y - 1, x), (y + 1, x), (y, x - 1), (y, x + 1)):
                    if 0 <= yy < h and 0 <= xx < w and not seen[yy][xx] and grid[yy][xx] == c:
                        seen[yy][xx] = True
                        stack.append((yy, xx))
            if len(cells) > len(best):
                best, best_colour = cells, c
    return best_colour, best


@primitive("Grid -> Grid")
def crop_dense_rect(grid: Grid) -> Grid:
    """The bounding box of the largest 4-connected one-colour region, edge rows and columns less than half of that colour trimmed, cropped."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    c, cells = _largest_component(grid)
    if len(cells) < 4:
        raise DSLError("domain", "no large region")
    top = min(y for y, _ in cells)
    bottom = max(y for y, _ in cells)
    left = min(x for _, x in cells)
    right = max(x for _, x in cells)
    changed = True
    while changed and top < bottom and left < right:
        changed = False
        width, height = right - left + 1, bottom - top + 1
        if 2 * grid[top][left:right + 1].count(c) < width:
            top += 1
            changed = True
        elif 2 * grid[bottom][left:right + 1].count(c) < width:
            bottom -= 1
            changed = True
        elif 2 * sum(grid[i][left] == c for i in range(top, bottom + 1)) < height:
            left += 1
            changed = True
        elif 2 * sum(grid[i][right] == c for i in range(top, bottom + 1)) < height:
            right -= 1
            changed = True
    if bottom - top < 1 or right - left < 1:
        raise DSLError("domain", "the region is no rectangle")
    if bottom - top + 1 == h and right - left + 1 == w:
        raise DSLError("domain", "the rectangle is the whole grid")
    return tuple(row[left:right + 1] for row in grid[top:bottom + 1])


@primitive("Grid -> Grid")
def cross_lines(grid: Grid) -> Grid:
    """On a grid mostly of one colour other than 0, each cell of another colour extends it over its whole row and column (rows first, then columns)."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    counts = [0] * 10
    for row in grid:
        for v in row:
            counts[v] += 1
    bg = max(range(10), key=lambda v: (counts[v], -v))
    if not bg:
        raise DSLError("domain", "the grid is mostly 0")
    odd = [(i, j, v) for i, row in enumerate(grid) for j, v in enumerate(row) if v != bg]
    if not odd or 4 * len(odd) > h * w:
        raise DSLError("domain", "no few odd cells on a plain grid")
    out = [list(row) for row in grid]
    for i, _, v in odd:
        out[i] = [v] * w
    for _, j, v in odd:
        for i in range(h):
            out[i][j] = v
    return tuple(tuple(row) for row in out)
