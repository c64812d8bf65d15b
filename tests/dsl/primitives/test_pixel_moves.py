"""Tests for the pixel primitives: full lines through isolated pixels and falls onto a colour."""

import pytest

from dsl.primitives.pixel_moves import gravity_to_colour, pixel_lines, repeat_seed_lines
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g

SIGNATURES = {
    "pixel_lines": "Grid, Bool, Int -> Grid",
    "gravity_to_colour": "Grid, Int -> Grid",
    "repeat_seed_lines": "Grid -> Grid",
}



def test_registered_with_signatures():
    for name, signature in SIGNATURES.items():
        assert PRIMITIVES[name].signature == signature, name


def test_pixel_lines_rows_and_columns_with_crossings():
    grid = g("00000", "08000", "00000", "00070", "00000")
    assert pixel_lines(grid, False, 2) == g("08070", "88828", "08070", "72777", "08070")


def test_pixel_lines_diagonal_on_a_coloured_background():
    grid = g("111", "101", "111")
    assert pixel_lines(grid, True, 0) == g("010", "101", "010")


def test_pixel_lines_needs_isolated_pixels():
    with pytest.raises(DSLError):
        pixel_lines(g("0000", "0110", "0000", "0000"), False, 2)
    with pytest.raises(DSLError):
        pixel_lines(g("00", "00"), False, 2)


def test_gravity_to_colour_stacks_cells():
    grid = g("030", "000", "030", "000", "555")
    assert gravity_to_colour(grid, 5) == g("000", "000", "030", "030", "555")
    grid = g("0000000", "5500303", "0000000")
    assert gravity_to_colour(grid, 5) == g("0000000", "5533000", "0000000")


def test_gravity_to_colour_leaves_cells_out_of_line():
    grid = g("300", "000", "055")
    assert gravity_to_colour(grid, 5) == grid
    assert gravity_to_colour(grid, 4) == grid  # colour absent


def test_bad_colour():
    with pytest.raises(DSLError):
        gravity_to_colour(g("1",), 12)
    with pytest.raises(DSLError):
        pixel_lines(g("1",), False, -1)


def test_repeat_seed_lines_columns_and_rows():
    grid = g("0100000", "0000000", "0002000")
    assert repeat_seed_lines(grid) == g("0102010", "0102010", "0102010")
    grid = g("300", "000", "004", "000", "000", "000")
    assert repeat_seed_lines(grid) == g("333", "000", "444", "000", "333", "000")


def test_repeat_seed_lines_needs_even_seeds():
    with pytest.raises(DSLError):
        repeat_seed_lines(g("1000", "0000", "0000"))  # one seed
    with pytest.raises(DSLError):
        repeat_seed_lines(g("1010001", "0000000"))  # uneven spacing
    with pytest.raises(DSLError):
        repeat_seed_lines(g("10", "01"))  # square
