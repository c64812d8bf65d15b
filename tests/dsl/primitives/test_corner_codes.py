"""Tests for corner_codes (the cells just outside each object's box corners coded by corner)."""

import pytest

from dsl.primitives.corner_codes import corner_codes
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["corner_codes"].signature == "Grid -> Grid"


def test_corners_coded_with_the_unused_colours_and_clipped():
    grid = g("000000",
             "000000",
             "002900",
             "000200",
             "000001")
    # Unused colours: 3, 4, 5, 6 (1, 2 and 9 are in the grid); the corner pixel's box has one free corner.
    assert corner_codes(grid) == g("000000",
                                   "030040",
                                   "002900",
                                   "000230",
                                   "050061")


def test_needs_four_free_colours_and_a_free_corner():
    with pytest.raises(DSLError):
        corner_codes(g("123", "456", "789"))
    with pytest.raises(DSLError):
        corner_codes(g("11", "11"))
