"""Tests for the sprite primitives: a blown-up object unscaled, a sprite fitted into a frame, centred layers."""

import pytest

from dsl.primitives.sprites import centre_layers, fit_in_frame, largest_unscaled
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g

SIGNATURES = {
    "largest_unscaled": "Grid -> Grid",
    "fit_in_frame": "Grid -> Grid",
    "centre_layers": "Grid -> Grid",
}



def test_registered_with_signatures():
    for name, signature in SIGNATURES.items():
        assert PRIMITIVES[name].signature == signature, name
        assert PRIMITIVES[name].fn.__module__ == "dsl.primitives.sprites"


def test_largest_unscaled():
    grid = g("330000", "330020", "003300", "203300", "000000")
    assert largest_unscaled(grid) == g("30", "03")  # the blocks touch at a corner only
    with pytest.raises(DSLError):
        largest_unscaled(g("110", "010"))  # no uniform blocks bigger than one cell


def test_fit_in_frame():
    grid = g("2222000", "2002030", "2002000", "2222000", "0000000")
    assert fit_in_frame(grid) == g("2222", "2332", "2332", "2222")
    with pytest.raises(DSLError):
        fit_in_frame(g("2220", "2000", "2220", "0003"))  # no closed outline


def test_centre_layers():
    grid = g("55555", "15155", "55555", "15152", "55555")
    assert centre_layers(grid) == g("151", "525", "151")
    with pytest.raises(DSLError):
        centre_layers(g("5555", "1155", "5525"))  # a 1x2 and a 1x1 layer cannot be centred
