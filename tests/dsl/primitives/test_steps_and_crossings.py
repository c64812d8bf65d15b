"""Tests for step_toward (objects stepped one cell towards a colour) and edge_marker_crossings (crossings of the
rows and columns marked on border rails)."""

import pytest

from dsl.primitives.steps_and_crossings import edge_marker_crossings, step_toward
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signatures():
    assert PRIMITIVES["step_toward"].signature == "Grid, Int -> Grid"
    assert PRIMITIVES["edge_marker_crossings"].signature == "Grid, Int -> Grid"


def test_objects_step_straight_or_diagonally():
    grid = g("600000",
             "000000",
             "000000",
             "000700",
             "000000",
             "000000")
    assert step_toward(grid, 7) == g("000000",
                                     "060000",
                                     "000000",
                                     "000700",
                                     "000000",
                                     "000000")
    assert step_toward(g("11000", "00003"), 3) == g("00000", "01103")


def test_touching_objects_stay_and_nothing_moving_fails():
    with pytest.raises(DSLError):
        step_toward(g("130", "000"), 3)
    with pytest.raises(DSLError):
        step_toward(g("100", "000"), 3)


def test_crossings_of_rail_markers():
    grid = g("06060",
             "00000",
             "00006",
             "00000",
             "00006")
    assert edge_marker_crossings(grid, 4) == g("06060",
                                               "00000",
                                               "04046",
                                               "00000",
                                               "04046")


def test_crossings_need_both_rails():
    with pytest.raises(DSLError):
        edge_marker_crossings(g("06060", "00000", "00000"), 4)


def test_pixel_lines_by_colour():
    from dsl.primitives.steps_and_crossings import pixel_lines_by_colour
    assert PRIMITIVES["pixel_lines_by_colour"].signature == "Grid, Int, Bool -> Grid"
    grid = g("0000",
             "0500",
             "0000",
             "0007")
    assert pixel_lines_by_colour(grid, 5, True) == g("0500",
                                                     "0500",
                                                     "0500",
                                                     "7777")
    assert pixel_lines_by_colour(grid, 5, False) == g("0007",
                                                      "5557",
                                                      "0007",
                                                      "0007")
    with pytest.raises(DSLError):
        pixel_lines_by_colour(g("50", "00"), 5, True)


def test_jump_by_size():
    from dsl.primitives.steps_and_crossings import jump_by_size
    assert PRIMITIVES["jump_by_size"].signature == "Grid, Vec -> Grid"
    grid = g("00000",
             "00000",
             "00000",
             "10022",
             "10022")
    assert jump_by_size(grid, (-1, 0)) == g("00000",
                                            "10022",
                                            "10022",
                                            "00000",
                                            "00000")
    assert jump_by_size(grid, (0, 1)) == g("00000",
                                           "00000",
                                           "00000",
                                           "01000",
                                           "01000")
    with pytest.raises(DSLError):
        jump_by_size(g("00", "00"), (1, 0))
