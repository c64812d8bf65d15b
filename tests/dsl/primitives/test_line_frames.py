"""Tests for crop_to_lines (the rectangle full lines enclose) and smear_to_lines (loose pixels drawn to the
full line of their colour)."""

import pytest

from dsl.primitives.line_frames import crop_to_lines, smear_to_lines
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["crop_to_lines"].signature == "Grid -> Grid"
    assert PRIMITIVES["smear_to_lines"].signature == "Grid -> Grid"


def test_crop_keeps_the_crossing_lines():
    grid = g("020300",
             "121311",
             "020300",
             "424344",
             "020302")
    assert crop_to_lines(grid) == g("213",
                                    "203",
                                    "243")


def test_crop_needs_two_lines_each_way():
    with pytest.raises(DSLError):
        crop_to_lines(g("0200", "1211", "0200"))


def test_pixels_smear_to_the_nearest_line_of_their_colour():
    grid = g("1111",
             "0020",
             "0100",
             "2222",
             "0005")
    assert smear_to_lines(grid) == g("1111",
                                     "0120",
                                     "0120",
                                     "2222",
                                     "0005")


def test_smear_uses_column_lines_over_crossings():
    grid = g("30000",
             "33333",
             "30040",
             "30000")
    assert smear_to_lines(grid) == g("30000",
                                     "33333",
                                     "30040",
                                     "30000")
    assert smear_to_lines(g("30300", "30000", "30000", "33333")) == g("33300", "30000", "30000", "33333")


def test_smear_needs_a_line():
    with pytest.raises(DSLError):
        smear_to_lines(g("100", "000", "002"))
