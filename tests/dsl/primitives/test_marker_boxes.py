"""Tests for centre_plus, frame_inside_markers and turn_into_panels (shapes drawn from markers)."""

import pytest

from dsl.primitives.marker_boxes import centre_plus, frame_inside_markers, turn_into_panels
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signatures():
    assert PRIMITIVES["centre_plus"].signature == "Grid, Int -> Grid"
    assert PRIMITIVES["frame_inside_markers"].signature == "Grid, Int -> Grid"
    assert PRIMITIVES["turn_into_panels"].signature == "Grid -> Grid"


def test_centre_plus_between_two_pixels():
    grid = g("000000",
             "100000",
             "000000",
             "000010",
             "000000")
    assert centre_plus(grid, 4) == g("000000",
                                     "104000",
                                     "044400",
                                     "004010",
                                     "000000")


def test_centre_plus_needs_a_centre_cell():
    with pytest.raises(DSLError):
        centre_plus(g("1001", "0000"), 4)
    with pytest.raises(DSLError):
        centre_plus(g("000", "000"), 4)


def test_frame_inside_markers_in_the_other_colour():
    grid = g("0050000",
             "0000000",
             "5000005",
             "0003000",
             "0000000",
             "0000000",
             "0050000")
    assert frame_inside_markers(grid, 5) == g("0050000",
                                              "0333330",
                                              "5300035",
                                              "0303030",
                                              "0300030",
                                              "0333330",
                                              "0050000")


def test_frame_inside_markers_needs_room_and_another_colour():
    with pytest.raises(DSLError):
        frame_inside_markers(g("5005", "0000", "5005"), 5)
    with pytest.raises(DSLError):
        frame_inside_markers(g("50000", "00000", "00000", "00000", "00005"), 5)


def test_turn_into_panels_turns_once_more_per_panel():
    grid = g("12500500",
             "03500500")
    assert turn_into_panels(grid) == g("12501530",
                                       "03532521")


def test_turn_into_panels_keeps_inked_panels_and_needs_an_empty_one():
    grid = g("12530",
             "03504")
    with pytest.raises(DSLError):
        turn_into_panels(grid)
    with pytest.raises(DSLError):
        turn_into_panels(g("00500", "00500"))
