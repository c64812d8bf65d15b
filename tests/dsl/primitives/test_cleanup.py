"""Tests for the cleaning primitives: singletons, stripes, empty lines, flooding, holed objects."""

import pytest

from dsl.primitives.cleanup import (
    denoise_stripes,
    fill_empty_lines,
    flood_from,
    keep_holed,
    keep_singletons,
    remove_singletons,
)
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g

SIGNATURES = {
    "keep_singletons": "Grid -> Grid",
    "denoise_stripes": "Grid -> Grid",
    "fill_empty_lines": "Grid, Int -> Grid",
    "flood_from": "Grid, Int -> Grid",
    "keep_holed": "Grid -> Grid",
    "remove_singletons": "Grid -> Grid",
}



def test_registered_with_signatures():
    for name, signature in SIGNATURES.items():
        assert PRIMITIVES[name].signature == signature, name
        assert PRIMITIVES[name].fn.__module__ == "dsl.primitives.cleanup"


def test_keep_singletons():
    assert keep_singletons(g("022", "000", "301")) == g("000", "000", "301")
    assert keep_singletons(g("20", "02")) == g("20", "02")  # diagonal neighbours do not count


def test_remove_singletons():
    grid = g("022", "000", "301")
    assert remove_singletons(grid) == g("022", "000", "000")
    assert tuple(tuple(a + b for a, b in zip(r, s)) for r, s in zip(
        remove_singletons(grid), keep_singletons(grid))) == grid


def test_denoise_stripes():
    assert denoise_stripes(g("112", "131", "111")) == g("111", "111", "111")
    assert denoise_stripes(g("123", "123", "153")) == g("123", "123", "123")
    assert denoise_stripes(g("111", "252", "333")) == g("111", "222", "333")


def test_fill_empty_lines():
    assert fill_empty_lines(g("100", "000", "101"), 2) == g("120", "222", "121")
    assert fill_empty_lines(g("11"), 2) == g("11")
    with pytest.raises(DSLError):
        fill_empty_lines(g("0"), 10)


def test_flood_from():
    grid = g("0030", "1030", "3330", "0000")
    assert flood_from(grid, 1) == g("1130", "1130", "3330", "0000")
    assert flood_from(grid, 3) == g("3333", "1333", "3333", "3333")
    assert flood_from(g("00"), 0) == g("00")


def test_keep_holed():
    grid = g("11100", "10102", "11122", "00000")
    assert keep_holed(grid) == g("11100", "10100", "11100", "00000")
    # on a background of 9, the object with a hole is kept and everything else becomes 0
    assert keep_holed(g("99999", "92229", "92929", "92229", "99999")) == g(
        "00000", "02220", "02020", "02220", "00000")
    assert keep_holed(g("12", "00")) == g("00", "00")
