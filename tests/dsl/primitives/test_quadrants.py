import pytest

from dsl.primitives.quadrants import colour_quadrants_by_corners
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered():
    assert PRIMITIVES["colour_quadrants_by_corners"].signature == "Grid -> Grid"


def test_ink_takes_the_colour_of_its_quadrants_corner_inside_a_frame():
    grid = g("910014", "111111", "018810", "018010", "111111", "210013")
    assert colour_quadrants_by_corners(grid) == g("94", "20")


def test_without_a_frame_ring():
    grid = g("3005", "0550", "0500", "6007")
    assert colour_quadrants_by_corners(grid) == g("35", "60")


def test_needs_four_corner_markers():
    with pytest.raises(DSLError):
        colour_quadrants_by_corners(g("3000", "0550", "0500", "6007"))
