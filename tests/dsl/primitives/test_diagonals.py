"""Tests for diagonal stripe completion."""

import pytest

from dsl.primitives.diagonals import complete_diagonal_stripes
from dsl.registry import PRIMITIVES
from dsl.values import DSLError


def g(*rows: str):
    return tuple(tuple(int(c) for c in r) for r in rows)


def test_registered_with_signature():
    assert PRIMITIVES["complete_diagonal_stripes"].signature == "Grid -> Grid"


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
