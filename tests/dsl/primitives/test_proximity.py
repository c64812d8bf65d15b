"""Tests for filling by proximity: recolouring by the nearest colour, gaps split between two colours."""

import pytest

from dsl.primitives.proximity import recolour_by_nearest, split_gaps
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["recolour_by_nearest"].signature == "Grid, Int -> Grid"
    assert PRIMITIVES["split_gaps"].signature == "Grid, Int, Bool -> Grid"


def test_recolour_by_nearest_takes_closest_other_colour():
    grid = g("1000002", "1030302", "1000002")
    assert recolour_by_nearest(grid, 3) == g("1000002", "1010202", "1000002")


def test_recolour_by_nearest_tie_keeps_colour():
    assert recolour_by_nearest(g("10302",), 3) == g("10302",)
    assert recolour_by_nearest(g("10300002",), 3) == g("10100002",)


def test_recolour_by_nearest_reaches_through_ink_and_gaps():
    grid = g("4000", "0000", "0003", "0033")
    assert recolour_by_nearest(grid, 3) == g("4000", "0000", "0004", "0044")


def test_recolour_by_nearest_no_anchor_or_colour_absent():
    assert recolour_by_nearest(g("303",), 3) == g("303",)
    assert recolour_by_nearest(g("101",), 3) == g("101",)
    assert recolour_by_nearest(g("101",), 0) == g("101",)


def test_recolour_by_nearest_rejects_bad_colour():
    with pytest.raises(DSLError):
        recolour_by_nearest(g("1",), 12)


def test_split_gaps_rows_odd_and_even_gaps():
    grid = g("1000002", "3000040", "0000000")
    assert split_gaps(grid, 5, False) == g("1115222", "3334440", "0000000")


def test_split_gaps_same_colour_untouched_and_columns():
    grid = g("10001", "00000", "20000")
    assert split_gaps(grid, 5, True) == g("10001", "50000", "20000")
    with pytest.raises(DSLError):
        split_gaps(grid, 5, False)  # the only row gap lies between equal colours
