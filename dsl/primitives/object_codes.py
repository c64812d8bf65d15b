"""Each object recoloured with a code for its kind of shape, so that the colour-map closure of the search can
learn a recolouring keyed on the shape. Colour 0 is empty; charges the run's budget about two units per cell
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import components
from dsl.registry import primitive
from dsl.values import DSLError, Grid

_OTHER = 9  # the code of an object that is not a one-cell-wide open path
_MAX_PATH = 8


def _bend_code(cells: tuple) -> int:
    """1 + the number of turns of a one-cell-wide open path (at most 8), else 9."""
    ink = set(cells)
    turns = ends = 0
    for i, j in cells:
        up, down, left, right = (i - 1, j) in ink, (i + 1, j) in ink, (i, j - 1) in ink, (i, j + 1) in ink
        degree = up + down + left + right
        if degree >= 3:
            return _OTHER
        if degree <= 1:
            ends += 1
        elif not (up and down or left and right):
            turns += 1
    if ends == 0:  # a loop or a thick block: every cell has two neighbours
        return _OTHER
    return min(1 + turns, _MAX_PATH)


@primitive("Grid -> Grid")
def bend_codes(grid: Grid) -> Grid:
    """Every single-colour 4-connected object painted with 1 + its number of turns if it is a one-cell-wide open path (a line 1, an L 2, a U or S 3; at most 8), else 9 (a branch, a loop or a thick block)."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    comps = components(grid, 0, univalued=True)
    if not comps:
        raise DSLError("domain", "no object")
    out = [[0] * w for _ in range(h)]
    for comp in comps:
        code = _bend_code(comp)
        for i, j in comp:
            out[i][j] = code
    return tuple(map(tuple, out))


def _hole_count(cells: tuple) -> int:
    """The number of 4-connected regions of other cells that the object's cells enclose (off its box's outside)."""
    top, left = min(i for i, _ in cells) - 1, min(j for _, j in cells) - 1
    h, w = max(i for i, _ in cells) - top + 2, max(j for _, j in cells) - left + 2
    charge(h * w)
    wall = [[False] * w for _ in range(h)]
    for i, j in cells:
        wall[i - top][j - left] = True
    seen = [[False] * w for _ in range(h)]
    regions = 0
    for si in range(h):
        for sj in range(w):
            if wall[si][sj] or seen[si][sj]:
                continue
            regions += 1
            seen[si][sj] = True
            stack = [(si, sj)]
            while stack:
                i, j = stack.pop()
                for y, x in ((i - 1, j), (i + 1, j), (i, j - 1), (i, j + 1)):
                    if 0 <= y < h and 0 <= x < w and not wall[y][x] and not seen[y][x]:
                        seen[y][x] = True
                        stack.append((y, x))
    return regions - 1  # the first region, from the margin's corner, is the outside


@primitive("Grid -> Grid")
def hole_codes(grid: Grid) -> Grid:
    """Every single-colour 8-connected object painted with 1 + the number of regions of other cells it encloses (4-connected; at most 9)."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    comps = components(grid, 0, univalued=True, diagonal=True)
    if not comps:
        raise DSLError("domain", "no object")
    out = [[0] * w for _ in range(h)]
    for comp in comps:
        code = min(1 + _hole_count(comp), 9)
        for i, j in comp:
            out[i][j] = code
    return tuple(map(tuple, out))
