"""Tests for shift_by_count (the picture moved by as many cells as a marker colour has)."""

import pytest

from dsl.primitives.count_shifts import shift_by_count
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["shift_by_count"].signature == "Grid, Int, Vec -> Grid"


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
