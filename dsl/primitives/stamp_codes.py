"""The 3x3 window around each lone pixel numbered by position, so that the colour-map closure of the search can
learn any fixed stamp drawn around pixels. Colour 0 is empty; charges the run's budget about one unit per cell
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, Grid

# Window offsets in the order a crowded cell prefers them: the centre, the four sides, then the corners.
_OFFSETS = ((0, 0), (-1, 0), (0, -1), (0, 1), (1, 0), (-1, -1), (-1, 1), (1, -1), (1, 1))


@primitive("Grid -> Grid")
def pixel_stamp_codes(grid: Grid) -> Grid:
    """Every non-zero cell must be a lone pixel; its 3x3 window is numbered 1..9 row by row (centre 5); a cell in several windows keeps its most central number (sides before corners)."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    pixels = [(i, j) for i, row in enumerate(grid) for j, v in enumerate(row) if v]
    if not pixels:
        raise DSLError("domain", "no pixel")
    ink = set(pixels)
    for i, j in pixels:
        if any((i + di, j + dj) in ink for di, dj in _OFFSETS[1:]):
            raise DSLError("domain", "ink other than lone pixels")
    out = [[0] * w for _ in range(h)]
    rank = [[9] * w for _ in range(h)]
    for i, j in pixels:
        for k, (di, dj) in enumerate(_OFFSETS):
            y, x = i + di, j + dj
            if 0 <= y < h and 0 <= x < w and k < rank[y][x]:
                rank[y][x] = k
                out[y][x] = 3 * di + dj + 5
    return tuple(map(tuple, out))
