"""Tests for the gap fills: square holes and lines clear between their ends."""

import pytest

from dsl.primitives.gaps import fill_clear_lines, fill_square_holes
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g

SIGNATURES = {
    "fill_square_holes": "Grid, Int -> Grid",
    "fill_clear_lines": "Grid, Int -> Grid",
}



def test_registered_with_signatures():
    for name, signature in SIGNATURES.items():
        assert PRIMITIVES[name].signature == signature, name


def test_fill_square_holes_fills_only_squares():
    grid = g("5555000", "5005000", "5005555", "5555005", "0005555")
    assert fill_square_holes(grid, 2) == g("5555000", "5225000", "5225555", "5555005", "0005555")
    assert fill_square_holes(g("555", "505", "555"), 2) == g("555", "525", "555")


def test_fill_square_holes_skips_open_regions():
    grid = g("0000", "0550", "0000")
    assert fill_square_holes(grid, 2) == grid


def test_fill_clear_lines_between_ends():
    grid = g("8222", "8002", "8012", "8888")
    assert fill_clear_lines(grid, 3) == g("8222", "8332", "8312", "8888")


def test_fill_clear_lines_errors():
    with pytest.raises(DSLError):
        fill_clear_lines(g("11", "11"), 3)
    with pytest.raises(DSLError):
        fill_clear_lines(g("111", "111", "111"), 3)
