"""Tests for recolour_in_box, crop_dense_rect and cross_lines (boxes among noise)."""

import pytest

from dsl.primitives.box_focus import crop_dense_rect, cross_lines, recolour_in_box
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signatures():
    assert PRIMITIVES["recolour_in_box"].signature == "Grid, Int, Int -> Grid"
    assert PRIMITIVES["crop_dense_rect"].signature == "Grid -> Grid"
    assert PRIMITIVES["cross_lines"].signature == "Grid -> Grid"


def test_recolour_in_box_only_inside_the_box_colours_bounding_box():
    grid = g("10101",
             "04410",
             "01040",
             "10001")
    assert recolour_in_box(grid, 4, 7) == g("10101",
                                            "04470",
                                            "07040",
                                            "10001")


def test_recolour_in_box_needs_something_to_recolour():
    with pytest.raises(DSLError):
        recolour_in_box(g("0440", "1001"), 4, 7)
    with pytest.raises(DSLError):
        recolour_in_box(g("0110", "1001"), 4, 7)


def test_crop_dense_rect_trims_thin_attachments():
    grid = g("312132",
             "255553",
             "251553",
             "255551",
             "135232",
             "213123")
    assert crop_dense_rect(grid) == g("5555",
                                      "5155",
                                      "5555")


def test_crop_dense_rect_rejects_the_whole_grid():
    with pytest.raises(DSLError):
        crop_dense_rect(g("11", "11"))


def test_cross_lines_draws_full_rows_and_columns():
    grid = g("3333",
             "3333",
             "3363",
             "3333")
    assert cross_lines(grid) == g("3363",
                                  "3363",
                                  "6666",
                                  "3363")


def test_cross_lines_needs_few_odd_cells():
    with pytest.raises(DSLError):
        cross_lines(g("12", "21"))
    with pytest.raises(DSLError):
        cross_lines(g("11", "11"))
    with pytest.raises(DSLError):
        cross_lines(g("0000", "0000", "0030", "0000"))
