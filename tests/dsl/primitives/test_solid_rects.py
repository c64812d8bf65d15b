import pytest

from dsl.primitives.solid_rects import keep_largest_rect
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered():
    assert PRIMITIVES["keep_largest_rect"].signature == "Grid -> Grid"


def test_keeps_the_filled_rectangle_among_noise():
    # The 3s touching the 2x3 block of 3s are not part of the rectangle; the noise goes.
    grid = g("10300", "03330", "43331", "00020")
    assert keep_largest_rect(grid) == g("00000", "03330", "03330", "00000")


def test_needs_a_rectangle_of_at_least_two_by_two():
    with pytest.raises(DSLError):
        keep_largest_rect(g("1200", "0220", "0003"))
