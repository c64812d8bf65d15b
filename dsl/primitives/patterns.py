"""Recolouring and copying patterns: ring colours, shape rarity, gap sizes, self-similar copies, template stamps,
and bridges between aligned pixels."""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import components, shape_key, zero_regions
from dsl.registry import primitive
from dsl.values import DSLError, Grid, Vec, check_colour, check_grid_size


def _components(grid: Grid, zeros: bool, same_colour: bool, diagonal: bool) -> tuple:
    """Connected components (tuples of (i, j)) of the 0 cells (``zeros``) or of the non-zero cells."""
    charge(2 * len(grid) * len(grid[0]))
    return zero_regions(grid, diagonal) if zeros else components(grid, 0, same_colour, diagonal)


def _paint(grid: Grid, cells, colour: int) -> list:
    rows = [list(r) for r in grid]
    for i, j in cells:
        rows[i][j] = colour
    return rows


@primitive("Grid, Int -> Grid")
def self_kron(grid: Grid, colour: int) -> Grid:
    """The grid scaled by its own size: a copy of the grid in every block whose cell has the colour, 0 elsewhere."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    check_grid_size(h * h, w * w)
    charge(h * h * w * w)
    blank = (0,) * w
    out = []
    for bi in range(h):
        for i in range(h):
            out.append(tuple(v for bj in range(w) for v in (grid[i] if grid[bi][bj] == colour else blank)))
    return tuple(out)


def _ring_colours(grid: Grid, distinct: bool) -> list:
    """The colours of the concentric rings from the border inwards (runs merged; or each colour once if distinct)."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    seq: list = []
    for k in range((min(h, w) + 1) // 2):
        c = grid[k][k]
        if not seq or seq[-1] != c and not (distinct and c in seq):
            seq.append(c)
    if len(set(seq)) != len(seq) or len(seq) < 2:
        raise DSLError("domain", "ring colours repeat")
    return seq


def _recolour(grid: Grid, mapping: dict) -> Grid:
    return tuple(tuple(mapping.get(v, v) for v in row) for row in grid)


@primitive("Grid -> Grid")
def reverse_rings(grid: Grid) -> Grid:
    """Swap the colours of the concentric rings: the outermost colour with the innermost, and so on."""
    seq = _ring_colours(grid, False)
    return _recolour(grid, dict(zip(seq, reversed(seq))))


@primitive("Grid -> Grid")
def cycle_rings(grid: Grid) -> Grid:
    """Move every ring colour one ring inwards (colours in order of first ring); the last colour goes to the border."""
    seq = _ring_colours(grid, True)
    return _recolour(grid, {c: seq[k - 1] for k, c in enumerate(seq)})


@primitive("Grid -> Grid")
def rarity_colours(grid: Grid) -> Grid:
    """Paint every single-colour 8-connected object 2 if no other object has its shape, else 1."""
    comps = _components(grid, False, True, True)
    keys = [shape_key(c) for c in comps]
    counts: dict = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    rows = [list(r) for r in grid]
    for cells, k in zip(comps, keys):
        colour = 2 if counts[k] == 1 else 1
        for i, j in cells:
            rows[i][j] = colour
    return tuple(tuple(r) for r in rows)


@primitive("Grid -> Grid")
def gap_size_colours(grid: Grid) -> Grid:
    """Paint every 4-connected region of 0 cells with its cell count (at most 9)."""
    rows = [list(r) for r in grid]
    for cells in _components(grid, True, True, False):
        n = min(len(cells), 9)
        for i, j in cells:
            rows[i][j] = n
    return tuple(tuple(r) for r in rows)


@primitive("Grid -> Grid")
def hole_size_colours(grid: Grid) -> Grid:
    """Paint every 4-connected region of 0 cells off the grid's edge (a hole) with its cell count (at most 9)."""
    h, w = len(grid), len(grid[0])
    rows = [list(r) for r in grid]
    found = False
    for cells in _components(grid, True, True, False):
        if any(i in (0, h - 1) or j in (0, w - 1) for i, j in cells):
            continue
        found = True
        n = min(len(cells), 9)
        for i, j in cells:
            rows[i][j] = n
    if not found:
        raise DSLError("domain", "no hole")
    return tuple(tuple(r) for r in rows)


@primitive("Grid -> Grid")
def stamp_shapes(grid: Grid) -> Grid:
    """Copy the template (the object with the most colours, then cells) over each solid box of the template's size."""
    comps = _components(grid, False, False, True)
    if len(comps) < 2:
        raise DSLError("domain", "no template and target")

    def box(cells):
        return (min(i for i, _ in cells), min(j for _, j in cells),
                max(i for i, _ in cells) + 1, max(j for _, j in cells) + 1)

    infos = []
    for cells in comps:
        colours = {grid[i][j] for i, j in cells}
        infos.append((len(colours), len(cells), box(cells), cells))
    template = max(infos, key=lambda t: (t[0], t[1]))
    if template[0] < 2:
        raise DSLError("domain", "no multicolour template")
    t0, t1, t2, t3 = template[2]
    th, tw = t2 - t0, t3 - t1
    rows = [list(r) for r in grid]
    done = False
    for ncol, n, (a, b, c, d), cells in infos:
        if ncol == 1 and c - a == th and d - b == tw and n == th * tw:
            for i in range(th):
                for j in range(tw):
                    rows[a + i][b + j] = grid[t0 + i][t1 + j]
            done = True
    if not done:
        raise DSLError("domain", "no target of the template's size")
    return tuple(tuple(r) for r in rows)


@primitive("Grid, Int -> Grid")
def bridge_pairs(grid: Grid, colour: int) -> Grid:
    """Paint with the colour the 0 cells between two nearest same-colour cells of a row or a column."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    rows = [list(r) for r in grid]
    found = False
    for i in range(h):
        last = -1
        for j in range(w):
            v = grid[i][j]
            if v:
                if last >= 0 and grid[i][last] == v and j - last > 1:
                    for b in range(last + 1, j):
                        rows[i][b] = colour
                    found = True
                last = j
    for j in range(w):
        last = -1
        for i in range(h):
            v = grid[i][j]
            if v:
                if last >= 0 and grid[last][j] == v and i - last > 1:
                    for a in range(last + 1, i):
                        rows[a][j] = colour
                    found = True
                last = i
    if not found:
        raise DSLError("domain", "no aligned pair")
    return tuple(tuple(r) for r in rows)


def _period(lines: list, repeats: int) -> int:
    """The smallest period of the rows, seen at least ``repeats`` times (1: more than once), else their number."""
    n = len(lines)
    for p in range(1, (n - 1 if repeats < 2 else n // repeats) + 1):
        if all(lines[k] == lines[k - p] for k in range(p, n)):
            return p
    return n


@primitive("Grid, Bool -> Grid")
def extend_periodic(grid: Grid, vertical: bool) -> Grid:
    """Repeat the rows (vertical) or columns from the first to the last with ink, with their period, over the grid."""
    # A band inside the grid repeats whole unless it holds two periods; one at a border continues its shortest period.
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    lines = list(grid) if vertical else list(zip(*grid))
    inked = [k for k, line in enumerate(lines) if any(line)]
    if not inked:
        raise DSLError("empty", "a grid without ink")
    lo, hi = inked[0], inked[-1] + 1
    p = _period(lines[lo:hi], 1 if lo == 0 or hi == len(lines) else 2)
    out = [lines[lo + (k - lo) % p] for k in range(len(lines))]
    return tuple(out) if vertical else tuple(zip(*out))


@primitive("Grid -> Grid")
def recolour_by_markers(grid: Grid) -> Grid:
    """Recolour each larger object with the colour of the one-cell objects in its columns (or else its rows), if one."""
    comps = _components(grid, False, True, False)
    marks = [cells[0] for cells in comps if len(cells) == 1]
    if not marks:
        raise DSLError("domain", "no markers")
    rows = [list(r) for r in grid]
    done = False
    for cells in comps:
        if len(cells) == 1:
            continue
        for axis in (1, 0):
            lo = min(c[axis] for c in cells)
            hi = max(c[axis] for c in cells)
            colours = {grid[i][j] for i, j in marks if lo <= (i, j)[axis] <= hi}
            if len(colours) == 1:
                colour = colours.pop()
                for i, j in cells:
                    rows[i][j] = colour
                done = True
                break
    if not done:
        raise DSLError("domain", "no object under a marker")
    return tuple(tuple(r) for r in rows)


def _bounce(k: int, n: int) -> int:
    """Index k folded back and forth over 0..n-1 (the edge rows are shared by neighbouring copies)."""
    if n == 1:
        return 0
    k %= 2 * (n - 1)
    return k if k < n else 2 * (n - 1) - k


@primitive("Grid, Vec -> Grid")
def reflect_tile(grid: Grid, shape: Vec) -> Grid:
    """Fill the shape with mirror copies of the grid that share their edge rows and columns."""
    h, w = shape
    check_grid_size(h, w)
    charge(h * w)
    gh, gw = len(grid), len(grid[0])
    cols = [_bounce(j, gw) for j in range(w)]
    return tuple(tuple(grid[_bounce(i, gh)][j] for j in cols) for i in range(h))


@primitive("Grid -> Grid")
def count_diagonal(grid: Grid) -> Grid:
    """The n x n grid with the most common ink colour on its diagonal, n the number of 8-connected ink objects."""
    comps = _components(grid, False, False, True)
    if not comps:
        raise DSLError("empty", "a grid without ink")
    n = len(comps)
    check_grid_size(n, n)
    counts = [0] * 10
    for cells in comps:
        for i, j in cells:
            counts[grid[i][j]] += 1
    colour = max(range(1, 10), key=lambda c: (counts[c], -c))
    return tuple(tuple(colour if i == j else 0 for j in range(n)) for i in range(n))


def _separators(lines) -> list:
    """Indices of the lines that are one non-zero colour throughout."""
    out = []
    for k, line in enumerate(lines):
        c = line[0]
        if c and all(v == c for v in line):
            out.append(k)
    return out


def _spans(n: int, cuts: list) -> list:
    """The (start, stop) runs of indices 0..n-1 between the cut indices."""
    out, start = [], 0
    for k in cuts + [n]:
        if k > start:
            out.append((start, k))
        start = k + 1
    return out


@primitive("Grid -> Grid")
def copy_panel(grid: Grid) -> Grid:
    """Copy the panel with the most ink (panels: between full lines of one colour) over every other panel."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    row_spans = _spans(h, _separators(grid))
    col_spans = _spans(w, _separators(list(zip(*grid))))
    boxes = [(r, c) for r in row_spans for c in col_spans]
    if len(boxes) < 2 or len({(r[1] - r[0], c[1] - c[0]) for r, c in boxes}) != 1:
        raise DSLError("domain", "no equal panels")

    def ink(box) -> int:
        (a, b), (c, d) = box
        return sum(1 for i in range(a, b) for j in range(c, d) if grid[i][j])

    src = max(boxes, key=ink)
    (a0, _), (c0, _) = src
    rows = [list(r) for r in grid]
    for (a, b), (c, d) in boxes:
        for i in range(b - a):
            for j in range(d - c):
                rows[a + i][c + j] = grid[a0 + i][c0 + j]
    return tuple(tuple(r) for r in rows)


@primitive("Grid -> Grid")
def kron_halves(grid: Grid) -> Grid:
    """The one-colour half (of a split along the longer side) copied into each cell of the other, in its colour."""
    h, w = len(grid), len(grid[0])
    if w >= h and w % 2 == 0:
        a, b = tuple(r[:w // 2] for r in grid), tuple(r[w // 2:] for r in grid)
    elif h > w and h % 2 == 0:
        a, b = grid[:h // 2], grid[h // 2:]
    else:
        raise DSLError("domain", "no halves")
    colours_a = {v for row in a for v in row if v}
    colours_b = {v for row in b for v in row if v}
    if len(colours_b) == 1 and len(colours_a) != 1:
        mask, paint = b, a
    elif len(colours_a) == 1 and len(colours_b) != 1:
        mask, paint = a, b
    else:
        raise DSLError("domain", "no single one-colour mask")
    ph, pw, mh, mw = len(paint), len(paint[0]), len(mask), len(mask[0])
    check_grid_size(ph * mh, pw * mw)
    charge(ph * mh * pw * mw)
    out = []
    for pi in range(ph):
        for mi in range(mh):
            out.append(tuple(paint[pi][pj] if paint[pi][pj] and mask[mi][mj] else 0
                             for pj in range(pw) for mj in range(mw)))
    return tuple(out)
