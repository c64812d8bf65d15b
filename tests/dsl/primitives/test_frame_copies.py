"""Tests for copy_frame_to_hole (the largest hollow frame drawn around the one other hole of its inside's size)."""

import pytest

from dsl.primitives.frame_copies import copy_frame_to_hole
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["copy_frame_to_hole"].signature == "Grid -> Grid"


def test_frame_drawn_around_the_other_hole_over_any_colour():
    grid = g("3333121",
             "3003212",
             "3333121",
             "1212121",
             "2120012",
             "1212121")
    assert copy_frame_to_hole(grid) == g("3333121",
                                         "3003212",
                                         "3333121",
                                         "1233331",
                                         "2130032",
                                         "1233331")


def test_several_holes_are_ambiguous():
    grid = g("3331212",
             "3032021",
             "3331212",
             "2121202",
             "1212121")
    with pytest.raises(DSLError):
        copy_frame_to_hole(grid)


def test_needs_a_hollow_frame():
    with pytest.raises(DSLError):
        copy_frame_to_hole(g("1111", "1001", "1111"))  # a frame, but no other hole
    with pytest.raises(DSLError):
        copy_frame_to_hole(g("1212", "2121"))
