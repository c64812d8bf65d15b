"""Tests for detour_rays and region_diagonal_rays (rays that step around ink, diagonal rays coloured by region)."""

import pytest

from dsl.primitives.ray_paths import detour_rays, pushed_rays, region_diagonal_rays, wall_impacts
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered_with_signatures():
    assert PRIMITIVES["detour_rays"].signature == "Grid, Int, Vec -> Grid"
    assert PRIMITIVES["region_diagonal_rays"].signature == "Grid -> Grid"
    assert PRIMITIVES["wall_impacts"].signature == "Grid -> Grid"
    assert PRIMITIVES["pushed_rays"].signature == "Grid, Int -> Grid"


def test_ray_steps_aside_clockwise():
    grid = g("0000",
             "0500",
             "0000",
             "0200")
    # Going up, the clockwise turn is to the right.
    assert detour_rays(grid, 2, (-1, 0)) == g("0020",
                                               "0520",
                                               "0220",
                                               "0200")
    # Going down from the top, the clockwise turn is to the left, in the row before the obstacle.
    assert detour_rays(g("030", "050", "000"), 3, (1, 0)) == g("330", "350", "300")


def test_ray_stops_when_blocked_aside_and_needs_an_obstacle():
    assert detour_rays(g("055", "000", "020"), 2, (-1, 0)) == g("055", "022", "020")
    with pytest.raises(DSLError):
        detour_rays(g("000", "000", "020"), 2, (-1, 0))
    with pytest.raises(DSLError):
        detour_rays(g("050", "020"), 2, (-1, 1))
    # The rays leave from the edge behind them.
    with pytest.raises(DSLError):
        detour_rays(g("050", "020", "000"), 2, (-1, 0))


def test_region_rays_take_the_region_marker_colour():
    grid = g("11122",
             "11122",
             "14122",
             "11122",
             "11232")
    # The 4 marks region 1 and the 3 region 2; marker cells themselves stay.
    assert region_diagonal_rays(grid) == g("11132",
                                           "41422",
                                           "14122",
                                           "41423",
                                           "11232")


def test_region_rays_need_consistent_markers_in_two_regions():
    with pytest.raises(DSLError):
        region_diagonal_rays(g("111", "141", "111"))
    with pytest.raises(DSLError):
        region_diagonal_rays(g("11122", "14122", "11122", "11622"))


def test_pixels_shoot_to_the_nearest_walls_and_mark_the_impact():
    grid = g("0008000800",
             "0008000800",
             "0008020800",
             "0008000800",
             "0008000802",
             "0008000800")
    # The middle pixel hits both walls; the right one only the nearer wall to its left.
    assert wall_impacts(grid) == g("0008000800",
                                   "0088808880",
                                   "0082828280",
                                   "0088808880",
                                   "0008008282",
                                   "0008008880")


def test_walls_of_one_colour_and_lone_pixels_only():
    with pytest.raises(DSLError):
        wall_impacts(g("000", "222", "000"))
    with pytest.raises(DSLError):
        wall_impacts(g("030", "222", "000", "111"))
    with pytest.raises(DSLError):
        wall_impacts(g("330", "000", "222"))


def test_rays_jog_away_from_the_markers_edge():
    grid = g("8000",
             "0000",
             "2000",
             "0000")
    # A ray down from the top, pushed right at the marker's row (the marker is on the left edge).
    assert pushed_rays(grid, 8) == g("8000",
                                     "8000",
                                     "2800",
                                     "0800")
    # A ray right from the left edge, pushed up at the marker's column (the marker is on the bottom edge).
    assert pushed_rays(g("0000", "8000", "0020"), 8) == g("0088", "8800", "0020")


def test_pushed_rays_need_perpendicular_edges():
    with pytest.raises(DSLError):
        pushed_rays(g("8000", "0000", "0002"), 8)
    with pytest.raises(DSLError):
        pushed_rays(g("0000", "0800", "2000"), 8)
