"""Tests for key_rows (empty rows striped in the top row's colours in turn)."""

import pytest

from dsl.primitives.key_stripes import key_rows
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["key_rows"].signature == "Grid -> Grid"


def test_empty_rows_cycle_through_the_key():
    grid = g("37",
             "11",
             "00",
             "00",
             "00")
    assert key_rows(grid) == g("37",
                               "11",
                               "33",
                               "77",
                               "33")


def test_needs_a_full_many_colour_key_and_an_empty_row():
    with pytest.raises(DSLError):
        key_rows(g("30", "00"))
    with pytest.raises(DSLError):
        key_rows(g("33", "00"))
    with pytest.raises(DSLError):
        key_rows(g("37", "11"))
