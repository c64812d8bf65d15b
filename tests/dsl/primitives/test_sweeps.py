"""Tests for sweep_from_markers (objects swept towards their marker cells) and retract_stems (blocks pulled
along their stems)."""

import pytest

from dsl.primitives.sweeps import retract_stems, sweep_from_markers
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signatures():
    assert PRIMITIVES["sweep_from_markers"].signature == "Grid, Int -> Grid"
    assert PRIMITIVES["retract_stems"].signature == "Grid -> Grid"


def test_object_sweeps_diagonally_towards_its_marker_in_its_own_colour():
    grid = g("000000",
             "000000",
             "005100",
             "001100",
             "000000",
             "000000")
    assert sweep_from_markers(grid, 5) == g("110000",
                                            "111000",
                                            "011100",
                                            "001100",
                                            "000000",
                                            "000000")


def test_marker_on_the_middle_of_a_side_sweeps_straight_and_keeps_other_ink():
    grid = g("00000",
             "03330",
             "03930",
             "00000",
             "00400")
    assert sweep_from_markers(grid, 9) == g("00000",
                                            "03330",
                                            "03330",
                                            "03330",
                                            "03430")


def test_sweep_needs_an_object_with_a_marker():
    with pytest.raises(DSLError):
        sweep_from_markers(g("000", "020", "000"), 5)
    with pytest.raises(DSLError):
        sweep_from_markers(g("000", "050", "000"), 5)  # a marker alone is no object to sweep


def test_block_moves_to_the_far_end_of_its_stem_and_the_stem_goes():
    grid = g("0000000",
             "0660000",
             "0666660",
             "0660000",
             "0000000")
    assert retract_stems(grid) == g("0000000",
                                    "0000660",
                                    "0000660",
                                    "0000660",
                                    "0000000")


def test_vertical_stem_and_blocks_without_stems_stay():
    grid = g("22000",
             "22000",
             "00040",
             "00040",
             "00444",
             "00444")
    assert retract_stems(grid) == g("22000",
                                    "22000",
                                    "00444",
                                    "00444",
                                    "00000",
                                    "00000")


def test_no_stem_is_an_error():
    with pytest.raises(DSLError):
        retract_stems(g("3300", "3300", "0000"))
