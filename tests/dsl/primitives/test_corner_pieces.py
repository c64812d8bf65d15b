"""Tests for assemble_corners (four corner pieces joined into one square)."""

import pytest

from dsl.primitives.corner_pieces import assemble_corners
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["assemble_corners"].signature == "Grid -> Grid"


def test_each_piece_goes_opposite_its_empty_corner():
    grid = g("0000000000",
             "0550000000",
             "0500000000",
             "0000006000",
             "0000066000",
             "0000000000",
             "0770000000",
             "0070000000",
             "0000000880",
             "0000000080")
    # 55/5. keeps the top left; 77/.7 the top right; .6/66 the bottom right; 88/.8 also wants the top right
    with pytest.raises(DSLError):
        assemble_corners(grid)
    grid = g("0000000000",
             "0550000000",
             "0500000000",
             "0000006000",
             "0000066000",
             "0000000000",
             "0770000000",
             "0070000000",
             "0000000800",
             "0000000880")
    assert assemble_corners(grid) == g("5577",
                                       "5007",
                                       "8006",
                                       "8866")


def test_larger_pieces_keep_their_inside():
    grid = g("222000000",
             "230000444",
             "200000034",
             "000000004",
             "000000000",
             "100000000",
             "130000006",
             "111000036",
             "000000666")
    assert assemble_corners(grid) == g("222444",
                                       "230034",
                                       "200004",
                                       "100006",
                                       "130036",
                                       "111666")


def test_needs_four_pieces_of_one_size():
    with pytest.raises(DSLError):
        assemble_corners(g("1100", "1000", "0000", "0022"))
