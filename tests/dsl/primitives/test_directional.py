"""Tests for the directional patterns: diagonal stripe completion, pointer rays and dashed rays."""

import pytest

from dsl.primitives.directional import complete_diagonal_stripes, dashed_rays, pointer_rays
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signatures():
    assert PRIMITIVES["complete_diagonal_stripes"].signature == "Grid -> Grid"
    assert PRIMITIVES["pointer_rays"].signature == "Grid -> Grid"
    assert PRIMITIVES["dashed_rays"].signature == "Grid, Int, Vec -> Grid"


def test_anti_diagonal_stripes():
    grid = g("2830", "8000", "0000")
    assert complete_diagonal_stripes(grid) == g("2832", "8328", "3283")


def test_main_diagonal_stripes():
    grid = g("1230", "0120", "0010")
    assert complete_diagonal_stripes(grid) == g("1231", "3123", "2312")


def test_smallest_period_wins():
    grid = g("120000", "000000")
    assert complete_diagonal_stripes(grid) == g("121212", "212121")


def test_needs_a_consistent_complete_period():
    with pytest.raises(DSLError):
        complete_diagonal_stripes(g("10", "02"))  # both directions leave a class unknown or disagree at period 2
    with pytest.raises(DSLError):
        complete_diagonal_stripes(g("00", "00"))
    with pytest.raises(DSLError):
        complete_diagonal_stripes(g("12", "21"))


def test_pointer_rays_from_odd_cell_through_object():
    grid = g("00000", "00000", "00400", "04440", "04840", "00000")
    assert pointer_rays(grid) == g("00800", "00800", "00400", "04440", "04840", "00000")


def test_pointer_rays_sideways_stops_at_ink():
    grid = g("2000000", "1220030", "2000000")
    assert pointer_rays(grid) == g("2000000", "1221130", "2000000")


def test_pointer_rays_needs_an_odd_cell():
    with pytest.raises(DSLError):
        pointer_rays(g("110", "110", "000"))


def test_dashed_rays_alternate_colours():
    grid = g("20000", "00000", "00300")
    assert dashed_rays(grid, 5, (0, 1)) == g("25252", "00000", "00353")
    assert dashed_rays(grid, 5, (-1, 0)) == g("20300", "00500", "00300")


def test_dashed_rays_domain_errors():
    with pytest.raises(DSLError):
        dashed_rays(g("22",), 5, (0, 1))  # no lone pixel
    with pytest.raises(DSLError):
        dashed_rays(g("20",), 5, (0, 2))
    with pytest.raises(DSLError):
        dashed_rays(g("20",), 10, (0, 1))
