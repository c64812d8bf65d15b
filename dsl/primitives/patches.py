"""Local repair: cells of an unknown colour filled by a vote of the grid's own 3x3 windows, and cells that break
a grid's near-period repainted with the majority of their period class.

Both fall back on local evidence where the global repairs of ``structure.py`` (``complete_symmetry``,
``continue_pattern``) need the whole grid to agree. Each charges the run's budget about one unit per cell
and window it compares (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from dsl.budget import charge
from dsl.registry import primitive
from dsl.primitives.structure import _symmetry_candidates, bounds, complete_symmetry
from dsl.values import DSLError, Grid, check_colour

_MAX_UNKNOWN = 400  # more unknown cells than this is not a repair


def _windows(g: np.ndarray, known: np.ndarray, turned: bool) -> tuple[np.ndarray, np.ndarray]:
    """The distinct fully known 3x3 windows as rows of 9 values (with their 8 turns and flips if ``turned``),
    and how often each occurs."""
    h, w = g.shape
    full = [(a, b) for a in range(h - 2) for b in range(w - 2) if known[a:a + 3, b:b + 3].all()]
    if not full:
        return np.zeros((0, 9), dtype=g.dtype), np.zeros(0, dtype=np.int64)
    blocks = np.stack([g[a:a + 3, b:b + 3] for a, b in full])
    if turned:
        turns = [np.rot90(blocks, k, axes=(1, 2)) for k in range(4)]
        blocks = np.concatenate(turns + [t[:, :, ::-1] for t in turns])
    return np.unique(blocks.reshape(len(blocks), 9), axis=0, return_counts=True)


def _vote(g: np.ndarray, known: np.ndarray, i: int, j: int, wins: np.ndarray, counts: np.ndarray) -> int:
    """The value the windows vote for at (i, j): among the placements over the cell with the most known cells
    that some window fits, the value with the largest count of fitting windows; -1 when none fits."""
    h, w = g.shape
    placements = []
    for a in range(max(0, i - 2), min(h - 3, i) + 1):
        for b in range(max(0, j - 2), min(w - 3, j) + 1):
            mask = known[a:a + 3, b:b + 3].reshape(9)
            placements.append((int(mask.sum()), a, b, mask))
    placements.sort(key=lambda p: -p[0])
    best_n, votes = -1, Counter()
    for n, a, b, mask in placements:
        if n < best_n or n == 0:
            break
        vals = g[a:a + 3, b:b + 3].reshape(9)
        fit = (wins[:, mask] == vals[mask]).all(axis=1)
        if not fit.any():
            continue
        best_n = n
        k = (i - a) * 3 + (j - b)
        for v, c in zip(wins[fit, k].tolist(), counts[fit].tolist()):
            votes[v] += c
    if not votes:
        return -1
    return max(votes.items(), key=lambda vc: (vc[1], -vc[0]))[0]


@primitive("Grid, Int -> Grid")
def complete_patches(grid: Grid, colour: int) -> Grid:
    """Fill the cells of an unknown colour, most-surrounded first, with the value most 3x3 windows of the known cells (turned or flipped if none fits as is) agree on there."""
    check_colour(colour)
    g = np.array(grid, dtype=np.int16)
    h, w = g.shape
    known = g != colour
    n_unknown = int(h * w - known.sum())
    if n_unknown == 0:
        return grid
    if h < 3 or w < 3 or n_unknown > _MAX_UNKNOWN:
        raise DSLError("domain", "no patch repair for this grid")
    charge(h * w)
    known0 = known.copy()  # the windows come from the original known cells only
    tables = {}
    todo = {(int(i), int(j)) for i, j in zip(*np.nonzero(~known))}
    while todo:
        # Peel the unknown region: fill the cells with the most known 8-neighbours first.
        pad = np.pad(known, 1).astype(np.int8)
        around = sum(pad[1 + di:h + 1 + di, 1 + dj:w + 1 + dj] for di in (-1, 0, 1) for dj in (-1, 0, 1))
        top = max(int(around[c]) for c in todo)
        if top == 0:
            break
        filled = []
        for cell in sorted(c for c in todo if around[c] == top):
            v = -1
            for turned in (False, True):
                if turned not in tables:
                    tables[turned] = _windows(g, known0, turned)
                    charge(9 * len(tables[turned][0]) * n_unknown)
                wins, counts = tables[turned]
                if len(wins):
                    v = _vote(g, known, cell[0], cell[1], wins, counts)
                if v >= 0:
                    break
            if v < 0:
                raise DSLError("domain", "no window fits an unknown cell")
            filled.append((cell, v))
        for cell, v in filled:
            g[cell] = v
            known[cell] = True
            todo.discard(cell)
    if todo:
        raise DSLError("domain", "unknown cells with no known neighbour")
    return tuple(tuple(row) for row in g.tolist())


@primitive("Grid -> Grid")
def repair_period(grid: Grid) -> Grid:
    """Repaint the few cells (at most a tenth) that break the smallest row and column period, each with the majority of the cells that the period says are equal to it."""
    g = np.array(grid, dtype=np.int64)
    h, w = g.shape
    charge(h * w)
    limit = h * w // 10
    rows, cols = np.indices((h, w))
    # Periods leave each class at least three cells, so that one wrong cell is outvoted.
    shapes = sorted((p * q, p, q) for p in range(1, h + 1) for q in range(1, w + 1)
                    if p * q > 1 and h * w >= 3 * p * q)
    charge(len(shapes) * h * w // 8)
    for _, p, q in shapes:
        cls = (rows % p) * q + cols % q
        counts = np.bincount((cls * 10 + g).ravel(), minlength=p * q * 10).reshape(p * q, 10)
        ranked = np.sort(counts, axis=1)
        wrong = int(counts.sum() - ranked[:, -1].sum())
        if wrong > limit:
            continue
        # A class with a disagreement needs a strict majority.
        if ((ranked[:, -1] == ranked[:, -2]) & (ranked[:, -2] > 0)).any():
            continue
        if wrong == 0:
            return grid
        return tuple(tuple(row) for row in counts.argmax(axis=1)[cls].tolist())
    raise DSLError("domain", "no period with few exceptions")


@primitive("Grid, Int -> Grid")
def complete_symmetry_boxed(grid: Grid, colour: int) -> Grid:
    """Complete_symmetry inside the bounding box of the cells that are not 0 (a framed or off-centre pattern), the rest kept."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(h * w)
    cells = [(i, j) for i in range(h) for j in range(w) if grid[i][j]]
    if not cells:
        raise DSLError("domain", "no ink")
    r0, c0, r1, c1 = bounds(cells)
    if (r1 - r0 + 1, c1 - c0 + 1) == (h, w):
        raise DSLError("domain", "the ink fills the grid's box")
    box = tuple(row[c0:c1 + 1] for row in grid[r0:r1 + 1])
    fixed = complete_symmetry(box, colour)
    return tuple(row if not r0 <= i <= r1 else row[:c0] + fixed[i - r0] + row[c1 + 1:] for i, row in enumerate(grid))


@primitive("Grid -> Grid")
def repair_symmetry(grid: Grid) -> Grid:
    """Repaint the few cells that break the grid's near mirror/turn symmetries with the majority of their orbit (orbits of three or more cells)."""
    g = np.array(grid, dtype=np.int64)
    h, w = g.shape
    rows, cols = np.indices((h, w))
    bg = int(np.bincount(g.ravel()).argmax())
    # A few wrong cells: at most a tenth of the grid and a quarter of the cells off the background.
    limit = min(h * w // 10, int((g != bg).sum()) // 4)
    charge(80 * h * w)
    best: dict = {}
    for family, dist, _, _, _, image in _symmetry_candidates(grid):
        a, b = image(rows, cols)
        inside = (0 <= a) & (a < h) & (0 <= b) & (b < w)
        pairs = int(inside.sum())
        if 2 * pairs < h * w:
            continue
        wrong = int((g[a[inside], b[inside]] != g[inside]).sum())
        if wrong > 2 * limit:  # each wrong cell breaks the pair both ways
            continue
        key = (wrong, dist)
        if family not in best or key < best[family][0]:
            best[family] = (key, a, b, inside)
    if not best:
        raise DSLError("domain", "no near symmetry")
    # Orbits: the cells joined by the accepted symmetries (union-find over flat indices).
    parent = list(range(h * w))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _, a, b, inside in best.values():
        for x, y in zip((rows * w + cols)[inside].tolist(), (a * w + b)[inside].tolist()):
            rx, ry = find(x), find(y)
            if rx != ry:
                parent[rx] = ry
    orbits: dict = {}
    flat = g.ravel().tolist()
    for x in range(h * w):
        orbits.setdefault(find(x), []).append(x)
    out = list(flat)
    for cells in orbits.values():
        if len(cells) < 3:
            continue
        ranked = Counter(flat[x] for x in cells).most_common(2)
        if len(ranked) > 1 and ranked[0][1] > ranked[1][1]:
            for x in cells:
                out[x] = ranked[0][0]
    return tuple(tuple(out[i * w:(i + 1) * w]) for i in range(h))
