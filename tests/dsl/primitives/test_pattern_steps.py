"""Tests for advance_pattern (a periodic pattern continued under its cover and advanced one cell)."""

import pytest

from dsl.primitives.pattern_steps import advance_pattern
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["advance_pattern"].signature == "Grid, Vec -> Grid"


def test_pattern_continued_and_advanced():
    # Diagonal stripes of period 3, partly under a cover of 5s.
    cover = g("124124",
              "241241",
              "412555",
              "124555",
              "241555",
              "555555")
    advanced = g("241241",
                 "412412",
                 "124124",
                 "241241",
                 "412412",
                 "124124")
    # One cell left or one cell up is the same step for these stripes.
    assert advance_pattern(cover, (0, -1)) == advanced
    assert advance_pattern(cover, (-1, 0)) == advanced
    assert advance_pattern(cover, (0, 1)) == g("412412",
                                               "124124",
                                               "241241",
                                               "412412",
                                               "124124",
                                               "241241")


def test_needs_one_cover_colour():
    with pytest.raises(DSLError):
        advance_pattern(g("1212", "2121"), (0, -1))
    with pytest.raises(DSLError):
        advance_pattern(g("124", "241", "412"), (1, 1))
