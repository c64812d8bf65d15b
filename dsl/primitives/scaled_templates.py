"""Templates completed at a scale: a multi-colour template turned or flipped, blown up by 1 to 4, laid over
whole marker objects that agree with it (up to a recolouring), and drawn in full over the background.

The background is the grid's most common colour. Each primitive charges the run's budget about one unit per
cell it compares (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.background import background
from dsl.budget import charge
from dsl.primitives.structure import MOTIONS, bounds, components
from dsl.registry import primitive
from dsl.values import DSLError, Grid

_MAX_COLOURS = 4
_MAX_SCALE = 4
_MAX_TEMPLATE_CELLS = 40
_MAX_TEMPLATES = 6  # more multi-colour objects are a picture, not a few templates and their markers


def _moved(cells: list, motion) -> list:
    """The template cells ``(i, j, c)`` under a motion, shifted to start at (0, 0), in reading order."""
    out = [motion(i, j) + (c,) for i, j, c in cells]
    i0 = min(x[0] for x in out)
    j0 = min(x[1] for x in out)
    return sorted((i - i0, j - j0, c) for i, j, c in out)


def _fit(grid: Grid, bg: int, cells: list, k: int, di: int, dj: int, owner: dict, sizes: list,
         own: set):
    """The (hit objects, cells to draw) of the template ``cells`` scaled by ``k`` at offset (di, dj), or None.

    It fits when its non-background cells (inside the grid) are whole objects outside the template,
    and their colours follow the template's through a one-to-one colour map (the drawn cells use that map)."""
    h, w = len(grid), len(grid[0])
    cmap: dict = {}
    hits: set = set()
    covered = 0
    draws = []
    for i, j, c in cells:
        y0, x0 = di + k * i, dj + k * j
        # Cells past the edge are cut off (a copy may run out of the grid).
        for y in range(max(y0, 0), min(y0 + k, h)):
            row = grid[y]
            for x in range(max(x0, 0), min(x0 + k, w)):
                u = row[x]
                if u == bg:
                    draws.append((y, x, c))
                    continue
                o = owner[(y, x)]
                if o in own or cmap.setdefault(c, u) != u:
                    return None
                hits.add(o)
                covered += 1
    if not draws or covered != sum(sizes[o] for o in hits) or len(set(cmap.values())) != len(cmap):
        return None
    return hits, [(y, x, cmap.get(c, c)) for y, x, c in draws]


@primitive("Grid -> Grid")
def complete_scaled_templates(grid: Grid) -> Grid:
    """Each multi-colour 8-connected object is a template: wherever a turn or flip of it, scaled by 1-4, covers whole other objects whose colours match its own through a one-to-one map, it is drawn in full over the background, cut off at the edges (placements covering more objects first)."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    bg = background(grid)
    pieces = components(grid, bg, True, True)
    owner = {}
    for o, cells in enumerate(pieces):
        for p in cells:
            owner[p] = o
    sizes = [len(cells) for cells in pieces]
    templates = []
    for cells in components(grid, bg, False, True):
        colours = {grid[i][j] for i, j in cells}
        if 2 <= len(colours) <= _MAX_COLOURS and len(cells) <= _MAX_TEMPLATE_CELLS:
            templates.append((cells, colours, {owner[p] for p in cells}))
    if not templates or len(templates) > _MAX_TEMPLATES:
        raise DSLError("domain", "no multi-colour template, or too many")
    by_colour: dict = {}
    for o, p in enumerate(pieces):
        by_colour.setdefault(grid[p[0][0]][p[0][1]], []).append(o)
    found = []
    for t, (cells, colours, own) in enumerate(templates):
        rel = [(i, j, grid[i][j]) for i, j in cells]
        for m, motion in enumerate(MOTIONS):
            moved = _moved(rel, motion)
            for v in colours:
                a, b, _ = next(x for x in moved if x[2] == v)
                for o in by_colour[v]:
                    if o in own:
                        continue
                    obj = pieces[o]
                    top, left, bottom, right = bounds(obj)
                    for k in range(1, _MAX_SCALE + 1):
                        # A whole marker of k x k blocks, no larger than the scaled template.
                        if (bottom - top + 1) % k or (right - left + 1) % k or sizes[o] > len(moved) * k * k:
                            continue
                        for y, x in obj:
                            if (y - top) % k or (x - left) % k:
                                continue
                            charge(len(moved) * k * k)
                            fit = _fit(grid, bg, moved, k, y - k * a, x - k * b, owner, sizes, own)
                            if fit is not None:
                                found.append((-len(fit[0]), m, k, t, fit))
    found.sort(key=lambda f: f[:4])
    used: set = set()
    sources: set = set()
    out = None
    for _, _, _, t, (hits, draws) in found:
        own = templates[t][2]
        if hits & used or hits & sources or own & used:
            continue
        used |= hits
        sources |= own
        if out is None:
            out = [list(row) for row in grid]
        for y, x, c in draws:
            out[y][x] = c
    return grid if out is None else tuple(tuple(row) for row in out)
