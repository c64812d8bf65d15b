"""Sprites rescaled and combined into a new grid: a blown-up object shown one cell per block, a small sprite
scaled to fill a frame, and one-colour layers laid over each other centred."""

from __future__ import annotations

from dsl.background import background
from dsl.budget import charge
from dsl.primitives.structure import components
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_grid_size


def _crop(grid: Grid, cells, fill: int) -> Grid:
    """The bounding box of the cells with their colours, ``fill`` elsewhere."""
    top, left = min(i for i, _ in cells), min(j for _, j in cells)
    h = max(i for i, _ in cells) - top + 1
    w = max(j for _, j in cells) - left + 1
    rows = [[fill] * w for _ in range(h)]
    for i, j in cells:
        rows[i - top][j - left] = grid[i][j]
    return tuple(tuple(r) for r in rows)


def _block_factor(grid: Grid) -> int:
    """The largest k dividing both sides such that every k x k block is one colour."""
    h, w = len(grid), len(grid[0])
    for k in range(min(h, w), 1, -1):
        if h % k or w % k:
            continue
        if all(grid[i][j] == grid[i - i % k][j - j % k] for i in range(h) for j in range(w)):
            return k
    return 1


@primitive("Grid -> Grid")
def largest_unscaled(grid: Grid) -> Grid:
    """The largest 8-connected one-colour object (over 0) cropped, scaled down by the size of its uniform blocks."""
    charge(3 * len(grid) * len(grid[0]))
    comps = components(grid, 0, True, True)
    if not comps:
        raise DSLError("empty", "a grid without ink")
    sprite = _crop(grid, max(comps, key=len), 0)
    k = _block_factor(sprite)
    if k == 1:
        raise DSLError("domain", "the object is not made of blocks")
    return tuple(row[::k] for row in sprite[::k])


@primitive("Grid -> Grid")
def fit_in_frame(grid: Grid) -> Grid:
    """The largest one-colour rectangle outline (over 0) cropped, the rest of the ink scaled up to fill its inside."""
    charge(3 * len(grid) * len(grid[0]))
    comps = components(grid, 0, True)
    if len(comps) < 2:
        raise DSLError("empty", "no frame and sprite")
    frame = max(comps, key=len)
    box = _crop(grid, frame, 0)
    h, w = len(box), len(box[0])
    if h < 3 or w < 3 or len(frame) != 2 * (h + w) - 4:
        raise DSLError("domain", "the largest object is not a rectangle outline")
    inside = frozenset(frame)
    sprite = _crop(grid, [(i, j) for i, row in enumerate(grid) for j, c in enumerate(row)
                          if c and (i, j) not in inside], 0)
    sh, sw = len(sprite), len(sprite[0])
    k = (h - 2) // sh
    if k < 1 or k * sh != h - 2 or k * sw != w - 2:
        raise DSLError("domain", "the sprite does not scale to the frame's inside")
    rows = [list(r) for r in box]
    for i in range(h - 2):
        for j in range(w - 2):
            rows[i + 1][j + 1] = sprite[i // k][j // k]
    return tuple(tuple(r) for r in rows)


@primitive("Grid -> Grid")
def centre_layers(grid: Grid) -> Grid:
    """Each colour but the background cropped to its bounding box; the crops laid centred over each other."""
    charge(2 * len(grid) * len(grid[0]))
    bg = background(grid)
    cells: dict = {}
    for i, row in enumerate(grid):
        for j, c in enumerate(row):
            if c != bg:
                cells.setdefault(c, []).append((i, j))
    if len(cells) < 2:
        raise DSLError("empty", "fewer than two layers")
    layers = [_crop(grid, cs, -1) for _, cs in sorted(cells.items())]
    h = max(len(layer) for layer in layers)
    w = max(len(layer[0]) for layer in layers)
    check_grid_size(h, w)
    rows = [[-1] * w for _ in range(h)]
    for layer in layers:
        dh, dw = h - len(layer), w - len(layer[0])
        if dh % 2 or dw % 2:
            raise DSLError("domain", "a layer cannot be centred")
        for i, row in enumerate(layer):
            for j, c in enumerate(row):
                if c < 0:
                    continue
                at = rows[i + dh // 2]
                if at[j + dw // 2] >= 0:
                    raise DSLError("domain", "layers overlap")
                at[j + dw // 2] = c
    return tuple(tuple(bg if c < 0 else c for c in r) for r in rows)
