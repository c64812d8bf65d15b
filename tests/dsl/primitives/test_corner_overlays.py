"""Tests for overlay_corners (corner blocks overlaid in a priority order) and mirror_tile_to (mirrored tiling)."""

import pytest

from dsl.primitives.corner_overlays import CORNER_ORDERS, mirror_tile_to, overlay_corners
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signatures():
    assert PRIMITIVES["overlay_corners"].signature == "Grid, Vec, Int -> Grid"
    assert PRIMITIVES["mirror_tile_to"].signature == "Grid, Vec -> Grid"


QUADS = g("1100",
          "0022",
          "3300",
          "0440")


def test_quadrants_overlaid_in_order():
    # Order 0 is (top-left, top-right, bottom-left, bottom-right) from the top layer down.
    assert overlay_corners(QUADS, (2, 2), 0) == g("11", "22")
    bottom_right_on_top = CORNER_ORDERS.index((3, 2, 1, 0))
    assert overlay_corners(QUADS, (2, 2), bottom_right_on_top) == g("33", "44")


def test_corners_skip_a_divider_and_may_overlap():
    divided = g("10502",
                "00500",
                "55555",
                "00500",
                "30504")
    assert overlay_corners(divided, (2, 2), 0) == g("12", "34")
    assert overlay_corners(g("101", "000", "010"), (2, 2), 0) == g("11", "11")


def test_shape_must_be_smaller_and_order_known():
    with pytest.raises(DSLError):
        overlay_corners(QUADS, (4, 4), 0)
    with pytest.raises(DSLError):
        overlay_corners(QUADS, (2, 2), 24)


def test_mirror_tiling_repeats_edges():
    assert mirror_tile_to(g("12", "30"), (4, 5)) == g("12211",
                                                      "30033",
                                                      "30033",
                                                      "12211")


def test_mirror_tiling_needs_a_larger_shape():
    with pytest.raises(DSLError):
        mirror_tile_to(g("12", "30"), (2, 2))
    with pytest.raises(DSLError):
        mirror_tile_to(g("12", "30"), (1, 4))
