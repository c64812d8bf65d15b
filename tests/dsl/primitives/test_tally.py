"""Tests for the counting primitives: ink row, colours by count, histogram, ink sprites."""

import pytest

from dsl.primitives.tally import colour_histogram, colours_by_count, ink_row, ink_sprites
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g

SIGNATURES = {
    "ink_row": "Grid -> Grid",
    "colours_by_count": "Grid -> Grid",
    "colour_histogram": "Grid -> Grid",
    "ink_sprites": "Grid -> Tup[Grid]",
}



def test_registered_with_signatures():
    for name, signature in SIGNATURES.items():
        assert PRIMITIVES[name].signature == signature, name
        assert PRIMITIVES[name].fn.__module__ == "dsl.primitives.tally"


def test_ink_row():
    assert ink_row(g("102", "030")) == g("123")
    with pytest.raises(DSLError):
        ink_row(g("00"))


def test_colours_by_count_and_histogram():
    grid = g("221", "231", "111")
    assert colours_by_count(grid) == g("1", "2", "3")
    assert colour_histogram(grid) == g("123", "120", "120", "100", "100")
    assert colours_by_count(g("12", "00")) == g("1", "2")  # ties to the smaller colour
    with pytest.raises(DSLError):
        colour_histogram(g("0"))


def test_ink_sprites():
    grid = g("1200", "0000", "0034", "0004")
    assert ink_sprites(grid) == (g("12"), g("34", "04"))
    with pytest.raises(DSLError):
        ink_sprites(g("00"))
