"""The bit-trick and regex primitives of layers.py and motion.py against plain per-cell walks of their specs."""

from hypothesis import given, settings
from hypothesis import strategies as st

from dsl.primitives.layers import halo, interior, outline, smear
from dsl.primitives.motion import attract_to_colour, bounce, connect_to_colour

_EIGHT = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1))


@st.composite
def grids(draw):
    """Grids up to 9x9, mostly 0 with a few colours, so that walks, gaps and halos all occur."""
    h, w = draw(st.integers(1, 9)), draw(st.integers(1, 9))
    cell = st.sampled_from((0, 0, 0, 1, 2, 3))
    return tuple(tuple(draw(cell) for _ in range(w)) for _ in range(h))


def _inside(grid, i, j):
    return 0 <= i < len(grid) and 0 <= j < len(grid[0])


def _walk(grid, i, j, di, dj):
    """The first cell from (i, j) on in a direction that is not a 0 cell (or the first one off the grid)."""
    i, j = i + di, j + dj
    while _inside(grid, i, j) and grid[i][j] == 0:
        i, j = i + di, j + dj
    return i, j


def _smear(grid, di, dj):
    out = [list(r) for r in grid]
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            if v:
                a, b = _walk(grid, i, j, di, dj)
                while (a, b) != (i + di, j + dj):
                    a, b = a - di, b - dj
                    out[a][b] = v
    return tuple(map(tuple, out))


def _halo(grid, colour, diagonal):
    steps = _EIGHT if diagonal else _EIGHT[:4]
    return tuple(tuple(colour if not v and any(_inside(grid, i + a, j + b) and grid[i + a][j + b] for a, b in steps)
                       else v for j, v in enumerate(row)) for i, row in enumerate(grid))


def _is_interior(grid, i, j):
    return all(_inside(grid, i + a, j + b) and grid[i + a][j + b] for a, b in ((0, 0),) + _EIGHT[:4])


@settings(max_examples=150, deadline=None)
@given(grids(), st.sampled_from(_EIGHT), st.integers(1, 9), st.booleans())
def test_layers_match_walks(grid, direction, colour, diagonal):
    assert smear(grid, direction) == _smear(grid, *direction)
    assert halo(grid, colour, diagonal) == _halo(grid, colour, diagonal)
    assert interior(grid) == tuple(tuple(v if _is_interior(grid, i, j) else 0 for j, v in enumerate(row))
                                   for i, row in enumerate(grid))
    assert outline(grid) == tuple(tuple(0 if _is_interior(grid, i, j) else v for j, v in enumerate(row))
                                  for i, row in enumerate(grid))


def _seeds(grid, colour):
    return [(i, j, c) for i, row in enumerate(grid) for j, c in enumerate(row) if c and c != colour]


def _connect(grid, colour):
    out = [list(r) for r in grid]
    for i, j, c in _seeds(grid, colour):
        for di, dj in _EIGHT[:4]:
            a, b = _walk(grid, i, j, di, dj)
            if _inside(grid, a, b) and grid[a][b] == colour:
                while (a - di, b - dj) != (i, j):
                    a, b = a - di, b - dj
                    out[a][b] = c
    return tuple(map(tuple, out))


def _attract(grid, colour):
    out = [list(r) for r in grid]
    moves = []
    for i, j, c in _seeds(grid, colour):
        for di, dj in _EIGHT:
            a, b = _walk(grid, i, j, di, dj)
            if _inside(grid, a, b) and grid[a][b] == colour:
                moves.append((i, j, a - di, b - dj, c))
                break
    for i, j, _, _, _ in moves:
        out[i][j] = 0
    for _, _, a, b, c in moves:
        out[a][b] = c
    return tuple(map(tuple, out))


def _bounce(grid):
    w = len(grid[0])
    out = [list(r) for r in grid]
    for i, j, c in _seeds(grid, 0):
        d = 1
        for r in range(i - 1, -1, -1):
            if w > 1:
                d = d if 0 <= j + d < w else -d
                j += d
            out[r][j] = out[r][j] or c
    return tuple(map(tuple, out))


@settings(max_examples=150, deadline=None)
@given(grids(), st.integers(1, 3))
def test_motion_matches_walks(grid, colour):
    assert connect_to_colour(grid, colour) == _connect(grid, colour)
    assert attract_to_colour(grid, colour) == _attract(grid, colour)
    assert bounce(grid) == _bounce(grid)
