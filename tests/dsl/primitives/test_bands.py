"""Tests for cut_bands (holes clearing a line across their band) and snap_to_block (lone pixels moved onto the
nearest cells of the largest object)."""

import pytest

from dsl.primitives.bands import cut_bands, snap_to_block
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["cut_bands"].signature == "Grid -> Grid"
    assert PRIMITIVES["snap_to_block"].signature == "Grid -> Grid"


def test_holes_cut_across_horizontal_bands():
    grid = g("1111",
             "1101",
             "2222",
             "2222",
             "2022")
    assert cut_bands(grid) == g("1101",
                                "1101",
                                "2022",
                                "2022",
                                "2022")


def test_holes_cut_along_rows_of_vertical_bands():
    grid = g("113",
             "103",
             "113")
    assert cut_bands(grid) == g("113",
                                "003",
                                "113")


def test_cut_needs_a_hole():
    with pytest.raises(DSLError):
        cut_bands(g("11", "22"))


def test_pixels_land_on_their_nearest_block_cells():
    grid = g("30000",
             "00000",
             "00880",
             "00880",
             "00000",
             "00004")
    assert snap_to_block(grid) == g("00000",
                                    "00000",
                                    "00380",
                                    "00840",
                                    "00000",
                                    "00000")


def test_snap_needs_a_block():
    with pytest.raises(DSLError):
        snap_to_block(g("100", "000", "002"))
