"""Template placements under rigid motions: a multi-colour template turned or flipped onto partial copies of
itself (cells of some of its colours) and drawn there in full.

Colour 0 is empty. Each primitive charges the run's budget about one unit per cell it compares
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from itertools import combinations

from dsl.budget import charge
from dsl.primitives.structure import MOTIONS, components
from dsl.registry import primitive
from dsl.values import DSLError, Grid

_MAX_COLOURS = 4


@primitive("Grid, Bool -> Grid")
def place_templates(grid: Grid, move: bool) -> Grid:
    """Each 8-connected object with the most colours is a template: wherever a turn or flip of its cells of some colours lands exactly on whole other objects, with 0 under its other cells, it is drawn in full (and, with the flag, removed from its place)."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    comps = components(grid, 0, False, True)
    owner = {}
    for k, cells in enumerate(comps):
        for c in cells:
            owner[c] = k
    colours = [sorted({grid[i][j] for i, j in cells}) for cells in comps]
    most = max((len(cs) for cs in colours), default=0)
    if most < 2 or most > _MAX_COLOURS:
        raise DSLError("domain", "no multi-colour template")
    templates = [k for k, cs in enumerate(colours) if len(cs) == most]
    where: dict = {}
    for (i, j), k in owner.items():
        if k not in templates:
            where.setdefault(grid[i][j], []).append((i, j))
    used: set = set()
    draws: list = []
    placed = []
    # Larger colour subsets first, over all templates: a one-colour match must not take another's markers.
    for size in range(most - 1, 0, -1):
        for t in templates:
            cells = [(i, j, grid[i][j]) for i, j in comps[t]]
            for subset in combinations(colours[t], size):
                part = [x for x in cells if x[2] in subset]
                rest = [x for x in cells if x[2] not in subset]
                a, b, v = part[0]
                charge(8 * len(where.get(v, ())) * len(cells))
                for m in MOTIONS:
                    ma, mb = m(a, b)
                    moved_part = [(m(i, j), c) for i, j, c in part]
                    moved_rest = [(m(i, j), c) for i, j, c in rest]
                    for y, x in where.get(v, ()):
                        if owner[(y, x)] in used:
                            continue
                        di, dj = y - ma, x - mb
                        hit = set()
                        ok = True
                        for (i, j), c in moved_part:
                            p = (i + di, j + dj)
                            k = owner.get(p)
                            if k is None or k in used or grid[p[0]][p[1]] != c:
                                ok = False
                                break
                            hit.add(k)
                        if not ok or sum(len(comps[k]) for k in hit) != len(part):
                            continue
                        if not all(0 <= i + di < h and 0 <= j + dj < w and grid[i + di][j + dj] == 0
                                   for (i, j), _ in moved_rest):
                            continue
                        used |= hit
                        draws += [(i + di, j + dj, c) for (i, j), c in moved_rest]
                        placed.append(t)
    if not draws:
        return grid
    out = [list(row) for row in grid]
    if move:
        for t in set(placed):
            for i, j in comps[t]:
                out[i][j] = 0
    for i, j, c in draws:
        out[i][j] = c
    return tuple(tuple(row) for row in out)
