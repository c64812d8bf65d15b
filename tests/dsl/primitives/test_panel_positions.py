"""Tests for panel_positions (panels of a grid of lines coded by their place in the layout)."""

import pytest

from dsl.primitives.panel_positions import panel_positions
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["panel_positions"].signature == "Grid -> Grid"


def test_three_by_three_panels_coded_skipping_the_line_colour():
    grid = g("02020",
             "22222",
             "02020",
             "02020",
             "22222",
             "02020")
    # Codes for lines of colour 2: 1, 3, 4, 5, 6, 7, 8; the first-last and last-first corners stay 0.
    assert panel_positions(grid) == g("12320",
                                      "22222",
                                      "42526",
                                      "42526",
                                      "22222",
                                      "02728")


def test_centre_only_for_odd_counts_and_ink_kept():
    grid = g("0505050",
             "5555555",
             "0505059",
             "5555555",
             "0505050")
    # Four columns of panels: the two middle ones are neither first, centre nor last.
    assert panel_positions(grid) == g("1505050",
                                      "5555555",
                                      "3505059",
                                      "5555555",
                                      "0505058")


def test_needs_a_grid_of_lines_with_three_panels_a_side():
    with pytest.raises(DSLError):
        panel_positions(g("010", "111", "010"))
    with pytest.raises(DSLError):
        panel_positions(g("000", "000"))
