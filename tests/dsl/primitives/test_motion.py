"""Tests for the motion primitives: translate and bounce."""

import pytest

from dsl.primitives.motion import attract_to_colour, bounce, connect_to_colour, translate
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g

SIGNATURES = {"translate": "Grid, Vec -> Grid", "bounce": "Grid -> Grid", "connect_to_colour": "Grid, Int -> Grid",
              "attract_to_colour": "Grid, Int -> Grid"}



def test_registered_with_signatures():
    for name, signature in SIGNATURES.items():
        assert PRIMITIVES[name].signature == signature, name
        assert PRIMITIVES[name].fn.__module__ == "dsl.primitives.motion"


def test_translate():
    grid = g("12", "34")
    assert translate(grid, (1, 0)) == g("00", "12")
    assert translate(grid, (-1, 0)) == g("34", "00")
    assert translate(grid, (0, 1)) == g("01", "03")
    assert translate(grid, (1, -1)) == g("00", "20")
    with pytest.raises(DSLError):
        translate(grid, (2, 0))


def test_bounce():
    assert bounce(g("000", "000", "000", "000", "100")) == g("100", "010", "001", "010", "100")
    assert bounce(g("0", "0", "5")) == g("5", "5", "5")
    assert bounce(g("000", "020", "000")) == g("002", "020", "000")


def test_connect_to_colour():
    grid = g("10030", "00000", "00000", "00020")
    assert connect_to_colour(grid, 3) == g("11130", "00020", "00020", "00020")
    assert connect_to_colour(g("1020"), 3) == g("1020")  # nothing in line with the target colour
    with pytest.raises(DSLError):
        connect_to_colour(grid, 11)


def test_attract_to_colour():
    grid = g("50000", "00000", "00220", "00220", "00005")
    assert attract_to_colour(grid, 2) == g("00000", "05000", "00220", "00220", "00005")  # already touching: stays
    assert attract_to_colour(g("5002"), 2) == g("0052")
    assert attract_to_colour(g("500", "000", "002"), 2) == g("000", "050", "002")
    assert attract_to_colour(g("5010"), 2) == g("5010")  # nothing to move towards
