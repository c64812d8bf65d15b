"""Tests for fill_cluster_boxes (the bounding box of each cluster of one colour painted, the cluster kept)."""

import pytest

from dsl.primitives.cluster_boxes import fill_cluster_boxes
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["fill_cluster_boxes"].signature == "Grid, Int, Int, Bool -> Grid"


def test_touching_cells_boxed_over_other_colours():
    grid = g("21000",
             "12000",
             "00000",
             "00002")
    assert fill_cluster_boxes(grid, 2, 4, False) == g("24000",
                                                       "42000",
                                                       "00000",
                                                       "00002")


def test_one_cell_gaps_join_clusters_with_the_flag():
    grid = g("20200",
             "00000",
             "00000",
             "00002")
    assert fill_cluster_boxes(grid, 2, 3, True) == g("23200",
                                                      "00000",
                                                      "00000",
                                                      "00002")
    with pytest.raises(DSLError):
        fill_cluster_boxes(grid, 2, 3, False)  # no two cells touch


def test_needs_cells_of_the_colour():
    with pytest.raises(DSLError):
        fill_cluster_boxes(g("11", "11"), 2, 3, True)
