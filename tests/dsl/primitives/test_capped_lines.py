"""Tests for crop_capped_lines (the box of a colour's lines with the cells capping their ends, cropped)."""

import pytest

from dsl.primitives.capped_lines import crop_capped_lines
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["crop_capped_lines"].signature == "Grid, Int -> Grid"


def test_vertical_lines_keep_their_caps_but_not_side_cells():
    grid = g("000000",
             "030300",
             "040400",
             "242400",
             "040400",
             "030300",
             "000003")
    assert crop_capped_lines(grid, 4) == g("303",
                                           "404",
                                           "424",
                                           "404",
                                           "303")


def test_horizontal_line_with_one_cap():
    grid = g("0000",
             "0661",
             "0000")
    assert crop_capped_lines(grid, 6) == g("661")


def test_needs_a_capped_line():
    with pytest.raises(DSLError):
        crop_capped_lines(g("000", "020", "020"), 2)
    with pytest.raises(DSLError):
        crop_capped_lines(g("000", "010"), 5)
