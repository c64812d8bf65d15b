"""Tests for extend_rings (square rings around a centre continued outwards by their period)."""

import pytest

from dsl.primitives.rings import extend_rings
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["extend_rings"].signature == "Grid -> Grid"


def test_rings_around_a_corner_continue():
    # Rings around the bottom-left cell: 0, 3, 0, 3 so far.
    grid = g("000000",
             "000000",
             "333300",
             "000300",
             "330300",
             "030300")
    assert extend_rings(grid) == g("333333",
                                   "000003",
                                   "333303",
                                   "000303",
                                   "330303",
                                   "030303")


def test_rings_around_a_point_between_cells():
    # Centre between rows 1 and 2 at the left edge: half a cell counts as one ring, so rows 0 and 3 and column 2
    # make ring 2; rings 2 and 4 are drawn, ring 6 is added.
    grid = g("2220200",
             "0020200",
             "0020200",
             "2220200",
             "0000200",
             "2222200",
             "0000000",
             "0000000")
    assert extend_rings(grid) == g("2220202",
                                   "0020202",
                                   "0020202",
                                   "2220202",
                                   "0000202",
                                   "2222202",
                                   "0000002",
                                   "2222222")


def test_needs_periodic_rings():
    with pytest.raises(DSLError):
        extend_rings(g("000", "000"))
    with pytest.raises(DSLError):
        extend_rings(g("1234", "5678", "1357", "2468"))
