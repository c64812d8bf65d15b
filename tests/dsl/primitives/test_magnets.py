"""Tests for line_magnets (loose pixels moved next to the full line of their colour, the rest erased) and
mark_block_edge (lone pixels marking the block cell they face)."""

import pytest

from dsl.primitives.magnets import line_magnets, mark_block_edge
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["line_magnets"].signature == "Grid -> Grid"
    assert PRIMITIVES["mark_block_edge"].signature == "Grid -> Grid"


def test_pixels_move_to_their_column_line_and_others_vanish():
    grid = g("0030000",
             "2030034",
             "0030020",
             "3035000")
    assert line_magnets(grid) == g("0030000",
                                   "0033000",
                                   "0030000",
                                   "0330000")


def test_pixels_cross_other_lines_and_use_row_lines():
    grid = g("00000",
             "11111",
             "00020",
             "00100",
             "22222",
             "00001")
    assert line_magnets(grid) == g("00000",
                                   "11111",
                                   "00101",
                                   "00020",
                                   "22222",
                                   "00000")


def test_frame_lines_may_leave_corners_empty():
    grid = g("04440",
             "20003",
             "20403",
             "23003",
             "08880")
    assert line_magnets(grid) == g("04440",
                                   "20403",
                                   "20003",
                                   "20033",
                                   "08880")


def test_needs_a_line():
    with pytest.raises(DSLError):
        line_magnets(g("100", "000", "002"))


def test_mark_block_edge_marks_faced_cells():
    grid = g("0003000",
             "0000000",
             "2088000",
             "0088004",
             "0000000",
             "0050000")
    assert mark_block_edge(grid) == g("0003000",
                                      "0000000",
                                      "2023000",
                                      "0054004",
                                      "0000000",
                                      "0050000")


def test_mark_block_edge_needs_block_in_line():
    with pytest.raises(DSLError):
        mark_block_edge(g("1000", "0000", "0022"))
    with pytest.raises(DSLError):
        mark_block_edge(g("10", "02"))
