"""Object extraction and conversion: connected components, partitions, colour sets, templates.

Objects are frozensets of ``(colour, (i, j))`` cells, Indices frozensets of ``(i, j)``. Containers of objects
are tuples in row-major order of each object's top-left-most cell (its smallest ``(i, j)``), except
``partition``/``fgpartition``, which are ordered by colour.

Speed notes (``objects`` is the hottest extraction primitive): a grid is turned into one ``bytes`` string with
a 0xFF separator after every row, so a regular expression finds the maximal same-colour (or non-background)
runs of each row in C. Runs of consecutive rows are joined with a union-find whose root is always the
smallest run id, which is also the component's first run in row-major order, so the components come out in
canonical order without sorting. Cells are built by slicing precomputed ``(colour, (i, j))`` tuples. Large,
noisy grids (many runs) go through ``scipy.ndimage.label`` instead, whose per-cell work is in C.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import chain, compress, repeat
from operator import itemgetter

import numpy as np

from dsl.background import background_of_bytes
from dsl.registry import primitive
from dsl.values import MAX_GRID_SIDE, DSLError, Grid, Indices, Object, bounded_union

# ----------------------------------------------------------------------------------------------------------
# Shared tables and helpers (also used by geometry.py and regions.py)

_SIDE = MAX_GRID_SIDE
#: ``_IJ[i][j] == (i, j)``: shared index tuples, sliced instead of rebuilt.
_IJ = tuple(tuple((i, j) for j in range(_SIDE)) for i in range(_SIDE))
#: ``_CELL[c][i][j] == (c, (i, j))``: shared object cells for the ten colours.
_CELL = tuple(tuple(tuple((c, ij) for ij in _IJ[i]) for i in range(_SIDE)) for c in range(10))
_SEP = b"\xff"
_second = itemgetter(1)
#: ``_IS[c]``: a ``bytes.translate`` table turning colour ``c`` into 1 and every other byte into 0.
_IS = tuple(bytes(v == c for v in range(256)) for c in range(10))


@cache
def _flat_ij(width: int) -> tuple:
    """``(i, j)`` of every cell of a grid of this width in row-major order (index ``i * width + j``)."""
    return tuple(chain.from_iterable(row[:width] for row in _IJ))


@cache
def _flat_cells(colour: int, width: int) -> tuple:
    """``(colour, (i, j))`` of every cell of a grid of this width in row-major order."""
    return tuple(chain.from_iterable(row[:width] for row in _CELL[colour]))


def _class(exclude: int) -> bytes:
    """A regex character class of the colours 0-9 except ``exclude``."""
    return b"[" + b"".join(re.escape(bytes((c,))) for c in range(10) if c != exclude) + b"]"


# Same-colour runs of every colour but the background (index = background colour; index 10: no background).
_UNI_RUNS = tuple(re.compile(b"(" + _class(bg) + b")\\1*") for bg in range(11))
# Runs of non-background cells of any colours.
_MULTI_RUNS = tuple(re.compile(_class(bg) + b"+") for bg in range(11))

# Grids with at least this many cells and row runs are labelled with scipy (measured crossover).
_LABEL_MIN_CELLS = 400
_LABEL_MIN_RUNS = 140


def is_object(patch) -> bool:
    """True if a non-empty patch is an Object (its cells are ``(colour, (i, j))``), False for Indices."""
    for cell in patch:
        return type(cell[1]) is tuple
    return False


def indices_of(patch) -> Indices:
    """The cell positions of a patch (the patch itself for Indices and the empty set)."""
    for cell in patch:
        if type(cell[1]) is tuple:
            return frozenset(map(_second, patch))
        return patch
    return patch


def _grid_bytes(grid: Grid) -> bytes:
    """The grid's cells as bytes, each row followed by 0xFF except the last."""
    return _SEP.join(map(bytearray, grid))  # bytearray(row) converts a tuple faster than bytes(row)


def _flat_bytes(grid: Grid) -> bytes:
    """The grid's cells as bytes in row-major order (index ``i * width + j``)."""
    return b"".join(map(bytearray, grid))  # bytearray(row) converts a tuple faster than bytes(row)


def _colour_cells(data: bytes, width: int, colour: int):
    """The cells of one colour in flat grid bytes as ``_flat_cells`` entries (picked in C by a 0/1 mask)."""
    return compress(_flat_cells(colour, width), data.translate(_IS[colour]))


def _background(data: bytes) -> int:
    """The most common colour in grid bytes (ties to the smallest colour)."""
    return background_of_bytes(data)


def _run_count(data: bytes, height: int) -> int:
    """The number of maximal same-colour row runs in grid bytes (counted in C by XOR-ing shifted copies)."""
    n = len(data)
    if n < 2:
        return n
    diff = int.from_bytes(data[:-1], "big") ^ int.from_bytes(data[1:], "big")
    transitions = (n - 1) - diff.to_bytes(n - 1, "big").count(0)
    # Each separator adds two transitions and no run.
    return transitions - 2 * (height - 1) + 1


# ----------------------------------------------------------------------------------------------------------
# Connected components


def _objects_runs(grid: Grid, data: bytes, univalued: bool, diagonal: bool, bg: int) -> tuple:
    """Components by row runs and a union-find over runs (fast unless the grid is noisy)."""
    groups, runs = run_groups(data, len(grid[0]) + 1, univalued, diagonal, bg)
    return _build(grid, univalued, groups, runs)


def run_groups(data: bytes, stride: int, univalued: bool, diagonal: bool, bg: int) -> tuple:
    """The components of grid bytes as groups of row runs: ``(groups, runs)`` with ``runs[x] == (j0, j1,
    colour, x, i)`` and each group a list of run ids in row-major order, the groups ordered by their first
    run. ``bg`` (-1: none) is skipped; also used by ``structure.components``."""
    pattern = (_UNI_RUNS if univalued else _MULTI_RUNS)[bg if bg >= 0 else 10]
    ext = 1 if diagonal else 0
    parent: list = []
    runs: list = []
    prev: list = []
    cur: list = []
    row = -2
    k = n_prev = 0
    n = 0
    for m in pattern.finditer(data):
        s, e = m.span()
        i = s // stride
        j0 = s - i * stride
        j1 = e - i * stride
        c = data[s] if univalued else 0
        if i != row:
            if i == row + 1:
                prev = cur
                n_prev = len(prev)
            else:
                n_prev = 0
            cur = []
            row = i
            k = 0
        run = (j0, j1, c, n, i)
        parent.append(n)
        runs.append(run)
        cur.append(run)
        if n_prev:
            # Skip the previous row's runs that end before this one can touch them; k only moves forward.
            while k < n_prev and prev[k][1] + ext <= j0:
                k += 1
            q = k
            limit = j1 + ext
            root = n
            while q < n_prev:
                p = prev[q]
                if p[0] >= limit:
                    break
                if p[2] == c:
                    r = p[3]
                    while parent[r] != r:  # find with path halving
                        parent[r] = parent[parent[r]]
                        r = parent[r]
                    if r < root:
                        parent[root] = r
                        root = r
                    elif r > root:
                        parent[r] = root
                q += 1
        n += 1
    # parent[x] <= x, so one forward pass resolves every run to its root (the component's first run).
    groups: dict = {}
    for x in range(n):
        p = parent[x]
        if p != x:
            p = parent[x] = parent[p]
            groups[p].append(x)
        else:
            groups[x] = [x]
    return groups.values(), runs


def _build(grid: Grid, univalued: bool, groups, runs) -> tuple:
    """Objects from groups of run ids; ``runs[x] == (j0, j1, colour, _, i)``."""
    out = []
    if univalued:
        for g in groups:
            if len(g) == 1:
                j0, j1, c, _, i = runs[g[0]]
                out.append(frozenset(_CELL[c][i][j0:j1]))
            else:
                cells: list = []
                for x in g:
                    j0, j1, c, _, i = runs[x]
                    cells += _CELL[c][i][j0:j1]
                out.append(frozenset(cells))
    else:
        for g in groups:
            cells = []
            for x in g:
                j0, j1, _, _, i = runs[x]
                cells += zip(grid[i][j0:j1], _IJ[i][j0:j1])
            out.append(frozenset(cells))
    return tuple(out)


# scipy.ndimage (False if scipy is unavailable) is imported with the module, not on first use: an import
# inside a program run would be charged to that program's wall-clock budget.
try:
    from scipy import ndimage as _ndimage
except ImportError:  # pragma: no cover - scipy is optional; the run-based path handles everything
    _ndimage = False
_STRUCTS: dict = {}


def _have_ndimage() -> bool:
    return _ndimage is not False


def _structure(diagonal: bool, planes: bool):
    """The scipy connectivity structure (2D, or 3D acting within planes only), built once."""
    key = (diagonal, planes)
    s = _STRUCTS.get(key)
    if s is None:
        flat = np.ones((3, 3), bool) if diagonal else np.array([[0, 1, 0], [1, 1, 1], [0, 1, 0]], bool)
        if planes:
            s = np.zeros((3, 3, 3), bool)
            s[1] = flat
        else:
            s = flat
        _STRUCTS[key] = s
    return s


def _objects_label(grid: Grid, data: bytes, univalued: bool, diagonal: bool, bg: int) -> tuple:
    """Components with ``scipy.ndimage.label`` (for large grids with many runs)."""
    _have_ndimage()
    h = len(grid)
    w = len(grid[0])
    a = np.frombuffer(data + _SEP, np.uint8).reshape(h, w + 1)[:, :w]
    if univalued:
        present = np.flatnonzero(np.bincount(a.ravel(), minlength=10))
        if bg >= 0:
            present = present[present != bg]
        if not len(present):
            return ()
        # One plane per colour; the structure only connects cells within a plane.
        planes = a[None] == present.astype(np.uint8)[:, None, None]
        labels = _ndimage.label(planes, _structure(diagonal, True))[0].max(axis=0)
    else:
        labels = _ndimage.label(a != bg, _structure(diagonal, False))[0]
    padded = np.zeros((h, w + 1), np.int32)
    padded[:, :w] = labels
    flat = padded.ravel()
    cuts = np.flatnonzero(flat[1:] != flat[:-1]) + 1
    starts = np.concatenate(([0], cuts))
    ends = np.concatenate((cuts, [flat.size]))
    run_labels = flat[starts]
    keep = run_labels != 0
    starts = starts[keep]
    ends = ends[keep]
    run_labels = run_labels[keep]
    if not len(run_labels):
        return ()
    stride = w + 1
    rows = starts // stride
    base = rows * stride
    # Group the runs by label (stable, so each group stays in row-major order), then order the groups by
    # their first run, which holds the component's top-left-most cell.
    order = np.argsort(run_labels, kind="stable")
    sorted_labels = run_labels[order]
    group_starts = np.concatenate(([0], np.flatnonzero(sorted_labels[1:] != sorted_labels[:-1]) + 1))
    group_ends = np.concatenate((group_starts[1:], [len(order)]))
    group_order = np.argsort(order[group_starts])
    order = order.tolist()
    i_list = rows.tolist()
    j0_list = (starts - base).tolist()
    j1_list = (ends - base).tolist()
    gs = group_starts[group_order].tolist()
    ge = group_ends[group_order].tolist()
    out = []
    if univalued:
        c_list = np.frombuffer(data, np.uint8)[starts].tolist()
        for s, e in zip(gs, ge):
            if e - s == 1:
                r = order[s]
                out.append(frozenset(_CELL[c_list[r]][i_list[r]][j0_list[r]:j1_list[r]]))
            else:
                cells: list = []
                for r in order[s:e]:
                    cells += _CELL[c_list[r]][i_list[r]][j0_list[r]:j1_list[r]]
                out.append(frozenset(cells))
    else:
        for s, e in zip(gs, ge):
            cells = []
            for r in order[s:e]:
                i = i_list[r]
                j0 = j0_list[r]
                j1 = j1_list[r]
                cells += zip(grid[i][j0:j1], _IJ[i][j0:j1])
            out.append(frozenset(cells))
    return tuple(out)


@primitive("Grid, Bool, Bool, Bool -> Tup[Object]")
def objects(grid: Grid, univalued: bool, diagonal: bool, without_bg: bool) -> tuple:
    """Connected components (single-colour or not, 8- or 4-connected, skipping the background or not)."""
    data = _grid_bytes(grid)
    if without_bg:
        bg = _background(data)
    elif univalued:
        bg = -1
    else:
        return (asobject(grid),)
    if len(data) >= _LABEL_MIN_CELLS and _run_count(data, len(grid)) >= _LABEL_MIN_RUNS and _have_ndimage():
        return _objects_label(grid, data, univalued, diagonal, bg)
    return _objects_runs(grid, data, univalued, diagonal, bg)


def _partition(data: bytes, width: int, skip: int) -> tuple:
    """One object per colour present in flat grid bytes except ``skip``, ordered by colour."""
    return tuple(frozenset(_colour_cells(data, width, c)) for c in range(10) if c != skip and c in data)


@primitive("Grid -> Tup[Object]")
def partition(grid: Grid) -> tuple:
    """One object per colour of the grid, ordered by colour."""
    return _partition(_flat_bytes(grid), len(grid[0]), -1)


@primitive("Grid -> Tup[Object]")
def fgpartition(grid: Grid) -> tuple:
    """One object per colour except the background (most common colour), ordered by colour."""
    data = _flat_bytes(grid)
    return _partition(data, len(grid[0]), _background(data))


# ----------------------------------------------------------------------------------------------------------
# Conversions


@cache
def _all_indices(h: int, w: int) -> Indices:
    return frozenset(chain.from_iterable(row[:w] for row in _IJ[:h]))


@primitive("Grid -> Indices")
def asindices(grid: Grid) -> Indices:
    """All cell positions of a grid."""
    return _all_indices(len(grid), len(grid[0]))


@primitive("Grid, Int -> Indices")
def ofcolor(grid: Grid, colour: int) -> Indices:
    """The positions of the cells of one colour."""
    if type(colour) is int and 0 <= colour <= 9:
        data = _flat_bytes(grid)
        if colour not in data:
            return frozenset()
        return frozenset(compress(_flat_ij(len(grid[0])), data.translate(_IS[colour])))
    eq = colour.__eq__  # not a colour (a bool still equals 0 or 1): compare cell by cell
    return frozenset(chain.from_iterable(compress(ij, map(eq, row)) for row, ij in zip(grid, _IJ)))


@primitive("Patch -> Indices")
def toindices(patch) -> Indices:
    """The cell positions of a patch."""
    return indices_of(patch)


@primitive("Patch, Grid -> Object")
def toobject(patch, grid: Grid) -> Object:
    """Colour a patch's cells from the grid, dropping cells outside the grid."""
    h = len(grid)
    w = len(grid[0])
    return frozenset((grid[i][j], (i, j)) for i, j in indices_of(patch) if 0 <= i < h and 0 <= j < w)


@primitive("Grid -> Object")
def asobject(grid: Grid) -> Object:
    """The whole grid as one object."""
    return frozenset(chain.from_iterable(map(zip, grid, _IJ)))


@primitive("Int, Patch -> Object")
def recolor(colour: int, patch) -> Object:
    """The patch's cells, all in one colour."""
    if not 0 <= colour <= 9:
        raise DSLError("domain", f"colour {colour} is not 0-9")
    idx = indices_of(patch)
    return frozenset(zip(repeat(colour, len(idx)), idx))


# ----------------------------------------------------------------------------------------------------------
# Containers of patches


def _main_colour(obj) -> int:
    """An object's most common colour, ties to the smallest (as the ``color`` primitive); -1 if none."""
    colours = [cell[0] for cell in obj]
    if not colours:
        return -1
    first = colours[0]
    if colours.count(first) == len(colours):
        return first
    return max(sorted(set(colours)), key=colours.count)


@primitive("Tup[Object], Int -> Tup[Object]")
def colorfilter(objs: tuple, colour: int) -> tuple:
    """The objects whose colour (most common colour) is the given one."""
    return tuple(o for o in objs if _main_colour(o) == colour)


@primitive("Tup[P], Int -> Tup[P]")
def sizefilter(patches: tuple, n: int) -> tuple:
    """The patches with exactly n cells."""
    return tuple(p for p in patches if len(p) == n)


@primitive("Tup[P] -> P")
def merge(patches: tuple):
    """The union of the patches (the empty set for none)."""
    if len(patches) == 1:
        return patches[0]
    return bounded_union(patches)


@primitive("Patch -> Int")
def size(patch) -> int:
    """The number of cells of a patch."""
    return len(patch)


@primitive("Tup[P] -> P")
def largest(patches: tuple):
    """The patch with the most cells (the first on ties)."""
    if not patches:
        raise DSLError("empty", "largest of no patches")
    return max(patches, key=len)


@primitive("Tup[P] -> P")
def smallest(patches: tuple):
    """The patch with the fewest cells (the first on ties)."""
    if not patches:
        raise DSLError("empty", "smallest of no patches")
    return min(patches, key=len)


# ----------------------------------------------------------------------------------------------------------
# Whole-grid structure and templates


@primitive("Grid -> Tup[Object]")
def frontiers(grid: Grid) -> tuple:
    """The single-colour full rows and columns, as objects (rows before columns on a tie)."""
    h = len(grid)
    w = len(grid[0])
    found = []
    for i, row in enumerate(grid):
        c = row[0]
        if row.count(c) == w:
            found.append(((i, 0, 0), frozenset(_CELL[c][i][:w])))
    for j, col in enumerate(zip(*grid)):
        c = col[0]
        if col.count(c) == h:
            found.append(((0, j, 1), frozenset(zip(col, (r[j] for r in _IJ)))))
    found.sort(key=itemgetter(0))
    return tuple(obj for _, obj in found)


@primitive("Grid, Object -> Indices")
def occurrences(grid: Grid, obj: Object) -> Indices:
    """The upper-left positions where the (normalized) object matches the grid's colours exactly."""
    if not obj:
        raise DSLError("empty", "occurrences of an empty object")
    if any(not 0 <= cell[0] <= 9 for cell in obj):
        return frozenset()  # no grid cell has such a colour
    pos = list(map(_second, obj))
    top = min(p[0] for p in pos)
    left = min(p[1] for p in pos)
    cells = sorted((i - top, j - left, c) for c, (i, j) in obj)
    oh = cells[-1][0] + 1
    ow = max(c[1] for c in cells) + 1
    h = len(grid)
    w = len(grid[0])
    if oh > h or ow > w:
        return frozenset()
    # Anchor on the longest horizontal run of the object's cells; find its hits in C, verify the rest.
    best = (0, 0, 0, 0)  # (length, index into cells, row, column)
    start = 0
    for x in range(1, len(cells) + 1):
        if (x == len(cells) or cells[x][0] != cells[x - 1][0] or cells[x][1] != cells[x - 1][1] + 1
                or cells[x][0] != cells[start][0]):
            if x - start > best[0]:
                best = (x - start, start, cells[start][0], cells[start][1])
            start = x
    length, at, ai, aj = best
    anchor = bytes(c for _, _, c in cells[at:at + length])
    rest = cells[:at] + cells[at + length:]
    data = _grid_bytes(grid)
    stride = w + 1
    out = []
    find = data.find
    p = find(anchor)
    while p >= 0:
        i = p // stride
        i0 = i - ai
        j0 = p - i * stride - aj
        if 0 <= i0 <= h - oh and 0 <= j0 <= w - ow:
            for a, b, c in rest:
                if grid[i0 + a][j0 + b] != c:
                    break
            else:
                out.append((i0, j0))
        p = find(anchor, p + 1)
    return frozenset(out)


@primitive("Patch -> Tup[Vec]")
def positions(patch) -> tuple:
    """The distinct cell positions of a patch as a tuple, in row-major order."""
    if is_object(patch):
        return tuple(sorted({ij for _, ij in patch}))
    return tuple(sorted(patch))


@primitive("P, Patch -> P")
def intersect(patch, other):
    """The cells of the first patch whose positions also belong to the second patch."""
    keep = indices_of(other)
    if is_object(patch):
        return frozenset(c for c in patch if c[1] in keep)
    return patch & keep


@primitive("P, Patch -> P")
def exclude(patch, other):
    """The cells of the first patch whose positions do not belong to the second patch."""
    drop = indices_of(other)
    if is_object(patch):
        return frozenset(c for c in patch if c[1] not in drop)
    return patch - drop
