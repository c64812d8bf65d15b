"""Tests for container_corner_rays (diagonal rays out of a container's corners in its contents' colour)."""

import pytest

from dsl.primitives.container_rays import container_corner_rays
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signature():
    assert PRIMITIVES["container_corner_rays"].signature == "Grid -> Grid"


def test_rays_leave_the_container_corners():
    grid = g("0000000",
             "0000000",
             "0600060",
             "0640060",
             "0666660",
             "0000000",
             "0000000")
    assert container_corner_rays(grid) == g("0000000",
                                            "4000004",
                                            "0600060",
                                            "0640060",
                                            "0666660",
                                            "4000004",
                                            "0000000")


def test_rays_leave_both_ends_of_the_outermost_rows_and_columns():
    grid = g("00000",
             "03330",
             "00230",
             "00030",
             "00000")
    assert container_corner_rays(grid) == g("20002",
                                            "03330",
                                            "20230",
                                            "00030",
                                            "00202")


def test_needs_two_colours_and_a_ray():
    with pytest.raises(DSLError):
        container_corner_rays(g("110", "120", "003"))
    with pytest.raises(DSLError):
        container_corner_rays(g("222", "212", "222"))
