"""Tests for the block primitives: pooling square blocks, bridging panels."""

import pytest

from dsl.primitives.blocks import bridge_panels, pool_ink
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g

SIGNATURES = {
    "pool_ink": "Grid, Int -> Grid",
    "bridge_panels": "Grid -> Grid",
}



def test_registered_with_signatures():
    for name, signature in SIGNATURES.items():
        assert PRIMITIVES[name].signature == signature, name


def test_pool_ink_takes_each_blocks_majority_ink():
    grid = g("0030", "1000", "0000", "0022")
    assert pool_ink(grid, 2) == g("13", "02")


def test_pool_ink_ties_to_smaller_colour():
    assert pool_ink(g("12", "21"), 2) == g("1")
    assert pool_ink(g("000", "000", "005"), 3) == g("5")


def test_pool_ink_needs_divisible_sides():
    with pytest.raises(DSLError):
        pool_ink(g("000", "000"), 2)
    with pytest.raises(DSLError):
        pool_ink(g("00", "00"), 1)


def test_bridge_panels_fills_panels_between_equal_panels():
    grid = g("25052", "55555", "05053", "55555", "25050")
    assert bridge_panels(grid) == g("25252", "55555", "25053", "55555", "25050")


def test_bridge_panels_stops_at_other_colours_and_keeps_unchanged_grid():
    grid = g("25352", "55555", "05050")
    assert bridge_panels(grid) == grid


def test_bridge_panels_needs_separators():
    with pytest.raises(DSLError):
        bridge_panels(g("12", "34"))
