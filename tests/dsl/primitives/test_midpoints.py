"""Tests for paint_midpoints (the cell halfway between two cells of a colour takes it)."""

import pytest

from dsl.primitives.midpoints import paint_midpoints
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["paint_midpoints"].signature == "Grid -> Grid"


def test_midpoints_in_rows_and_columns_on_any_cell():
    grid = g("3000300",
             "0000000",
             "0000000",
             "0000000",
             "3000000")
    assert paint_midpoints(grid) == g("3030300",
                                      "0000000",
                                      "3000000",
                                      "0000000",
                                      "3000000")


def test_most_common_colour_is_ground_and_odd_gaps_have_no_midpoint():
    grid = g("11111",
             "21112",
             "11111",
             "61161")
    assert paint_midpoints(grid) == g("11111",
                                      "21212",
                                      "11111",
                                      "61161")


def test_nothing_to_paint_is_an_error():
    with pytest.raises(DSLError):
        paint_midpoints(g("0000", "0200", "0000"))
    with pytest.raises(DSLError):
        paint_midpoints(g("000", "000"))
