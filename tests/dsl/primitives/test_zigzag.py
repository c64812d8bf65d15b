"""Tests for zigzag_down (top-row pixels repeated down the grid, beside themselves on odd rows)."""

import pytest

from dsl.primitives.zigzag import zigzag_down
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["zigzag_down"].signature == "Grid -> Grid"


def test_pixels_zigzag_down_and_clip_at_the_border():
    grid = g("20030",
             "00000",
             "00000",
             "00000")
    assert zigzag_down(grid) == g("20030",
                                  "02303",
                                  "20030",
                                  "02303")


def test_needs_a_top_row_pixel():
    with pytest.raises(DSLError):
        zigzag_down(g("000", "010"))
