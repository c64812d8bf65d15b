"""Tests for the reflections over a bracket's base line."""

import pytest

from dsl.primitives.reflections import mirror_across_brackets
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["mirror_across_brackets"].signature == "Grid, Int -> Grid"


def test_mirror_across_brackets_flips_over_the_nearest_base():
    grid = g("0500000", "0000000", "2222200", "2000200", "0000000", "0003000")
    # The 5 is nearest the base row 2: row 0 goes to row 4; the 3 (row 5) goes to row -1 and leaves the grid.
    assert mirror_across_brackets(grid, 2) == g("0000000", "0000000", "2222200", "2000200", "0500000", "0000000")


def test_mirror_across_brackets_column_base():
    grid = g("22000", "20550", "22000")
    assert mirror_across_brackets(grid, 2) == g("22000", "20000", "22000")
    grid = g("00022", "05020", "00022")
    assert mirror_across_brackets(grid, 2) == g("00022", "00020", "00022")
    assert mirror_across_brackets(g("00220", "50200", "00220"), 2) == g("00220", "00205", "00220")


def test_mirror_across_brackets_errors():
    with pytest.raises(DSLError):
        mirror_across_brackets(g("050", "000"), 2)
    with pytest.raises(DSLError):
        mirror_across_brackets(g("222", "000"), 2)
