"""Tests for shells.py: corner shells, square-bar cuts, corner blocks, shadow curtains, square rings."""

import pytest

from dsl.primitives.shells import (
    corner_shells,
    opposite_corner_blocks,
    shadow_curtains,
    spaced_square_rings,
    square_bar_cover,
)
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signatures():
    assert PRIMITIVES["corner_shells"].signature == "Grid, Vec -> Grid"
    assert PRIMITIVES["square_bar_cover"].signature == "Grid -> Grid"
    assert PRIMITIVES["opposite_corner_blocks"].signature == "Grid -> Grid"
    assert PRIMITIVES["shadow_curtains"].signature == "Grid, Vec -> Grid"
    assert PRIMITIVES["spaced_square_rings"].signature == "Grid -> Grid"


def test_shells_continue_the_diagonal_colours():
    grid = g("1120",
             "1120",
             "2220",
             "0000")
    assert corner_shells(grid, (5, 6)) == g("112112",
                                            "112112",
                                            "222112",
                                            "111112",
                                            "111112")


def test_shells_fill_a_grid_without_gaps():
    assert corner_shells(g("12", "22"), (3, 3)) == g("121", "221", "111")


def test_shells_reject_ink_off_the_shells_and_one_colour():
    with pytest.raises(DSLError):
        corner_shells(g("12", "32"), (4, 4))
    with pytest.raises(DSLError):
        corner_shells(g("11", "10"), (4, 4))
    with pytest.raises(DSLError):
        corner_shells(g("12", "22"), (4,))


def test_cover_prefers_squares_then_bars():
    grid = g("5500",
             "5555",
             "0055",
             "0500",
             "0500",
             "0500")
    assert square_bar_cover(grid) == g("1100",
                                       "1111",
                                       "0011",
                                       "0200",
                                       "0200",
                                       "0200")


def test_cover_backtracks_out_of_a_dead_end():
    # A square at the top-left would strand the row below; three bars cut it.
    assert square_bar_cover(g("555", "555", "555")) == g("222", "222", "222")
    assert square_bar_cover(g("5555", "5555", "0555")) == g("1111", "1111", "0222")


def test_cover_rejects_ink_no_cut_explains():
    with pytest.raises(DSLError):
        square_bar_cover(g("55", "50"))
    with pytest.raises(DSLError):
        square_bar_cover(g("00", "00"))


def test_corner_blocks_take_the_opposite_corner_colour_and_clip():
    grid = g("00000",
             "04600",
             "02100",
             "00000",
             "00000")
    assert opposite_corner_blocks(grid) == g("10022",
                                             "04600",
                                             "02100",
                                             "60044",
                                             "60044")


def test_corner_blocks_keep_ink_and_need_a_solid_rectangle():
    grid = g("000000",
             "000000",
             "003400",
             "005600",
             "000007",
             "000000")
    assert opposite_corner_blocks(grid) == g("660055",
                                             "660055",
                                             "003400",
                                             "005600",
                                             "440037",
                                             "440033")
    with pytest.raises(DSLError):
        opposite_corner_blocks(g("0000", "0330", "0300"))


def test_curtains_hang_from_the_object_through_pixels_in_its_shadow():
    grid = g("00000",
             "01110",
             "00000",
             "00200",
             "20000",
             "00000")
    assert shadow_curtains(grid, (1, 0)) == g("00000",
                                              "01110",
                                              "00200",
                                              "00200",
                                              "20200",
                                              "00200")
    assert shadow_curtains(g("0000", "0020", "0000", "0330"), (-1, 0)) == g("0020", "0020", "0020", "0330")


def test_curtains_need_a_pixel_in_the_shadow_and_a_side():
    with pytest.raises(DSLError):
        shadow_curtains(g("0110", "0000", "2000"), (1, 0))
    with pytest.raises(DSLError):
        shadow_curtains(g("0110", "0000", "0200"), (1, 1))


def test_square_rings_at_multiples_of_the_spacing():
    grid = g("00000",
             "00000",
             "00002",
             "00000",
             "00200",
             "00000",
             "20000")
    assert spaced_square_rings(grid) == g("22222",
                                          "00000",
                                          "22222",
                                          "20002",
                                          "20202",
                                          "20002",
                                          "22222")


def test_square_rings_need_three_pixels_of_one_colour():
    with pytest.raises(DSLError):
        spaced_square_rings(g("100", "020", "001"))
    with pytest.raises(DSLError):
        spaced_square_rings(g("100", "010", "000"))
    with pytest.raises(DSLError):
        spaced_square_rings(g("1000", "0100", "0000", "0001"))
