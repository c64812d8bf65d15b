"""Tests for the completion primitives: rotational completion, same-shape template copies, panel fills."""

import pytest

from dsl.primitives.completion import (
    complete_rotation,
    extend_like_template,
    fill_max_panels,
    fill_panels,
    stamp_same_shape,
)
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g

SIGNATURES = {
    "complete_rotation": "Grid, Int -> Grid",
    "stamp_same_shape": "Grid, Bool -> Grid",
    "fill_panels": "Grid -> Grid",
    "fill_max_panels": "Grid -> Grid",
    "extend_like_template": "Grid -> Grid",
}



def test_registered_with_signatures():
    for name, signature in SIGNATURES.items():
        assert PRIMITIVES[name].signature == signature, name


def test_complete_rotation_adds_the_missing_quarter():
    # A pinwheel about the centre cell with its left arm missing: the turned ink adds it in colour 2.
    grid = g("00110", "00100", "00111", "00101", "01100")
    assert complete_rotation(grid, 2) == g("00110", "20100", "22111", "00101", "01100")


def test_complete_rotation_symmetric_ink_unchanged():
    grid = g("010", "111", "010")
    assert complete_rotation(grid, 2) == grid


def test_complete_rotation_needs_ink():
    with pytest.raises(DSLError):
        complete_rotation(g("000", "010", "000"), 2)


def test_stamp_same_shape_copies_and_erases_template():
    grid = g("76000", "94000", "00000", "00880", "00880")
    assert stamp_same_shape(grid, False) == g("00000", "00000", "00000", "00760", "00940")
    assert stamp_same_shape(grid, True) == g("76000", "94000", "00000", "00760", "00940")


def test_stamp_same_shape_skips_other_shapes():
    grid = g("76000", "94000", "00000", "00880", "00800")
    with pytest.raises(DSLError):
        stamp_same_shape(grid, False)
    with pytest.raises(DSLError):
        stamp_same_shape(g("1100", "0000", "0022"), False)  # no multicolour template


def test_fill_panels():
    grid = g("00500", "10500", "55555", "00503", "00503")
    assert fill_panels(grid) == g("11500", "11500", "55555", "00533", "00533")


def test_fill_max_panels():
    grid = g("20500", "20502", "55555", "00500", "20500")
    assert fill_max_panels(grid) == g("22500", "22500", "55555", "00500", "00500")


def test_panels_need_separators_and_ink():
    with pytest.raises(DSLError):
        fill_panels(g("12", "34"))
    with pytest.raises(DSLError):
        fill_max_panels(g("050", "050"))


def test_extend_like_template_rows():
    grid = g("12212", "00000", "34000", "50000")
    assert extend_like_template(grid) == g("12212", "00000", "34434", "50050")


def test_extend_like_template_columns_and_errors():
    grid = g("10", "20", "20")
    assert extend_like_template(g("13", "20", "10")) == g("13", "20", "13")
    with pytest.raises(DSLError):
        extend_like_template(grid)  # nothing to complete
    with pytest.raises(DSLError):
        extend_like_template(g("110", "000"))
