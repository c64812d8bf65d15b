"""Tests for on_panels (a grid function run on one-colour panels read as pixels)."""

import pytest

from dsl.primitives.drawing import stamp_markers
from dsl.primitives.panel_pixels import on_panels
from dsl.primitives.structure import mirror_complete_lr
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["on_panels"].signature == "Grid, Fn[Grid -> Grid] -> Grid"


def test_mirror_completion_at_panel_level_repaints_whole_panels():
    grid = g("33500500",
             "33500500",
             "55555555",
             "00500544",
             "00500544")
    assert on_panels(grid, mirror_complete_lr) == g("33500533",
                                                    "33500533",
                                                    "55555555",
                                                    "44500544",
                                                    "44500544")


def _with_separators(table: tuple, size: int = 2) -> tuple:
    """A grid of size-by-size panels in the table's colours, between separator lines of colour 5."""
    rows = []
    for k, line in enumerate(table):
        if k:
            rows.append((5,) * ((size + 1) * len(line) - 1))
        row = sum((((5,) if q else ()) + (v,) * size for q, v in enumerate(line)), ())
        rows.extend([row] * size)
    return tuple(rows)


def test_template_stamped_on_a_panel_marker():
    table = g("01000",
              "12100",
              "01000",
              "00020")
    # The plus of 1 around 2 is drawn around the lone 2, clipped at the bottom edge, panel by panel.
    assert on_panels(_with_separators(table), stamp_markers) == _with_separators(g("01000",
                                                                                   "12100",
                                                                                   "01010",
                                                                                   "00121"))


def test_needs_one_colour_panels_and_a_change():
    with pytest.raises(DSLError):
        on_panels(g("12500", "00500"), mirror_complete_lr)  # a panel of two colours
    with pytest.raises(DSLError):
        on_panels(g("10501", "55555", "10501"), mirror_complete_lr)  # already symmetric
    with pytest.raises(DSLError):
        on_panels(g("100", "000"), mirror_complete_lr)  # no separator lines
