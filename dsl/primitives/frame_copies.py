"""A hollow one-colour frame copied around the one other empty hole its inside fits: a rectangle outline of one
ink colour whose inside is all 0 is the template, and an all-0 rectangle of the inside's size elsewhere gets the
outline drawn around it. Colour 0 is empty; charges the run's budget about one unit per cell
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, Grid


def _runs(grid: Grid, h: int, w: int):
    """Per cell: the lengths of the same-colour runs going right and going down from it."""
    right = [[1] * w for _ in range(h)]
    down = [[1] * w for _ in range(h)]
    for i in range(h - 1, -1, -1):
        row, rr = grid[i], right[i]
        for j in range(w - 2, -1, -1):
            if row[j] == row[j + 1]:
                rr[j] = rr[j + 1] + 1
        if i < h - 1:
            below, dd, dn = grid[i + 1], down[i], down[i + 1]
            for j in range(w):
                if row[j] == below[j]:
                    dd[j] = dn[j] + 1
    return right, down


def _ink_sums(grid: Grid, h: int, w: int) -> list:
    """Prefix counts of non-0 cells: sums[i][j] covers rows < i and columns < j."""
    sums = [[0] * (w + 1) for _ in range(h + 1)]
    for i in range(h):
        acc, prev, cur = 0, sums[i], sums[i + 1]
        for j, v in enumerate(grid[i]):
            acc += v != 0
            cur[j + 1] = prev[j + 1] + acc
    return sums


@primitive("Grid -> Grid")
def copy_frame_to_hole(grid: Grid) -> Grid:
    """The one-colour rectangle outline with the largest all-0 inside drawn again around the only other all-0 rectangle of that inside's size."""
    h, w = len(grid), len(grid[0])
    charge(4 * h * w)
    right, down = _runs(grid, h, w)
    sums = _ink_sums(grid, h, w)

    def ink(r0: int, c0: int, r1: int, c1: int) -> int:  # non-0 cells in rows r0..r1-1, columns c0..c1-1
        return sums[r1][c1] - sums[r0][c1] - sums[r1][c0] + sums[r0][c0]

    frames = []
    for r0 in range(h - 2):
        for c0 in range(w - 2):
            col = grid[r0][c0]
            if not col or grid[r0 + 1][c0 + 1]:
                continue
            # The inside's first row and column of 0 cells end at the frame's right and bottom sides.
            c1 = c0 + 1 + right[r0 + 1][c0 + 1]
            r1 = r0 + 1 + down[r0 + 1][c0 + 1]
            if c1 >= w or r1 >= h or right[r0][c0] < c1 - c0 + 1 or down[r0][c0] < r1 - r0 + 1:
                continue
            if grid[r1][c0] != col or right[r1][c0] < c1 - c0 + 1 or grid[r0][c1] != col \
                    or down[r0][c1] < r1 - r0 + 1 or ink(r0 + 1, c0 + 1, r1, c1):
                continue
            frames.append(((r1 - r0 - 1) * (c1 - c0 - 1), r0, c0, r1, c1, col))
    if not frames:
        raise DSLError("domain", "no hollow frame")
    frames.sort(reverse=True)
    if len(frames) > 1 and frames[1][0] == frames[0][0]:
        raise DSLError("domain", "no single largest frame")
    _, r0, c0, r1, c1, col = frames[0]
    ih, iw = r1 - r0 - 1, c1 - c0 - 1
    spots = [(i, j) for i in range(1, h - ih) for j in range(1, w - iw)
             if (i, j) != (r0 + 1, c0 + 1) and not ink(i, j, i + ih, j + iw)]
    if len(spots) != 1:
        raise DSLError("domain", "no single hole the frame fits")
    i, j = spots[0]
    charge(2 * (ih + iw + 2))
    out = [list(row) for row in grid]
    out[i - 1][j - 1:j + iw + 1] = [col] * (iw + 2)
    out[i + ih][j - 1:j + iw + 1] = [col] * (iw + 2)
    for y in range(i, i + ih):
        out[y][j - 1] = col
        out[y][j + iw] = col
    return tuple(tuple(row) for row in out)
