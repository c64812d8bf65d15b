"""Tests for the local repairs: 3x3 patch votes, symmetry in the ink's box, and noise outvoted by a near period
or near symmetry."""

import pytest

from dsl.primitives.patches import complete_patches, complete_symmetry_boxed, repair_period, repair_symmetry
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g

SIGNATURES = {
    "complete_patches": "Grid, Int -> Grid",
    "complete_symmetry_boxed": "Grid, Int -> Grid",
    "repair_period": "Grid -> Grid",
    "repair_symmetry": "Grid -> Grid",
}

# Diagonal stripes of period 3: cell (i, j) is 1 + (i + j) % 3.
STRIPES = g(*("".join(str(1 + (i + j) % 3) for j in range(8)) for i in range(7)))


def _with(grid, cells, value):
    rows = [list(r) for r in grid]
    for i, j in cells:
        rows[i][j] = value
    return tuple(tuple(r) for r in rows)


def test_registered_with_signatures():
    for name, signature in SIGNATURES.items():
        assert PRIMITIVES[name].signature == signature, name


def test_complete_patches_restores_a_masked_block():
    masked = _with(STRIPES, [(2, 3), (2, 4), (3, 3), (3, 4), (4, 4)], 9)
    assert complete_patches(masked, 9) == STRIPES


def test_complete_patches_mask_on_the_edge():
    masked = _with(STRIPES, [(0, 0), (0, 1), (1, 0), (6, 7)], 9)
    assert complete_patches(masked, 9) == STRIPES


def test_complete_patches_nothing_unknown_is_unchanged():
    assert complete_patches(STRIPES, 9) == STRIPES


def test_complete_patches_no_window_raises():
    with pytest.raises(DSLError):
        complete_patches(g("999", "919", "999"), 9)


def test_complete_symmetry_boxed_off_centre_pattern():
    # A symmetric pattern in the corner of a larger grid, far from the grid's centre, with one masked cell.
    grid = g("0" * 12, "012210" + "0" * 6, "034430" + "0" * 6, "012210" + "0" * 6, *["0" * 12] * 8)
    masked = _with(grid, [(2, 4)], 5)
    assert complete_symmetry_boxed(masked, 5) == grid


def test_complete_symmetry_boxed_ink_filling_the_grid_raises():
    with pytest.raises(DSLError):
        complete_symmetry_boxed(STRIPES, 9)


def test_repair_period_outvotes_a_wrong_cell():
    noisy = _with(STRIPES, [(3, 5)], 7)
    assert repair_period(noisy) == STRIPES


def test_repair_period_clean_grid_unchanged():
    assert repair_period(STRIPES) == STRIPES


def test_repair_period_no_period_raises():
    with pytest.raises(DSLError):
        repair_period(g("1234", "5678", "9012", "3456"))


def test_repair_symmetry_outvotes_a_wrong_cell():
    grid = g("123321", "456654", "789987", "789987", "456654", "123321")
    noisy = _with(grid, [(1, 4)], 0)
    assert repair_symmetry(noisy) == grid


def test_repair_symmetry_no_symmetry_raises():
    with pytest.raises(DSLError):
        repair_symmetry(g("1234", "5678", "9012", "3456"))
