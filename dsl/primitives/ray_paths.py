"""Rays that find their way: straight rays that step aside around obstacles, and diagonal rays from marker pixels
painted, cell by cell, in the marker colour of the region they cross. Colour 0 is empty; each charges about one
unit per cell (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, Grid, Vec, check_colour

_SIDES = ((-1, 0), (0, -1), (0, 1), (1, 0))
_DIAGONALS = ((-1, -1), (-1, 1), (1, -1), (1, 1))


@primitive("Grid, Int, Vec -> Grid")
def detour_rays(grid: Grid, colour: int, direction: Vec) -> Grid:
    """The colour's cells, all on the edge behind the side direction, cast rays in it over 0 cells; a ray whose next cell is ink steps one cell aside (a clockwise turn) and goes on; at least one ray must step aside."""
    check_colour(colour)
    if colour == 0 or direction not in _SIDES:
        raise DSLError("domain", "detour_rays needs a non-zero colour and a side direction")
    h, w = len(grid), len(grid[0])
    charge(h * w)
    di, dj = direction
    si, sj = dj, -di  # the clockwise turn of the direction
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            if v == colour and 0 <= i - di < h and 0 <= j - dj < w:
                raise DSLError("domain", "a cell of the colour off the edge the rays leave")
    out = [list(row) for row in grid]
    turned = False
    for i0, row in enumerate(grid):
        for j0, v in enumerate(row):
            if v != colour:
                continue
            i, j = i0, j0
            for _ in range(h + w):
                y, x = i + di, j + dj
                if not (0 <= y < h and 0 <= x < w):
                    break
                if grid[y][x] == 0:
                    i, j = y, x
                elif grid[y][x] != colour:
                    y, x = i + si, j + sj
                    if not (0 <= y < h and 0 <= x < w) or grid[y][x] != 0:
                        break
                    turned = True
                    i, j = y, x
                else:
                    break
                out[i][j] = colour
    if not turned:
        raise DSLError("domain", "no ray meets an obstacle")
    return tuple(map(tuple, out))


@primitive("Grid -> Grid")
def region_diagonal_rays(grid: Grid) -> Grid:
    """Markers are lone pixels (no 8-neighbour of their colour) in the region of their neighbours' most common colour; each casts the four diagonal rays to the edges, and every ray cell of a region colour that has markers takes that region's marker colour."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    markers = []
    paint: dict = {}
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            if v == 0:
                continue
            around = [grid[y][x] for y in range(max(0, i - 1), min(h, i + 2))
                      for x in range(max(0, j - 1), min(w, j + 2)) if (y, x) != (i, j)]
            if v in around:
                continue
            r = max(sorted(set(around)), key=around.count)
            if paint.setdefault(r, v) != v:
                raise DSLError("domain", "one region colour has markers of two colours")
            markers.append((i, j))
    if set(paint) & set(paint.values()):
        raise DSLError("domain", "a marker colour is also a region colour")
    if not markers or len(paint) < 2:
        raise DSLError("domain", "needs markers in at least two region colours")
    out = [list(row) for row in grid]
    for i, j in markers:
        for di, dj in _DIAGONALS:
            y, x = i + di, j + dj
            while 0 <= y < h and 0 <= x < w:
                v = grid[y][x]
                if v in paint:
                    out[y][x] = paint[v]
                y, x = y + di, x + dj
    return tuple(map(tuple, out))


@primitive("Grid -> Grid")
def wall_impacts(grid: Grid) -> Grid:
    """Walls are full rows and columns of one colour; each lone pixel of another colour shoots a ray to the nearest wall on each side it faces, paints the wall cell it hits with its colour, and rings that cell with a 3x3 box in the wall colour."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    wall_rows = {i for i, row in enumerate(grid) if row[0] and len(set(row)) == 1}
    wall_cols = {j for j in range(w) if grid[0][j] and all(row[j] == grid[0][j] for row in grid)}
    colours = {grid[i][0] for i in wall_rows} | {grid[0][j] for j in wall_cols}
    if len(colours) != 1:
        raise DSLError("domain", "needs walls of one colour")
    (wall,) = colours
    pixels = []
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            if v and v != wall and i not in wall_rows and j not in wall_cols:
                if any(grid[y][x] for y in range(max(0, i - 1), min(h, i + 2))
                       for x in range(max(0, j - 1), min(w, j + 2)) if (y, x) != (i, j)):
                    raise DSLError("domain", "ink other than walls and lone pixels")
                pixels.append((i, j, v))
    if not pixels:
        raise DSLError("domain", "no pixel")
    out = [list(row) for row in grid]
    impacts = []
    for i, j, v in pixels:
        for di, dj in _SIDES:
            y, x = i + di, j + dj
            path = []
            while 0 <= y < h and 0 <= x < w and grid[y][x] == 0:
                path.append((y, x))
                y, x = y + di, x + dj
            if 0 <= y < h and 0 <= x < w and (y in wall_rows if di else x in wall_cols):
                for a, b in path:
                    out[a][b] = v
                impacts.append((y, x, v))
    if not impacts:
        raise DSLError("domain", "no pixel faces a wall")
    for y, x, v in impacts:
        for a in range(max(0, y - 1), min(h, y + 2)):
            for b in range(max(0, x - 1), min(w, x + 2)):
                out[a][b] = wall
    for y, x, v in impacts:
        out[y][x] = v
    return tuple(map(tuple, out))


def _edge_of(cells: list, h: int, w: int) -> list:
    """The sides of the grid ((di, dj) pointing into it) along which all the cells lie."""
    sides = []
    for (di, dj), line in (((1, 0), 0), ((-1, 0), h - 1), ((0, 1), 0), ((0, -1), w - 1)):
        if all((i if di else j) == line for i, j in cells):
            sides.append((di, dj))
    return sides


@primitive("Grid, Int -> Grid")
def pushed_rays(grid: Grid, colour: int) -> Grid:
    """The colour's cells lie on one edge and all other ink on a perpendicular edge; each colour cell casts a ray across the grid that jogs one cell away from the other edge at each row (or column) holding ink of that edge, and stays jogged."""
    check_colour(colour)
    if colour == 0:
        raise DSLError("domain", "pushed_rays needs a non-zero colour")
    h, w = len(grid), len(grid[0])
    charge(h * w)
    sources = [(i, j) for i, row in enumerate(grid) for j, v in enumerate(row) if v == colour]
    markers = [(i, j) for i, row in enumerate(grid) for j, v in enumerate(row) if v and v != colour]
    if not sources or not markers:
        raise DSLError("domain", "needs the colour and other ink")
    fits = [(s, m) for s in _edge_of(sources, h, w) for m in _edge_of(markers, h, w) if s[0] * m[0] + s[1] * m[1] == 0]
    if len(fits) != 1:
        raise DSLError("domain", "the colour and the other ink are not on one pair of perpendicular edges")
    (di, dj), (mi, mj) = fits[0]
    # Lines (rows for rays going down or up, columns otherwise) holding ink of the other edge push the rays
    # along (mi, mj), away from that edge.
    pushers = {i if di else j for i, j in markers}
    out = [list(row) for row in grid]
    for i, j in sources:
        shift = 0
        y, x = i, j
        while True:
            y, x = y + di, x + dj
            if not (0 <= y < h and 0 <= x < w):
                break
            if (y if di else x) in pushers:
                shift += 1
            a, b = y + mi * shift, x + mj * shift
            if 0 <= a < h and 0 <= b < w and out[a][b] == 0:
                out[a][b] = colour
    return tuple(map(tuple, out))
