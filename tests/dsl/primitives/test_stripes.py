"""Tests for the ink of every k-th column recoloured."""

import pytest

from dsl.primitives.stripes import recolour_every_column
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["recolour_every_column"].signature == "Grid, Int, Int, Bool -> Grid"


def test_recolour_every_column_from_either_edge():
    grid = g("40404", "44444")
    assert recolour_every_column(grid, 3, 6, False) == g("60404", "64464")
    assert recolour_every_column(grid, 2, 6, True) == g("60606", "64646")
    assert recolour_every_column(g("4444"), 2, 6, True) == g("4646")


def test_recolour_every_column_rejects_bad_step():
    with pytest.raises(DSLError):
        recolour_every_column(g("4"), 0, 6, False)
