"""Clusters of one colour boxed: the bounding box of each cluster painted, the cluster's own cells kept. Colour 0
is empty; charges the run's budget about one unit per cell (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import bounds
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_colour


def _clusters(cells: list, reach: int) -> list:
    """The cells grouped by chains of steps of at most ``reach`` rows and columns (union-find)."""
    index = {cell: k for k, cell in enumerate(cells)}
    parent = list(range(len(cells)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    steps = [(di, dj) for di in range(reach + 1) for dj in range(-reach, reach + 1) if di or dj > 0]
    for k, (i, j) in enumerate(cells):
        for di, dj in steps:
            m = index.get((i + di, j + dj))
            if m is not None:
                a, b = find(k), find(m)
                if a != b:
                    parent[a] = b
    groups: dict = {}
    for k, cell in enumerate(cells):
        groups.setdefault(find(k), []).append(cell)
    return list(groups.values())


@primitive("Grid, Int, Int, Bool -> Grid")
def fill_cluster_boxes(grid: Grid, colour: int, paint: int, gaps: bool) -> Grid:
    """The bounding box of each cluster of the colour (8-connected, across one-cell gaps with the flag) painted, the cluster kept."""
    check_colour(colour)
    check_colour(paint)
    if colour == 0 or colour == paint:
        raise DSLError("domain", "the cluster colour is an ink colour other than the paint")
    h, w = len(grid), len(grid[0])
    charge(h * w)
    cells = [(i, j) for i, row in enumerate(grid) for j, v in enumerate(row) if v == colour]
    if not cells:
        raise DSLError("domain", "no cell of the colour")
    out = [list(row) for row in grid]
    changed = False
    for group in _clusters(cells, 2 if gaps else 1):
        if len(group) < 2:
            continue
        r0, c0, r1, c1 = bounds(group)
        charge((r1 - r0 + 1) * (c1 - c0 + 1))
        for i in range(r0, r1 + 1):
            row = out[i]
            for j in range(c0, c1 + 1):
                if row[j] != colour and row[j] != paint:
                    row[j] = paint
                    changed = True
    if not changed:
        raise DSLError("domain", "no box to paint")
    return tuple(tuple(row) for row in out)
