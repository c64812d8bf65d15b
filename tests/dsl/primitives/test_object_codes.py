"""Tests for bend_codes (each object painted with a code for its number of turns as a path)."""

import pytest

from dsl.primitives.object_codes import bend_codes
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["bend_codes"].signature == "Grid -> Grid"


def test_paths_coded_by_turns_and_other_shapes_by_nine():
    grid = g("3300000",
             "3003330",
             "3000000",
             "0000003",
             "3330303",
             "0300333",
             "0000000",
             "4450000",
             "4400000")
    # An L (one turn), a line, a U (two turns), a T (branch), a 2x2 block (loop) and a lone pixel of another colour.
    assert bend_codes(grid) == g("2200000",
                                 "2001110",
                                 "2000000",
                                 "0000003",
                                 "9990303",
                                 "0900333",
                                 "0000000",
                                 "9910000",
                                 "9900000")


def test_needs_an_object():
    with pytest.raises(DSLError):
        bend_codes(g("000", "000"))


def test_objects_coded_by_holes():
    from dsl.primitives.object_codes import hole_codes

    grid = g("1110000",
             "1010222",
             "1110202",
             "0000222",
             "3333202",
             "3033222",
             "3303000",
             "3333000")
    # No hole: 1; one hole: 2; two holes (the 2 loop cut by a row, and the 3 with two diagonal-split gaps): 3.
    assert hole_codes(grid) == g("2220000",
                                 "2020333",
                                 "2220303",
                                 "0000333",
                                 "3333303",
                                 "3033333",
                                 "3303000",
                                 "3333000")
    assert hole_codes(g("10", "01")) == g("10", "01")
    with pytest.raises(DSLError):
        hole_codes(g("00", "00"))
