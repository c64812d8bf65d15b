"""Tests for halo_by_size (borders as wide as half the object)."""

import pytest

from dsl.primitives.scaled_halo import halo_by_size
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["halo_by_size"].signature == "Grid, Int -> Grid"


def test_border_width_grows_with_the_object_and_keeps_ink():
    grid = g("00000000",
             "00000000",
             "00550000",
             "00550060",
             "00000000",
             "00000000",
             "00000000")
    # the lone pixel is one cell wide: half of it rounds down to no border
    assert halo_by_size(grid, 4) == g("00000000",
                                      "04444000",
                                      "04554000",
                                      "04554060",
                                      "04444000",
                                      "00000000",
                                      "00000000")


def test_cut_square_uses_its_longer_side():
    grid = g("06666000",
             "06666000",
             "00000000",
             "00000000",
             "00000000")
    assert halo_by_size(grid, 2) == g("26666220",
                                      "26666220",
                                      "22222220",
                                      "22222220",
                                      "00000000")


def test_no_ink_is_an_error():
    with pytest.raises(DSLError):
        halo_by_size(g("000", "000"), 3)
