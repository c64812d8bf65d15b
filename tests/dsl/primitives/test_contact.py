"""Tests for the object-relation primitives: sliding to contact, frame interiors, symmetry counts."""

import pytest

from dsl.primitives.contact import crop_frame_interior, slide_to_contact, symmetry_count
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g

SIGNATURES = {
    "slide_to_contact": "Grid, Int -> Grid",
    "crop_frame_interior": "Grid -> Grid",
    "symmetry_count": "Grid -> Int",
}



def test_registered_with_signatures():
    for name, signature in SIGNATURES.items():
        assert PRIMITIVES[name].signature == signature, name


def test_slide_to_contact_moves_object_until_touching():
    grid = g("2200", "0000", "0000", "0088")
    assert slide_to_contact(grid, 8) == g("0000", "0000", "0000", "2288")


def test_slide_to_contact_shortest_direction_and_blocked():
    grid = g("0000", "3000", "0008", "0000")
    assert slide_to_contact(grid, 8) == g("0000", "0003", "0008", "0000")  # right: the only way to touch
    assert slide_to_contact(g("20", "08"), 8) == g("20", "08")  # already touching
    assert slide_to_contact(g("20", "00"), 8) == g("20", "00")  # colour absent


def test_slide_to_contact_vertical():
    grid = g("010", "000", "000", "555")
    assert slide_to_contact(grid, 5) == g("000", "000", "010", "555")


def test_crop_frame_interior_picks_largest_frame():
    grid = g("222200", "213200", "245211", "222210", "000011")
    assert crop_frame_interior(grid) == g("13", "45")


def test_crop_frame_interior_needs_a_frame():
    with pytest.raises(DSLError):
        crop_frame_interior(g("12", "34"))


def test_symmetry_count():
    assert symmetry_count(g("11", "11")) == 4
    assert symmetry_count(g("12", "12")) == 1
    assert symmetry_count(g("12", "34")) == 0
    assert symmetry_count(g("121",)) == 3


def test_slide_rejects_bad_colour():
    with pytest.raises(DSLError):
        slide_to_contact(g("1"), 11)
