"""Tests for shift_by_count (the picture moved by as many cells as a marker colour has)."""

import pytest

from dsl.primitives.count_shifts import colour_count_bars, shift_by_count
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["shift_by_count"].signature == "Grid, Int, Vec -> Grid"
    assert PRIMITIVES["colour_count_bars"].signature == "Grid, Int, Vec -> Grid"


def test_lines_across_the_grid_stay_across_it():
    grid = g("00025",
             "22222",
             "00025",
             "00020",
             "00020")
    # Two markers: the cross moves two cells down and left, its lines still reaching the edges.
    assert shift_by_count(grid, 5, (1, -1)) == g("02000",
                                                 "02000",
                                                 "02000",
                                                 "22222",
                                                 "02000")


def test_object_moves_by_the_count():
    assert shift_by_count(g("0000", "0330", "0005"), 5, (0, 1)) == g("0000", "0033", "0000")
    # Vacated cells repeat the edge they left, so ink on that edge is drawn out.
    assert shift_by_count(g("3300", "0005"), 5, (0, 1)) == g("3330", "0000")


def test_needs_the_colour():
    with pytest.raises(DSLError):
        shift_by_count(g("33", "00"), 5, (0, 1))
    with pytest.raises(DSLError):
        shift_by_count(g("35", "00"), 5, (0, 2))
    # The tally lies on the border.
    with pytest.raises(DSLError):
        shift_by_count(g("300", "050", "000"), 5, (0, 1))


def test_bars_as_long_as_the_number_of_colours():
    grid = g("12000",
             "21000",
             "00040",
             "00060",
             "00000",
             "00000")
    # Two colours each: bars of length 2 under both objects (the second clipped by the grid).
    assert colour_count_bars(grid, 3, (1, 0)) == g("12000",
                                                   "21000",
                                                   "33040",
                                                   "33060",
                                                   "00030",
                                                   "00030")
    assert colour_count_bars(g("000", "120", "000"), 3, (0, 1)) == g("000", "123", "000")


def test_bars_need_a_multicolour_object():
    with pytest.raises(DSLError):
        colour_count_bars(g("110", "000"), 3, (1, 0))
    with pytest.raises(DSLError):
        colour_count_bars(g("120", "000"), 3, (1, 1))
