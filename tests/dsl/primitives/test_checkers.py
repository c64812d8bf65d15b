"""Tests for checker_interiors (every other inside cell of each solid rectangle cleared)."""

import pytest

from dsl.primitives.checkers import checker_interiors
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["checker_interiors"].signature == "Grid -> Grid"


def test_bar_and_square_checkered_other_shapes_kept():
    grid = g("0000000",
             "3333000",
             "3333011",
             "3333010",
             "0000000",
             "0055555",
             "0055555",
             "0055555",
             "0055555",
             "0055555")
    assert checker_interiors(grid) == g("0000000",
                                        "3333000",
                                        "3033011",
                                        "3333010",
                                        "0000000",
                                        "0055555",
                                        "0050505",
                                        "0055055",
                                        "0050505",
                                        "0055555")


def test_needs_a_solid_rectangle():
    with pytest.raises(DSLError):
        checker_interiors(g("2220", "2020", "2220"))
    with pytest.raises(DSLError):
        checker_interiors(g("11", "11"))
