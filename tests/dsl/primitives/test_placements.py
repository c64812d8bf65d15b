"""Tests for templates placed on their partial copies under rigid motions."""

import pytest

from dsl.primitives.placements import place_templates
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["place_templates"].signature == "Grid, Bool -> Grid"


def test_place_templates_completes_a_turned_copy():
    # Template 1-4-4-2 (a row); the partial copy 4-4-2 stands in a column, read upwards.
    grid = g("14420", "00000", "00002", "00004", "00004", "00000")
    assert place_templates(grid, False) == g("14420", "00000", "00002", "00004", "00004", "00001")


def test_place_templates_moves_onto_markers():
    # Lone markers 1 and 2 four cells apart: the template flipped onto them, its old place cleared.
    grid = g("14420", "00000", "20000", "00000", "00000", "10000")
    assert place_templates(grid, True) == g("00000", "00000", "20000", "40000", "40000", "10000")


def test_place_templates_skips_copies_with_extra_cells():
    grid = g("14420", "00000", "04422", "00000")
    assert place_templates(grid, False) == grid


def test_place_templates_needs_a_multicolour_object():
    with pytest.raises(DSLError):
        place_templates(g("110", "001"), False)
