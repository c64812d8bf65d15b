"""Patterns along a direction: diagonal stripes (a grid whose colour depends only on its diagonal or
anti-diagonal index modulo a period) completed from the cells that are known, rays pointed by an object's odd
cell, and dashed rays from pixels.

Colour 0 is empty (unknown, for the stripes). Each primitive charges the run's budget about one unit per cell it visits
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import components
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_colour


def _stripe_colours(cells: list, period: int, anti: bool) -> list | None:
    """The colour of each residue class of (i + j) (anti) or (i - j) modulo the period, or None when two known
    cells of a class disagree or a class has no known cell."""
    colours = [0] * period
    for i, j, v in cells:
        k = (i + j if anti else i - j) % period
        if colours[k] == 0:
            colours[k] = v
        elif colours[k] != v:
            return None
    return None if 0 in colours else colours


@primitive("Grid -> Grid")
def complete_diagonal_stripes(grid: Grid) -> Grid:
    """Fill the 0 cells of a diagonal-stripe pattern: colour by (i + j) or (i - j) mod the smallest period the non-zero cells agree with."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    cells = [(i, j, v) for i, row in enumerate(grid) for j, v in enumerate(row) if v]
    if not cells or len(cells) == h * w:
        raise DSLError("domain", "nothing to complete")
    for period in range(2, max(h, w) + 1):
        for anti in (True, False):
            charge(len(cells))
            colours = _stripe_colours(cells, period, anti)
            if colours is not None:
                return tuple(tuple(colours[(i + j if anti else i - j) % period] for j in range(w))
                             for i in range(h))
    raise DSLError("domain", "no diagonal stripe period fits")


def _ray(out: list, i: int, j: int, di: int, dj: int, own: set, paint) -> None:
    """Walk from (i, j) in the direction, through the object's own cells, painting the 0 cells (paint(k) is
    the colour at step k) until the edge or another non-zero cell."""
    h, w = len(out), len(out[0])
    k = 1
    y, x = i + di, j + dj
    while 0 <= y < h and 0 <= x < w:
        if (y, x) not in own:
            if out[y][x]:
                break
            out[y][x] = paint(k)
        y, x, k = y + di, x + dj, k + 1


@primitive("Grid -> Grid")
def pointer_rays(grid: Grid) -> Grid:
    """Each 8-connected object with one cell of a colour unique in it shoots a ray of that colour from the cell through the object's centre, over 0 cells."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    out = [list(row) for row in grid]
    changed = False
    for cells in components(grid, 0, False, True):
        if len(cells) < 3:
            continue
        counts: dict = {}
        for i, j in cells:
            counts[grid[i][j]] = counts.get(grid[i][j], 0) + 1
        odd = [c for c, n in counts.items() if n == 1]
        if len(counts) != 2 or len(odd) != 1:
            continue
        oi, oj = next((i, j) for i, j in cells if grid[i][j] == odd[0])
        di = sum(i for i, _ in cells) / len(cells) - oi
        dj = sum(j for _, j in cells) / len(cells) - oj
        if abs(di) < 1e-9 and abs(dj) < 1e-9:
            continue
        si = (di > 0) - (di < 0) if abs(di) * 2 >= abs(dj) else 0
        sj = (dj > 0) - (dj < 0) if abs(dj) * 2 >= abs(di) else 0
        charge(h + w)
        _ray(out, oi, oj, si, sj, set(cells), lambda k, c=odd[0]: c)
        changed = True
    if not changed:
        raise DSLError("domain", "no object with one odd cell")
    return tuple(tuple(row) for row in out)


@primitive("Grid, Int, Vec -> Grid")
def dashed_rays(grid: Grid, colour: int, direction: tuple) -> Grid:
    """Each cell without a non-zero 4-neighbour shoots a ray over 0 cells in the direction, alternating the colour with its own (the colour first)."""
    check_colour(colour)
    if direction not in ((0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, -1), (1, -1), (-1, 1)):
        raise DSLError("domain", "not a unit direction")
    h, w = len(grid), len(grid[0])
    charge(h * w)
    out = [list(row) for row in grid]
    pixels = [cells[0] for cells in components(grid, 0, False, False) if len(cells) == 1]
    if not pixels:
        raise DSLError("domain", "no one-cell object")
    charge(len(pixels) * (h + w))
    for i, j in pixels:
        _ray(out, i, j, direction[0], direction[1], {(i, j)}, lambda k, c=grid[i][j]: colour if k % 2 else c)
    return tuple(tuple(row) for row in out)
