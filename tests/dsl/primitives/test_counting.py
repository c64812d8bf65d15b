"""Tests for the counting primitives: count of the largest objects of a colour, counts laid out as cells."""

import pytest

from dsl.primitives.counting import count_largest, fold_cells, largest_colour_bars, tally_grid
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g

SIGNATURES = {
    "count_largest": "Grid, Int -> Int",
    "tally_grid": "Int, Int, Vec, Int -> Grid",
    "largest_colour_bars": "Grid -> Grid",
    "fold_cells": "Grid, Vec, Bool -> Grid",
}



def test_registered_with_signatures():
    for name, signature in SIGNATURES.items():
        assert PRIMITIVES[name].signature == signature, name
        assert PRIMITIVES[name].fn.__module__ == "dsl.primitives.counting"


def test_count_largest():
    grid = g("11012", "11000", "00011", "10011")
    assert count_largest(grid, 1) == 2  # two 2x2 squares; the single cells do not count
    assert count_largest(grid, 2) == 1
    with pytest.raises(DSLError):
        count_largest(grid, 5)


def test_tally_grid():
    assert tally_grid(2, 1, (1, 4), 1) == g("1100")
    assert tally_grid(3, 7, (3, 3), 2) == g("707", "070", "000")
    assert tally_grid(0, 1, (1, 2), 1) == g("00")
    with pytest.raises(DSLError):
        tally_grid(6, 1, (3, 3), 2)  # the sixth cell would be past the end


def test_largest_colour_bars():
    grid = g("0300", "0302", "1002", "0404")
    assert largest_colour_bars(grid) == g("32", "32")  # the 2-cell objects, by their left column
    with pytest.raises(DSLError):
        largest_colour_bars(g("00"))


def test_fold_cells():
    grid = g("1020", "0304", "5000")
    assert fold_cells(grid, (2, 3), False) == g("123", "450")
    assert fold_cells(grid, (2, 3), True) == g("123", "054")
    with pytest.raises(DSLError):
        fold_cells(grid, (2, 2), False)  # five cells do not fit four
