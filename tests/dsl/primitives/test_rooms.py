import pytest

from dsl.primitives.rooms import fill_rooms, fill_rooms_by_parity
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered():
    assert PRIMITIVES["fill_rooms"].signature == "Grid, Int -> Grid"
    assert PRIMITIVES["fill_rooms_by_parity"].signature == "Grid, Int, Int -> Grid"


def test_fills_boxes_but_not_the_space_beside_a_passing_line():
    # The box on the left has a pipe entering its side; the 0s above the long line are not a room (the line runs
    # past their corner), nor is the open background.
    grid = g("000000050",
             "555550050",
             "500050050",
             "500055550",
             "555550000")
    assert fill_rooms(grid, 4) == g("000000050",
                                    "555550050",
                                    "544450050",
                                    "544455550",
                                    "555550000")


def test_the_grid_edge_is_a_wall():
    assert fill_rooms(g("0055", "0050", "0055"), 3) == g("0055", "0053", "0055")


def test_parity_of_the_room_size():
    grid = g("11110000", "10010111", "10010101", "11110111")
    assert fill_rooms_by_parity(grid, 2, 7) == g("11110000", "12210111", "12210171", "11110111")


def test_needs_a_room():
    with pytest.raises(DSLError):
        fill_rooms(g("000", "010", "000"), 2)
