"""Tests for repeat_toward_markers, bounce_diagonals and corner_diagonals (dsl/primitives/repeats.py)."""

import pytest

from dsl.primitives.repeats import bounce_diagonals, corner_diagonals, repeat_toward_markers
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signatures():
    assert PRIMITIVES["repeat_toward_markers"].signature == "Grid, Bool -> Grid"
    assert PRIMITIVES["bounce_diagonals"].signature == "Grid, Int -> Grid"
    assert PRIMITIVES["corner_diagonals"].signature == "Grid, Int -> Grid"


def test_repeat_with_a_gap_steps_past_the_template_box():
    grid = g("0000000000",
             "0110200000",
             "0110200000",
             "0000000000")
    # The piece is the left column of a copy 3 cells to the right; copies go on to the border.
    assert repeat_toward_markers(grid, True) == g("0000000000",
                                                  "0110220220",
                                                  "0110220220",
                                                  "0000000000")


def test_repeat_without_gap_takes_the_first_copy_clear_of_the_cells():
    grid = g("55555555",
             "50555555",
             "05055555",
             "55535555",
             "55555555",
             "55555555",
             "55555555",
             "55555555")
    # The first copy of the V that misses it steps (2, 2); its top cell is the piece. Background 5.
    assert repeat_toward_markers(grid, False) == g("55555555",
                                                   "50555555",
                                                   "05055555",
                                                   "55535555",
                                                   "55353555",
                                                   "55555355",
                                                   "55553535",
                                                   "55555553")


def test_repeat_needs_a_piece_that_fits_a_copy():
    grid = g("000000",
             "011000",
             "011000",
             "000002")
    with pytest.raises(DSLError):
        repeat_toward_markers(grid, True)  # the first copy one cell clear, at (3, 3), misses (3, 5)
    with pytest.raises(DSLError):
        repeat_toward_markers(g("0000", "0110", "0000"), True)  # no piece at all


def test_bounce_turns_off_a_wall_and_stops_at_the_edge():
    grid = g("000007",
             "000007",
             "000007",
             "000007",
             "040007",
             "400007")
    assert bounce_diagonals(grid, 3) == g("000307",
                                          "000037",
                                          "000307",
                                          "003007",
                                          "040007",
                                          "400007")


def test_bounce_in_the_segments_own_colour_and_needs_a_segment():
    grid = g("000000",
             "000000",
             "001000",
             "000100",
             "000000")
    assert bounce_diagonals(grid, 0) == g("100000",
                                          "010000",
                                          "001000",
                                          "000100",
                                          "000010")
    with pytest.raises(DSLError):
        bounce_diagonals(g("000", "010", "000"), 2)


def test_corner_diagonals_from_the_largest_filled_rectangle():
    grid = g("0000000",
             "0000000",
             "0066000",
             "0066000",
             "0000000",
             "0000040")
    # Rays leave the 2x2 block's corners and stop at the edge or at ink (the 4).
    assert corner_diagonals(grid, 2) == g("2000020",
                                          "0200200",
                                          "0066000",
                                          "0066000",
                                          "0200200",
                                          "2000040")
    with pytest.raises(DSLError):
        corner_diagonals(g("0100", "0000", "0010"), 2)  # no rectangle of 2x2 or more
