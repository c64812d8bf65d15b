"""Pieces fitted into holes: each enclosed region of 0 cells takes the colour of the one loose one-colour piece of
exactly its shape, and the piece leaves its place. Charges the run's budget about one unit per cell
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import MOTIONS, components, shape_key, zero_regions
from dsl.registry import primitive
from dsl.values import DSLError, Grid


def _keys(cells, turns: bool) -> set:
    """The shape keys of the cells, under every rigid motion with ``turns``."""
    if not turns:
        return {shape_key(cells)}
    return {shape_key([m(i, j) for i, j in cells]) for m in MOTIONS}


@primitive("Grid, Bool -> Grid")
def fit_pieces_in_holes(grid: Grid, turns: bool) -> Grid:
    """Each 4-connected region of 0 cells off the grid's edge takes the colour of the one 4-connected one-colour piece of its exact shape (turned or flipped with the flag), which is erased; ties go to a piece whose colour has no other cells."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    holes = [c for c in zero_regions(grid) if all(0 < i < h - 1 and 0 < j < w - 1 for i, j in c)]
    if not holes:
        raise DSLError("domain", "no enclosed hole")
    sizes = {len(c) for c in holes}
    counts = [0] * 10
    for row in grid:
        for v in row:
            counts[v] += 1
    pieces = [c for c in components(grid, 0, True, False) if len(c) in sizes]
    piece_keys = [shape_key(c) for c in pieces]
    out = [list(row) for row in grid]
    used: set = set()
    done = False
    for hole in holes:
        keys = _keys(hole, turns)
        fits = [k for k, c in enumerate(pieces) if k not in used and len(c) == len(hole) and piece_keys[k] in keys]
        if len(fits) > 1:
            fits = [k for k in fits if counts[grid[pieces[k][0][0]][pieces[k][0][1]]] == len(pieces[k])]
        if len(fits) != 1:
            continue
        k = fits[0]
        used.add(k)
        colour = grid[pieces[k][0][0]][pieces[k][0][1]]
        for i, j in pieces[k]:
            out[i][j] = 0
        for i, j in hole:
            out[i][j] = colour
        done = True
    if not done:
        raise DSLError("domain", "no piece fits a hole")
    return tuple(tuple(row) for row in out)
