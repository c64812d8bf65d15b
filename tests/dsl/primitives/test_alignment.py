"""Tests for the alignment primitives: objects aligned with, or centred in, a reference colour."""

import pytest

from dsl.primitives.alignment import align_to_colour, centre_in_colour, gather_on_anchor, stretch_to_marker
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g

SIGNATURES = {
    "align_to_colour": "Grid, Int, Bool -> Grid",
    "centre_in_colour": "Grid, Int -> Grid",
    "gather_on_anchor": "Grid, Int -> Grid",
    "stretch_to_marker": "Grid -> Grid",
}



def test_registered_with_signatures():
    for name, signature in SIGNATURES.items():
        assert PRIMITIVES[name].signature == signature, name


def test_align_to_colour_vertical():
    grid = g("20000", "20100", "00100", "00004", "00004")
    assert align_to_colour(grid, 1, True) == g("00000", "20104", "20104", "00000", "00000")


def test_align_to_colour_horizontal():
    grid = g("0010", "0000", "2200")
    assert align_to_colour(grid, 1, False) == g("0010", "0000", "0022")


def test_align_to_colour_errors():
    with pytest.raises(DSLError):
        align_to_colour(g("10", "00"), 3, True)  # colour absent
    with pytest.raises(DSLError):
        align_to_colour(g("002", "002", "100"), 1, True)  # the 2s would leave the grid
    with pytest.raises(DSLError):
        align_to_colour(g("10",), 0, True)


def test_centre_in_colour_moves_ink_into_marker_box():
    grid = g("220000", "000000", "300003", "000000", "000000", "000000", "300003")
    assert centre_in_colour(grid, 3) == g("000000", "000000", "300003", "000000", "002200", "000000", "300003")


def test_centre_in_colour_needs_exact_centre():
    with pytest.raises(DSLError):
        centre_in_colour(g("3003", "2000"), 3)
    assert centre_in_colour(g("303",), 3) == g("303",)  # nothing to move


def test_gather_on_anchor_overlays_pieces_on_their_anchor():
    grid = g("660000", "050000", "000000", "000057", "000000", "005000", "004000")
    assert gather_on_anchor(grid, 5) == g("660", "057", "040")


def test_gather_on_anchor_needs_two_pieces():
    with pytest.raises(DSLError):
        gather_on_anchor(g("650", "000"), 5)
    with pytest.raises(DSLError):
        gather_on_anchor(g("650", "000"), 3)


def test_stretch_to_marker_repeats_inner_lines():
    grid = g("333000", "323000", "333008", "000000")
    assert stretch_to_marker(grid) == g("333333", "322223", "333333", "000000")
    grid = g("3330", "3230", "3330", "0000", "0800")
    assert stretch_to_marker(grid) == g("3330", "3230", "3230", "3230", "3330")


def test_stretch_to_marker_needs_one_marker_and_one_box():
    with pytest.raises(DSLError):
        stretch_to_marker(g("333", "323", "333"))
    with pytest.raises(DSLError):
        stretch_to_marker(g("33008", "00000", "80000"))
