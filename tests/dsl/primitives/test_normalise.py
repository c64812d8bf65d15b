"""Tests for colour normalisation: ranks by count, fixed colours stay, the inverse restores the source."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dsl.primitives.normalise import denormalise_colours, normalise_colours
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_normalise_colours_ranks_by_count_and_keeps_fixed():
    grid = g("0557", "0555", "0077")
    # 5 (5 cells) -> 1, 7 (3 cells) -> 2; 0 fixed
    assert normalise_colours(grid, (0,)) == g("0112", "0111", "0022")
    # with 2 fixed as well, the free slots are 1, 3, 4, ...
    assert normalise_colours(grid, (0, 2)) == g("0113", "0111", "0033")
    with pytest.raises(DSLError):
        normalise_colours(grid, (11,))


def test_denormalise_colours_undoes_the_source_permutation():
    source = g("0557", "0555", "0077")
    result = g("12", "21", "03")  # 3 was absent from the source: it maps to a colour the source lacks
    restored = denormalise_colours(result, source, (0,))
    assert restored[0] == (5, 7) and restored[1] == (7, 5) and restored[2][0] == 0
    assert restored[2][1] not in (0, 5, 7)


grids = st.lists(st.lists(st.integers(0, 9), min_size=1, max_size=5), min_size=1, max_size=5).map(
    lambda rows: tuple(tuple(r[: len(rows[0])] + [0] * (len(rows[0]) - len(r))) for r in rows))


@settings(max_examples=100, deadline=None)
@given(grids, st.sets(st.integers(0, 9), max_size=4))
def test_round_trip(grid, fixed):
    fixed = tuple(sorted(fixed))
    assert denormalise_colours(normalise_colours(grid, fixed), grid, fixed) == grid


def test_registered():
    assert PRIMITIVES["normalise_colours"].signature == "Grid, Tup[Int] -> Grid"
    assert PRIMITIVES["denormalise_colours"].signature == "Grid, Grid, Tup[Int] -> Grid"
