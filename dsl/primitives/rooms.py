"""Rooms: the insides of closed rectangular outlines (boxes) filled, where lines may run into a box's sides.

A room is a 4-connected region of 0 cells that is exactly a rectangle, walled on all four sides (corners
included) by ink or at most one edge of the grid, whose walls stop at its corners: a line that runs on past a corner is a
pipe passing by, not a box. Colour 0 is empty. Each primitive charges the run's budget about two units per cell
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import bounds, zero_regions
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_colour


def _rooms(grid: Grid) -> list:
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)

    def wall(i: int, j: int) -> bool:
        return not (0 <= i < h and 0 <= j < w) or grid[i][j] != 0

    def clear(i: int, j: int) -> bool:
        return not (0 <= i < h and 0 <= j < w) or grid[i][j] == 0

    out = []
    for region in zero_regions(grid):
        top, left, bottom, right = bounds(region)
        if len(region) != (bottom - top + 1) * (right - left + 1):
            continue
        # Open background cut off by the edges is no room: a room meets at most one edge.
        if (top == 0) + (left == 0) + (bottom == h - 1) + (right == w - 1) > 1:
            continue
        if not all(wall(i, j) for i in range(top - 1, bottom + 2) for j in (left - 1, right + 1)):
            continue
        if not all(wall(i, j) for i in (top - 1, bottom + 1) for j in range(left, right + 1)):
            continue
        # The cells one step past each corner, along each of its two walls.
        past = ((top - 1, left - 2), (top - 2, left - 1), (top - 1, right + 2), (top - 2, right + 1),
                (bottom + 1, left - 2), (bottom + 2, left - 1), (bottom + 1, right + 2), (bottom + 2, right + 1))
        if all(clear(i, j) for i, j in past):
            out.append(region)
    if not out:
        raise DSLError("domain", "no closed rectangular room")
    return out


def _paint(grid: Grid, rooms: list, colour_of) -> Grid:
    rows = [list(r) for r in grid]
    for room in rooms:
        c = colour_of(room)
        for i, j in room:
            rows[i][j] = c
    return tuple(tuple(r) for r in rows)


@primitive("Grid, Int -> Grid")
def fill_rooms(grid: Grid, colour: int) -> Grid:
    """Paint ``colour`` inside every closed rectangular outline (a rectangle of 0s walled by ink or edge, walls ending at its corners)."""
    check_colour(colour)
    return _paint(grid, _rooms(grid), lambda room: colour)


@primitive("Grid, Int, Int -> Grid")
def fill_rooms_by_parity(grid: Grid, even: int, odd: int) -> Grid:
    """Paint the inside of every closed rectangular outline ``even`` or ``odd`` by the parity of its cell count."""
    check_colour(even)
    check_colour(odd)
    return _paint(grid, _rooms(grid), lambda room: odd if len(room) % 2 else even)
