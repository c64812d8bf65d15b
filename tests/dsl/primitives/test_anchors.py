"""Tests for the marker-anchored primitives: marked objects, homing pixels, panel layouts as zoomed panels."""

import pytest

from dsl.primitives.anchors import (
    frame_boxes,
    home_pixels,
    keep_centre_line,
    marked_object,
    place_marked_panel,
    spread_panel,
)
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g

SIGNATURES = {
    "marked_object": "Grid, Int -> Grid",
    "home_pixels": "Grid -> Grid",
    "spread_panel": "Grid, Bool -> Grid",
    "place_marked_panel": "Grid, Int -> Grid",
    "frame_boxes": "Grid -> Tup[Grid]",
    "keep_centre_line": "Grid, Bool -> Grid",
}



def test_registered_with_signatures():
    for name, signature in SIGNATURES.items():
        assert PRIMITIVES[name].signature == signature, name


def test_marked_object_crops_the_touched_object_without_marker():
    grid = g("00000", "05000", "01100", "00000", "00033")
    assert marked_object(grid, 5) == g("11")
    assert marked_object(g("500", "011", "010"), 5) == g("11", "10")


def test_marked_object_needs_one_marked_object():
    with pytest.raises(DSLError):
        marked_object(g("110", "000", "011"), 5)  # no marker
    with pytest.raises(DSLError):
        marked_object(g("15000", "00051"), 5)  # two marked objects
    with pytest.raises(DSLError):
        marked_object(g("500", "000"), 5)  # marker alone


def test_home_pixels_move_to_own_colour_and_others_vanish():
    grid = g("22222", "00000", "00200", "00000", "03000", "00000", "44444")
    assert home_pixels(grid) == g("22222", "00200", "00000", "00000", "00000", "00000", "44444")


def test_home_pixels_passes_over_other_pixels_and_keeps_touching():
    grid = g("10000", "10000", "10201", "10000", "10000")
    assert home_pixels(grid) == g("10000", "10000", "11000", "10000", "10000")
    with pytest.raises(DSLError):
        home_pixels(g("100", "001"))  # only lone pixels


def test_spread_panel_least_and_most_ink():
    grid = g("10505", "00501", "55555", "30511", "33511")
    assert spread_panel(grid, False) == g("11500", "11500", "55555", "00500", "00500")
    assert spread_panel(grid, True) == g("11511", "11511", "55555", "11511", "11511")


def test_spread_panel_needs_matching_layout():
    with pytest.raises(DSLError):
        spread_panel(g("105", "005", "555"), False)  # one panel
    with pytest.raises(DSLError):
        spread_panel(g("10500", "00501", "55555", "30511", "33511"), False)  # tie (two least-ink panels)


def test_place_marked_panel_moves_panel_to_marker_position():
    grid = g("12505", "00501", "55555", "30511", "33511")
    assert place_marked_panel(grid, 2) == g("00512", "00500", "55555", "00500", "00500")
    with pytest.raises(DSLError):
        place_marked_panel(grid, 1)  # several cells of the colour
    with pytest.raises(DSLError):
        place_marked_panel(grid, 0)


def test_frame_boxes_lists_frames_in_reading_order():
    grid = g("222000", "242033", "222000", "011100", "010100", "011140")
    assert frame_boxes(grid) == (g("222", "242", "222"), g("111", "101", "111"))
    with pytest.raises(DSLError):
        frame_boxes(g("110", "010", "000"))


def test_keep_centre_line():
    grid = g("123", "456", "789")
    assert keep_centre_line(grid, True) == g("020", "050", "080")
    assert keep_centre_line(grid, False) == g("000", "456", "000")
    with pytest.raises(DSLError):
        keep_centre_line(g("12", "34", "56"), True)


def test_marked_object_whole_keeps_the_marker_cells_in_the_main_colour():
    from dsl.primitives.anchors import marked_object_whole
    assert PRIMITIVES["marked_object_whole"].signature == "Grid, Int -> Grid"
    grid = g("000000",
             "022000",
             "029000",
             "000030",
             "000033")
    assert marked_object_whole(grid, 9) == g("22", "22")
    assert marked_object_whole(g("0200", "0090"), 9) == g("20", "02")
    with pytest.raises(DSLError):
        marked_object_whole(g("200", "003"), 9)
