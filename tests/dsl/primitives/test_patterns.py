"""Tests for the pattern primitives: self-similar copies, rings, rarity, gap sizes, stamps, periods, panels, bridges."""

import pytest

from dsl.primitives.patterns import (
    bridge_pairs,
    copy_panel,
    count_diagonal,
    cycle_rings,
    extend_periodic,
    gap_size_colours,
    kron_halves,
    rarity_colours,
    recolour_by_markers,
    reflect_tile,
    reverse_rings,
    self_kron,
    stamp_shapes,
)
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g

SIGNATURES = {
    "self_kron": "Grid, Int -> Grid",
    "reverse_rings": "Grid -> Grid",
    "cycle_rings": "Grid -> Grid",
    "rarity_colours": "Grid -> Grid",
    "gap_size_colours": "Grid -> Grid",
    "stamp_shapes": "Grid -> Grid",
    "bridge_pairs": "Grid, Int -> Grid",
    "extend_periodic": "Grid, Bool -> Grid",
    "recolour_by_markers": "Grid -> Grid",
    "reflect_tile": "Grid, Vec -> Grid",
    "count_diagonal": "Grid -> Grid",
    "copy_panel": "Grid -> Grid",
    "kron_halves": "Grid -> Grid",
}



def test_registered_with_signatures():
    for name, signature in SIGNATURES.items():
        assert PRIMITIVES[name].signature == signature, name
        assert PRIMITIVES[name].fn.__module__ == "dsl.primitives.patterns"


def test_self_kron():
    assert self_kron(g("12", "21"), 1) == g("1200", "2100", "0012", "0021")
    assert self_kron(g("5"), 3) == g("0")
    with pytest.raises(DSLError):
        self_kron(g("1"), 10)


def test_rings():
    grid = g("3333", "3223", "3223", "3333")
    assert reverse_rings(grid) == g("2222", "2332", "2332", "2222")
    assert cycle_rings(g("33333", "32223", "32023", "32223", "33333")) == \
        g("00000", "03330", "03230", "03330", "00000")
    # The innermost ring repeats the border colour: colours in order of first ring.
    assert cycle_rings(g("555555", "588885", "580085", "580085", "588885", "555555")) == \
        g("000000", "055550", "058850", "058850", "055550", "000000")
    with pytest.raises(DSLError):
        reverse_rings(g("11", "11"))


def test_rarity_colours():
    assert rarity_colours(g("30300", "00000", "00044")) == g("10100", "00000", "00022")


def test_gap_size_colours():
    assert gap_size_colours(g("505", "550")) == g("515", "551")


def test_stamp_shapes():
    assert stamp_shapes(g("12000", "33055", "00055")) == g("12000", "33012", "00033")
    with pytest.raises(DSLError):
        stamp_shapes(g("12000", "33050"))


def test_bridge_pairs():
    assert bridge_pairs(g("10010", "00000", "20000"), 8) == g("18810", "00000", "20000")
    assert bridge_pairs(g("30", "00", "30"), 7) == g("30", "70", "30")
    with pytest.raises(DSLError):
        bridge_pairs(g("12", "00"), 8)


def test_extend_periodic():
    # At the border: the shortest period continues.
    assert extend_periodic(g("12120000"), False) == g("12121212")
    # Inside: a band of three rows repeats whole.
    assert extend_periodic(g("0", "0", "1", "2", "1", "0"), True) == g("2", "1", "1", "2", "1", "1")
    with pytest.raises(DSLError):
        extend_periodic(g("00"), True)


def test_recolour_by_markers():
    assert recolour_by_markers(g("20030", "00000", "55055")) == g("20030", "00000", "22033")
    with pytest.raises(DSLError):
        recolour_by_markers(g("55"))


def test_reflect_tile():
    assert reflect_tile(g("12", "34"), (3, 4)) == g("1212", "3434", "1212")
    assert reflect_tile(g("123"), (2, 7)) == g("1232123", "1232123")


def test_count_diagonal():
    assert count_diagonal(g("1001", "0000", "2010")) == g("1000", "0100", "0010", "0001")
    with pytest.raises(DSLError):
        count_diagonal(g("00"))


def test_copy_panel():
    assert copy_panel(g("12500", "00500", "55555", "00500", "00500")) == \
        g("12512", "00500", "55555", "12512", "00500")
    with pytest.raises(DSLError):
        copy_panel(g("105", "005"))


def test_kron_halves():
    assert kron_halves(g("2088", "0308")) == g("2200", "0200", "0033", "0003")
    assert kron_halves(g("88", "08", "20", "03")) == g("2200", "0200", "0033", "0003")
    with pytest.raises(DSLError):
        kron_halves(g("11"))


def test_hole_size_colours_paints_only_holes():
    from dsl.primitives.patterns import hole_size_colours
    grid = g("0000000",
             "0555000",
             "0505000",
             "0555555",
             "0000005")
    assert hole_size_colours(grid) == g("0000000",
                                        "0555000",
                                        "0515000",
                                        "0555555",
                                        "0000005")
    with pytest.raises(DSLError):
        hole_size_colours(g("000", "050", "000"))
