"""Tests for the enclosure fills and the rays (dsl/primitives/enclosures.py, dsl/primitives/rays.py)."""

import pytest

from dsl.primitives.enclosures import (
    fill_empty_squares,
    fill_extreme_regions,
    fill_interiors_by_size,
    fill_largest_empty_rect,
    fill_regions_min_rest,
)
from dsl.primitives.rays import (
    border_pair_lines,
    centre_lines,
    corner_rays,
    diagonal_tails,
    object_rays,
    shoot_to_block,
)
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g

SIGNATURES = {
    "fill_extreme_regions": ("Grid, Int, Int -> Grid", "enclosures"),
    "fill_regions_min_rest": ("Grid, Int, Int -> Grid", "enclosures"),
    "fill_interiors_by_size": ("Grid, Int, Int -> Grid", "enclosures"),
    "fill_empty_squares": ("Grid, Int, Int -> Grid", "enclosures"),
    "fill_largest_empty_rect": ("Grid, Int -> Grid", "enclosures"),
    "shoot_to_block": ("Grid -> Grid", "rays"),
    "diagonal_tails": ("Grid -> Grid", "rays"),
    "corner_rays": ("Grid -> Grid", "rays"),
    "border_pair_lines": ("Grid -> Grid", "rays"),
    "centre_lines": ("Grid, Int -> Grid", "rays"),
    "object_rays": ("Grid, Int, Vec -> Grid", "rays"),
}



def test_registered_with_signatures():
    for name, (signature, module) in SIGNATURES.items():
        assert PRIMITIVES[name].signature == signature, name
        assert PRIMITIVES[name].fn.__module__ == f"dsl.primitives.{module}"


def test_region_fills():
    grid = g("0200", "2200", "0200")
    assert fill_extreme_regions(grid, 1, 8) == g("8211", "2211", "8211")
    assert fill_regions_min_rest(grid, 3, 4) == g("3244", "2244", "3244")
    with pytest.raises(DSLError):
        fill_extreme_regions(g("020", "020"), 1, 8)  # both regions have 2 cells


def test_fill_interiors_by_size():
    grid = g("44400", "44400", "44400", "00000", "44440", "44440", "44440")
    assert fill_interiors_by_size(grid, 2, 1) == g("44400", "41400", "44400", "00000", "44440", "42240", "44440")
    with pytest.raises(DSLError):
        fill_interiors_by_size(g("110", "000"), 2, 1)


def test_empty_squares_and_rectangles():
    grid = g("5000", "5000", "5005")
    assert fill_empty_squares(grid, 1, 2) == g("5110", "5110", "5005")
    assert fill_largest_empty_rect(grid, 6) == g("5666", "5666", "5005")
    with pytest.raises(DSLError):
        fill_largest_empty_rect(g("010", "101"), 6)


def test_shoot_to_block():
    grid = g("8888", "8338", "8888", "8848")
    assert shoot_to_block(grid) == g("8888", "8338", "8848", "8848")
    with pytest.raises(DSLError):
        shoot_to_block(g("88", "88"))


def test_diagonal_tails_and_corner_rays():
    assert diagonal_tails(g("1100", "1100", "0010", "0000")) == g("1100", "1100", "0010", "0001")
    assert corner_rays(g("0000", "0000", "0700", "0770")) == g("0000", "0007", "0700", "0770")
    with pytest.raises(DSLError):
        corner_rays(g("77", "77"))


def test_border_pair_lines():
    grid = g("00300", "20002", "04040", "00300")
    assert border_pair_lines(grid) == g("00300", "22322", "00300", "00300")
    with pytest.raises(DSLError):
        border_pair_lines(g("10", "02"))


def test_centre_lines():
    grid = g("88888", "81118", "81818", "81118", "88888")
    assert centre_lines(grid, 6) == g("88688", "81118", "61616", "81118", "88688")
    with pytest.raises(DSLError):
        centre_lines(g("8888", "8118", "8888"), 6)  # even width: no centre cell


def test_object_rays():
    grid = g("0000", "0110", "0110", "0000")
    assert object_rays(grid, 1, (1, 1)) == g("0000", "0110", "0110", "0001")
    assert object_rays(grid, 1, (0, 1)) == g("0000", "0111", "0111", "0000")
    with pytest.raises(DSLError):
        object_rays(grid, 2, (1, 1))
