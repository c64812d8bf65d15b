"""Tests for the template primitives: template copies completed, leaky containers filled."""

import pytest

from dsl.primitives.templates import complete_templates, spill_fill
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g

SIGNATURES = {
    "complete_templates": "Grid -> Grid",
    "spill_fill": "Grid, Int -> Grid",
}



def test_registered_with_signatures():
    for name, signature in SIGNATURES.items():
        assert PRIMITIVES[name].signature == signature, name


def test_complete_templates_fills_partial_copies():
    grid = g("82800", "00000", "00800", "00000", "80800", "00000", "00000")
    out = complete_templates(grid)
    assert out[4] == (8, 2, 8, 0, 0)  # the two 8s get their 2
    assert out[2] == (0, 0, 8, 0, 0)  # a lone 8 matches no subset exactly (two 8s are needed)


def test_complete_templates_lone_centre_and_edges():
    grid = g("828000", "000000", "000020", "000000")
    assert complete_templates(grid) == g("828000", "000000", "000828", "000000")
    assert complete_templates(g("280", "000", "002")) == g("280", "000", "002")  # would leave the grid
    assert complete_templates(g("100", "001")) == g("100", "001")  # no multi-colour template


def test_spill_fill_fills_and_leaks():
    grid = g("00000", "55055", "50005", "55555", "00000")
    assert spill_fill(grid, 8) == g("00800", "55855", "58885", "55555", "00000")


def test_spill_fill_ignores_small_objects_and_checks_colour():
    assert spill_fill(g("55", "55"), 8) == g("55", "55")
    with pytest.raises(DSLError):
        spill_fill(g("55", "55"), 12)
