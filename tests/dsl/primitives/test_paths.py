"""Tests for paths, periods, orderings, colour keys and lines (paths.py, periodic.py, ordering.py, keys.py, lines.py)."""

import pytest

from dsl.primitives.keys import colour_by_key
from dsl.primitives.lines import extend_segments, repeat_runs
from dsl.primitives.ordering import minor_colours, sort_rows_by_ink
from dsl.primitives.paths import alternating_flood, elbow_connect
from dsl.primitives.periodic import periodic_tile
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g

SIGNATURES = {
    "elbow_connect": ("Grid, Int, Int, Int -> Grid", "paths"),
    "alternating_flood": ("Grid -> Grid", "paths"),
    "periodic_tile": ("Grid, Vec -> Grid", "periodic"),
    "sort_rows_by_ink": ("Grid -> Grid", "ordering"),
    "minor_colours": ("Grid -> Grid", "ordering"),
    "colour_by_key": ("Grid -> Grid", "keys"),
    "extend_segments": ("Grid, Int -> Grid", "lines"),
    "repeat_runs": ("Grid -> Grid", "lines"),
}



def test_registered_with_signatures():
    for name, (signature, module) in SIGNATURES.items():
        assert PRIMITIVES[name].signature == signature, name
        assert PRIMITIVES[name].fn.__module__ == f"dsl.primitives.{module}"


def test_elbow_connect():
    grid = g("2000", "0000", "0003")
    assert elbow_connect(grid, 2, 3, 8) == g("2888", "0008", "0003")
    assert elbow_connect(grid, 3, 2, 8) == g("2000", "8000", "8883")
    with pytest.raises(DSLError):
        elbow_connect(grid, 2, 4, 8)


def test_alternating_flood():
    grid = g("5555", "5030", "5005", "5555")  # one seed colour only
    assert alternating_flood(g("55555", "50230", "55555")) == g("55555", "53232", "55555")
    with pytest.raises(DSLError):
        alternating_flood(grid)


def test_periodic_tile():
    assert periodic_tile(g("233233"), (1, 8)) == g("23323323")
    assert periodic_tile(g("12", "34"), (3, 2)) == g("12", "34", "12")
    with pytest.raises(DSLError):
        periodic_tile(g("1"), (0, 2))


def test_sort_rows_by_ink():
    assert sort_rows_by_ink(g("110", "000", "100")) == g("000", "100", "110")


def test_minor_colours():
    assert minor_colours(g("1120", "3110")) == g("2", "3")
    with pytest.raises(DSLError):
        minor_colours(g("110"))


def test_colour_by_key():
    grid = g("1250000", "3450000", "5555555", "0051100", "0050011", "0051111", "0050000")
    assert colour_by_key(grid) == g("1100", "0022", "3344", "0000")
    with pytest.raises(DSLError):
        colour_by_key(g("12", "34"))
    with pytest.raises(DSLError):
        colour_by_key(g("15", "51"))


def test_extend_segments():
    assert extend_segments(g("0200", "0000", "1100", "0000"), 4) == g("0200", "0000", "1111", "0000")
    assert extend_segments(g("0200", "0200", "1100", "0000"), 4) == g("0200", "0200", "1111", "0200")
    assert extend_segments(g("0020", "0020", "0000", "1100"), 4) == g("0020", "0020", "0020", "1141")
    with pytest.raises(DSLError):
        extend_segments(g("11"), 10)


def test_repeat_runs():
    assert repeat_runs(g("0000", "0120", "0000")) == g("0000", "2121", "0000")
    assert repeat_runs(g("010", "000", "010")) == g("010", "000", "010")
