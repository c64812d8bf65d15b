"""Tests for fit_pieces_in_holes (loose pieces moved into the enclosed holes of their shape)."""

import pytest

from dsl.primitives.jigsaw import fit_pieces_in_holes
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["fit_pieces_in_holes"].signature == "Grid, Bool -> Grid"


def test_piece_of_the_holes_shape_moves_in():
    grid = g("2222000",
             "2002033",
             "2202003",
             "2222000",
             "0000040")
    assert fit_pieces_in_holes(grid, False) == g("2222000",
                                                 "2332000",
                                                 "2232000",
                                                 "2222000",
                                                 "0000040")


def test_turned_piece_needs_the_flag():
    grid = g("2222000",
             "2002030",
             "2202033",
             "2222000")
    with pytest.raises(DSLError):
        fit_pieces_in_holes(grid, False)
    assert fit_pieces_in_holes(grid, True) == g("2222000",
                                                "2332000",
                                                "2232000",
                                                "2222000")


def test_needs_an_enclosed_hole():
    with pytest.raises(DSLError):
        fit_pieces_in_holes(g("1100", "1100", "0003"), False)
