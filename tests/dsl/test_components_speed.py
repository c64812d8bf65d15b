"""Tricky cases for the run-labelled ``components`` and the early exits of the walking primitives."""

from dsl.primitives.cleanup import flood_from
from dsl.primitives.motion import attract_to_colour, connect_to_colour
from dsl.primitives.structure import components


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
