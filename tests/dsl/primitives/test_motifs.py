"""Tests for the drawing motifs: empty rectangles, spirals, alternate cells, lower halves, objects of one size,
edge padding and the left-right symmetry flag."""

import pytest

from dsl.primitives.motifs import (
    alternate_cells,
    fill_empty_rects,
    lower_half,
    mirror_flag,
    pad_edges,
    recolour_size,
    spiral,
)
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g

SIGNATURES = {
    "fill_empty_rects": "Grid, Int -> Grid",
    "spiral": "Grid, Int -> Grid",
    "alternate_cells": "Grid, Int -> Grid",
    "lower_half": "Grid, Int -> Grid",
    "recolour_size": "Grid, Int, Int -> Grid",
    "pad_edges": "Grid -> Grid",
    "mirror_flag": "Grid -> Grid",
}



def test_registered_with_signatures():
    for name, signature in SIGNATURES.items():
        assert PRIMITIVES[name].signature == signature, name


def test_fill_empty_rects_largest_first_without_overlap():
    grid = g("005",
             "000",
             "000",
             "005")
    # the 4x2 block goes first; the leftover 0 column of two cells is too thin
    assert fill_empty_rects(grid, 2) == g("225",
                                          "220",
                                          "220",
                                          "225")


def test_fill_empty_rects_repeats_and_needs_one():
    grid = g("00500", "00500", "55555")
    assert fill_empty_rects(grid, 3) == g("33533", "33533", "55555")
    with pytest.raises(DSLError):
        fill_empty_rects(g("050", "505"), 3)
    with pytest.raises(DSLError):
        fill_empty_rects(g("00", "00"), 0)


def test_spiral():
    assert spiral(g("00000", "00000", "00000", "00000", "00000"), 3) == g("33333",
                                                                           "00003",
                                                                           "33303",
                                                                           "30003",
                                                                           "33333")
    assert spiral(g("0000", "0000", "0000", "0000"), 1) == g("1111", "0001", "1101", "1111")


def test_alternate_cells():
    grid = g("2000", "0200", "0020", "3002")
    assert alternate_cells(grid, 4) == g("2000", "0400", "0020", "3004")
    with pytest.raises(DSLError):
        alternate_cells(g("10", "00"), 4)


def test_lower_half():
    grid = g("0100", "0102", "0102", "0102", "0102")
    assert lower_half(grid, 8) == g("0100", "0102", "0102", "0808", "0808")
    with pytest.raises(DSLError):
        lower_half(g("11", "00"), 8)


def test_recolour_size():
    grid = g("5505", "0005", "5005")
    assert recolour_size(grid, 2, 1) == g("1105", "0005", "5005")
    with pytest.raises(DSLError):
        recolour_size(grid, 4, 1)


def test_pad_edges():
    assert pad_edges(g("12", "38")) == g("0120", "1122", "3388", "0380")


def test_mirror_flag():
    assert mirror_flag(g("202", "020")) == ((1,),)
    assert mirror_flag(g("220", "000")) == ((0,),)
