"""Objects moved or drawn along the way their own cells point: an object swept to the grid's edge in the
direction of each of its marker cells, and a block pulled along its one-cell-wide stem.

Colour 0 is empty. Each primitive charges the run's budget about one unit per cell it reads or paints
(:func:`dsl.budget.charge`) and raises ``DSLError("domain")`` when nothing in the grid fits.
"""

from __future__ import annotations

from collections import Counter

from dsl.budget import charge
from dsl.primitives.geometry import _sign
from dsl.primitives.structure import bounds, components
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_colour


@primitive("Grid, Int -> Grid")
def sweep_from_markers(grid: Grid, colour: int) -> Grid:
    """Each 8-connected object holding the colour and another, recoloured in its other colour, is copied step by step to the edge towards each of its colour cells, over 0 cells."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(h * w)
    if not colour or not any(colour in row for row in grid):
        raise DSLError("domain", "no marker cell")
    out = [list(row) for row in grid]
    done = False
    for cells in components(grid, 0, False, True):
        marks = [(i, j) for i, j in cells if grid[i][j] == colour]
        if not marks or len(marks) == len(cells):
            continue
        body = Counter(grid[i][j] for i, j in cells if grid[i][j] != colour).most_common(1)[0][0]
        top, left, bottom, right = bounds(cells)
        dirs = {(_sign(2 * i - top - bottom), _sign(2 * j - left - right)) for i, j in marks} - {(0, 0)}
        if not dirs:
            continue
        done = True
        for i, j in cells:
            out[i][j] = body
        for di, dj in dirs:
            k = 1
            while True:
                inside = False
                for i, j in cells:
                    y, x = i + di * k, j + dj * k
                    if 0 <= y < h and 0 <= x < w:
                        inside = True
                        if not grid[y][x]:
                            out[y][x] = body
                if not inside:
                    break
                charge(len(cells))
                k += 1
    if not done:
        raise DSLError("domain", "no object with a marker off its centre")
    return tuple(tuple(row) for row in out)


def _core(grid: Grid, cells: tuple) -> set:
    """The cells of a one-colour object that lie in a 2x2 square of its cells."""
    own = set(cells)
    core: set = set()
    for i, j in cells:
        if (i, j + 1) in own and (i + 1, j) in own and (i + 1, j + 1) in own:
            core.update(((i, j), (i, j + 1), (i + 1, j), (i + 1, j + 1)))
    return core


def _stem_shift(core: set, stem: list) -> tuple:
    """The move that takes the core to the far end of a straight stem leaving it from one side; None if the
    stem is not one straight run of cells touching the core at one end."""
    rows = {i for i, _ in stem}
    cols = {j for _, j in stem}
    n = len(stem)
    if len(rows) == 1:
        (i,) = rows
        a, b = min(cols), max(cols)
        if b - a + 1 != n:
            return None
        if (i, b + 1) in core:
            return 0, -n
        if (i, a - 1) in core:
            return 0, n
    elif len(cols) == 1:
        (j,) = cols
        a, b = min(rows), max(rows)
        if b - a + 1 != n:
            return None
        if (b + 1, j) in core:
            return -n, 0
        if (a - 1, j) in core:
            return n, 0
    return None


@primitive("Grid -> Grid")
def retract_stems(grid: Grid) -> Grid:
    """Each one-colour object made of a thick block and a straight one-cell-wide stem loses the stem and moves its block to the stem's far end."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    moves = []
    for cells in components(grid, 0, True, False):
        if len(cells) < 5:
            continue
        core = _core(grid, cells)
        if not core or len(core) == len(cells):
            continue
        stem = [c for c in cells if c not in core]
        shift = _stem_shift(core, stem)
        if shift is None:
            continue
        di, dj = shift
        if any(not (0 <= i + di < h and 0 <= j + dj < w) for i, j in core):
            continue
        moves.append((cells, core, di, dj))
    if not moves:
        raise DSLError("domain", "no block with a straight stem")
    out = [list(row) for row in grid]
    for cells, _, _, _ in moves:
        for i, j in cells:
            out[i][j] = 0
    for _, core, di, dj in moves:
        for i, j in core:
            out[i + di][j + dj] = grid[i][j]
    return tuple(tuple(row) for row in out)
