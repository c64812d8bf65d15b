"""Tests for mirror_over_marker (objects flipped across the side a marker colour touches, over the marker)."""

import pytest

from dsl.primitives.marker_mirrors import mirror_over_marker
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["mirror_over_marker"].signature == "Grid, Int -> Grid"


def test_marker_on_the_right_flips_left_right():
    grid = g("000000",
             "055200",
             "005200",
             "000000")
    assert mirror_over_marker(grid, 2) == g("000000",
                                            "055550",
                                            "005500",
                                            "000000")


def test_marker_above_flips_upwards_and_clips():
    grid = g("0000",
             "0900",
             "0760",
             "0600")
    # 9 is the marker; the 7 and 6 cells are the body, flipped above its top row (the top cell falls off).
    assert mirror_over_marker(grid, 9) == g("0600",
                                            "0760",
                                            "0760",
                                            "0600")


def test_needs_a_marker_beside_a_body():
    with pytest.raises(DSLError):
        mirror_over_marker(g("0500", "0000", "0020"), 2)  # apart, not one object
    with pytest.raises(DSLError):
        mirror_over_marker(g("000", "050", "000"), 2)
