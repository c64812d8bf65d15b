"""Tests for pixel_stamp_codes (the 3x3 windows of lone pixels numbered by position)."""

import pytest

from dsl.primitives.stamp_codes import pixel_stamp_codes
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["pixel_stamp_codes"].signature == "Grid -> Grid"


def test_windows_numbered_and_clipped():
    grid = g("00000",
             "04000",
             "00000",
             "00000",
             "00007")
    assert pixel_stamp_codes(grid) == g("12300",
                                        "45600",
                                        "78900",
                                        "00012",
                                        "00045")


def test_crowded_cells_keep_the_nearest_window():
    # The middle column is beside both pixels: its cells keep the number of the same kind of window cell (side or
    # corner) from the fixed order centre, up, left, right, down, then the corners.
    assert pixel_stamp_codes(g("00000", "02030", "00000")) == g("12123", "45456", "78789")
    # A side beats a corner.
    assert pixel_stamp_codes(g("0000", "0200", "0000", "0030"))[2] == (7, 8, 2, 3)


def test_only_lone_pixels():
    with pytest.raises(DSLError):
        pixel_stamp_codes(g("000", "011", "000"))
    with pytest.raises(DSLError):
        pixel_stamp_codes(g("000", "000"))
