"""Tests for objects recoloured like a framed reference shape."""

import pytest

from dsl.primitives.references import recolour_like_framed
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["recolour_like_framed"].signature == "Grid, Int, Bool, Bool -> Grid"


def test_recolour_like_framed_closed_frame_gives_its_colour():
    grid = g("5555000", "5205010", "5555000", "0000011", "1100000")
    # The one-cell 2 inside the frame: the lone 1 takes colour 2, the two-cell ones keep theirs.
    assert recolour_like_framed(grid, 5, True, False) == g("5555000", "5205020", "5555000", "0000011", "1100000")
    assert recolour_like_framed(grid, 5, True, True) == g("5555000", "5205050", "5555000", "0000011", "1100000")


def test_recolour_like_framed_edge_counts_as_wall_when_open():
    grid = g("3500", "5500", "0000", "0040")
    assert recolour_like_framed(grid, 5, False, True) == g("3500", "5500", "0000", "0050")
    with pytest.raises(DSLError):
        recolour_like_framed(grid, 5, True, True)
