"""Connected components (run-labelled, cached) against a flood fill, and the early exits of the walking primitives."""

from dsl.primitives.cleanup import flood_from
from dsl.primitives.motion import attract_to_colour, connect_to_colour
import random

import pytest

from dsl.primitives.structure import components, zero_regions


def _sets(comps):
    return [sorted(c) for c in comps]


def test_components_single_cell_and_one_colour():
    assert components(((5,),), 0) == (((0, 0),),)
    assert components(((0,),), 0) == ()
    assert _sets(components(((3, 3), (3, 3)), 0)) == [[(0, 0), (0, 1), (1, 0), (1, 1)]]
    assert components(((3, 3), (3, 3)), 3) == ()


def test_components_four_connected_only():
    g = ((1, 0), (0, 1))
    assert _sets(components(g, 0)) == [[(0, 0)], [(1, 1)]]


def test_components_background_not_zero_and_order():
    g = ((2, 0, 2),
         (2, 2, 2),
         (1, 2, 1))
    # bg 2: the 0 and the two 1s, ordered by first cell
    assert _sets(components(g, 2)) == [[(0, 1)], [(2, 0)], [(2, 2)]]
    # multicolour vs single-colour
    g2 = ((1, 2, 0), (0, 2, 0), (0, 0, 3))
    assert _sets(components(g2, 0)) == [[(0, 0), (0, 1), (1, 1)], [(2, 2)]]
    assert _sets(components(g2, 0, True)) == [[(0, 0)], [(0, 1), (1, 1)], [(2, 2)]]


def test_components_u_shape_joins_late():
    g = ((1, 0, 1), (1, 0, 1), (1, 1, 1))
    assert _sets(components(g, 0)) == [[(0, 0), (0, 2), (1, 0), (1, 2), (2, 0), (2, 1), (2, 2)]]


def test_walkers_without_target_colour_keep_grid():
    g = ((1, 0, 0), (0, 0, 2))
    assert connect_to_colour(g, 3) == g
    assert attract_to_colour(g, 0) == g
    assert flood_from(g, 4) == g
    assert flood_from(g, 0) == g
    assert connect_to_colour(((1, 0, 0, 2),), 2) == ((1, 1, 1, 2),)
    assert attract_to_colour(((1, 0, 0, 2),), 2) == ((0, 0, 1, 2),)


def test_halo_bitmask_rows():
    from dsl.primitives.layers import halo
    g = ((0, 0, 0), (0, 5, 0), (0, 0, 0))
    assert halo(g, 2, False) == ((0, 2, 0), (2, 5, 2), (0, 2, 0))
    assert halo(g, 2, True) == ((2, 2, 2), (2, 5, 2), (2, 2, 2))
    assert halo(((7,),), 3, True) == ((7,),)
    assert halo(((0, 0),), 3, True) == ((0, 0),)


def test_flood_from_regions():
    g = ((0, 0, 5, 0),
         (2, 0, 5, 0),
         (5, 5, 5, 0),
         (0, 0, 0, 0))
    # the top-left region touches the 2 and is flooded; the region around the 5s does not
    assert flood_from(g, 2) == ((2, 2, 5, 0), (2, 2, 5, 0), (5, 5, 5, 0), (0, 0, 0, 0))
    assert flood_from(g, 5) == ((5, 5, 5, 5), (2, 5, 5, 5), (5, 5, 5, 5), (5, 5, 5, 5))
    assert flood_from(((0, 3), (3, 0)), 3) == ((3, 3), (3, 3))  # 4-connected through the 3s' sides only


def _flood(grid, keep, same_colour, diagonal):
    """Components by a plain flood fill, ordered by first cell, cells sorted."""
    h, w = len(grid), len(grid[0])
    steps = [(1, 0), (-1, 0), (0, 1), (0, -1)] + ([(1, 1), (1, -1), (-1, 1), (-1, -1)] if diagonal else [])
    seen, out = set(), []
    for i in range(h):
        for j in range(w):
            if (i, j) in seen or not keep(grid[i][j]):
                continue
            stack, comp = [(i, j)], []
            seen.add((i, j))
            while stack:
                a, b = stack.pop()
                comp.append((a, b))
                for di, dj in steps:
                    x, y = a + di, b + dj
                    if (0 <= x < h and 0 <= y < w and (x, y) not in seen and keep(grid[x][y])
                            and (not same_colour or grid[x][y] == grid[a][b])):
                        seen.add((x, y))
                        stack.append((x, y))
            out.append(sorted(comp))
    return out


@pytest.mark.parametrize("seed", range(5))
def test_components_and_zero_regions_match_a_flood_fill(seed):
    rng = random.Random(seed)
    for _ in range(200):
        h, w = rng.randint(1, 8), rng.randint(1, 8)
        g = tuple(tuple(rng.choice((0, 0, 1, 2, 3)) for _ in range(w)) for _ in range(h))
        bg = rng.choice((0, 1, 2))
        for diagonal in (False, True):
            for univalued in (False, True):
                want = _flood(g, lambda v: v != bg, univalued, diagonal)
                assert _sets(components(g, bg, univalued, diagonal)) == want
            assert _sets(zero_regions(g, diagonal)) == _flood(g, lambda v: v == 0, True, diagonal)
