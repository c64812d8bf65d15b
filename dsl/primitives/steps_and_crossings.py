"""Objects stepped one cell towards a colour or moved by their own size, marks where the rows and columns of edge
markers cross, and lone pixels drawn out to full lines whose direction depends on their colour.
Colour 0 is empty; each charges the run's budget about one unit per cell it reads (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

import numpy as np

from dsl.budget import charge
from dsl.primitives.structure import bounds, components
from dsl.registry import primitive
from dsl.values import DSLError, Grid, Vec, check_colour

_MAX_PAIRS = 200_000  # mover cells x target cells compared at most


@primitive("Grid, Int -> Grid")
def step_toward(grid: Grid, colour: int) -> Grid:
    """Each 8-connected object of other non-zero colours moves one cell (diagonally too) towards its nearest cell of the colour, unless it touches one."""
    check_colour(colour)
    if not colour:
        raise DSLError("domain", "the target colour must be ink")
    h, w = len(grid), len(grid[0])
    charge(h * w)
    a = np.array(grid, dtype=np.int8)
    targets = np.argwhere(a == colour)
    movers = (a != 0) & (a != colour)
    if not len(targets) or not movers.any():
        raise DSLError("domain", "no object or no cell of the colour")
    masked = tuple(map(tuple, np.where(movers, a, 0).tolist()))
    objs = components(masked, 0, False, True)
    if sum(len(o) for o in objs) * len(targets) > _MAX_PAIRS:
        raise DSLError("limit", "too many cells to compare")
    out = np.where(movers, 0, a)
    moved = False
    for cells in objs:
        pts = np.array(cells)
        charge(len(pts) * len(targets))
        diff = targets[None, :, :] - pts[:, None, :]
        dist = np.abs(diff).max(axis=2)
        k = np.unravel_index(int(dist.argmin()), dist.shape)
        step = np.sign(diff[k]) if dist[k] > 1 else np.zeros(2, dtype=int)
        dest = pts + step
        if (dest < 0).any() or (dest[:, 0] >= h).any() or (dest[:, 1] >= w).any():
            dest, step = pts, np.zeros(2, dtype=int)
        moved |= bool(step.any())
        out[dest[:, 0], dest[:, 1]] = a[pts[:, 0], pts[:, 1]]
    if not moved:
        raise DSLError("domain", "nothing moves")
    return tuple(map(tuple, out.tolist()))


@primitive("Grid, Int -> Grid")
def edge_marker_crossings(grid: Grid, colour: int) -> Grid:
    """The 0 cells where a row marked on a side rail crosses a column marked on a top or bottom rail (a border line with ink between its corners), off the rails, painted in the colour."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(h * w)
    if h < 3 or w < 3:
        raise DSLError("domain", "a grid too small for rails")
    left, right = [row[0] for row in grid], [row[-1] for row in grid]
    flat = [i for i, line in ((0, grid[0]), (h - 1, grid[-1])) if any(line[1:-1])]
    side = [j for j, line in ((0, left), (w - 1, right)) if any(line[1:-1])]
    if not flat or not side:
        raise DSLError("domain", "no rail of markers on both kinds of edge")
    cols = sorted({j for i in flat for j, v in enumerate(grid[i]) if v} - set(side))
    rows = sorted({i for j in side for i in range(h) if grid[i][j]} - set(flat))
    out = [list(row) for row in grid]
    painted = False
    for i in rows:
        line = out[i]
        for j in cols:
            if not line[j]:
                line[j] = colour
                painted = True
    if not painted:
        raise DSLError("domain", "no empty crossing")
    return tuple(map(tuple, out))


@primitive("Grid, Int, Bool -> Grid")
def pixel_lines_by_colour(grid: Grid, colour: int, vertical: bool) -> Grid:
    """Lone pixels draw full lines: those of the colour columns (rows without the flag), the others the other way, on top."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(h * w)
    pixels = [(i, j, v) for i, row in enumerate(grid) for j, v in enumerate(row) if v]
    own = [(i, j) for i, j, v in pixels if v == colour]
    if not own or len(own) == len(pixels):
        raise DSLError("domain", "no pixels of both the colour and others")
    ink = {(i, j) for i, j, _ in pixels}
    if any((i + di, j + dj) in ink for i, j, _ in pixels for di in (-1, 0, 1) for dj in (-1, 0, 1) if di or dj):
        raise DSLError("domain", "ink other than lone pixels")
    out = [[0] * w for _ in range(h)]
    under = [(i, j, v) for i, j, v in pixels if v == colour]
    over = [(i, j, v) for i, j, v in pixels if v != colour]
    for layer, down in ((under, vertical), (over, not vertical)):
        for i, j, v in layer:
            if down:
                for row in out:
                    row[j] = v
            else:
                out[i] = [v] * w
    return tuple(map(tuple, out))


@primitive("Grid, Vec -> Grid")
def jump_by_size(grid: Grid, direction: Vec) -> Grid:
    """Each 8-connected object moves in the direction by its own height (vertical moves) or width, cells past the edge dropped."""
    di, dj = direction
    if abs(di) + abs(dj) != 1:
        raise DSLError("domain", "the direction must be one of the four sides")
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    objs = components(grid, 0, False, True)
    if not objs:
        raise DSLError("domain", "no object")
    out = [[0] * w for _ in range(h)]
    for cells in objs:
        top, left, bottom, right = bounds(cells)
        k = (bottom - top + 1) if di else (right - left + 1)
        for i, j in cells:
            y, x = i + di * k, j + dj * k
            if 0 <= y < h and 0 <= x < w:
                out[y][x] = grid[i][j]
    return tuple(map(tuple, out))
