"""Filling by proximity: each cell of a colour takes the colour of the nearest cell of another colour, and the
gap between two different colours in a line is split between them, each taking the half nearer to it.

Colour 0 is empty. Each primitive charges the run's budget about one unit per cell it visits
(:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, Grid, check_colour


@primitive("Grid, Int -> Grid")
def recolour_by_nearest(grid: Grid, colour: int) -> Grid:
    """Each cell of the colour recoloured with the colour of the nearest (4-step distance) cell neither 0 nor that colour, unless tied."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    if not colour or not any(colour in row for row in grid):
        return grid
    # Multi-source breadth-first search from every anchor cell; label -1 marks a tie between colours.
    label = [[-2] * w for _ in range(h)]
    frontier = []
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            if v and v != colour:
                label[i][j] = v
                frontier.append((i, j))
    if not frontier:
        return grid
    while frontier:
        reached: dict = {}
        for i, j in frontier:
            v = label[i][j]
            for y, x in ((i - 1, j), (i + 1, j), (i, j - 1), (i, j + 1)):
                if 0 <= y < h and 0 <= x < w and label[y][x] == -2:
                    old = reached.get((y, x))
                    reached[(y, x)] = v if old is None or old == v else -1
        for (y, x), v in reached.items():
            label[y][x] = v
        frontier = list(reached)
    return tuple(tuple(label[i][j] if v == colour and label[i][j] > 0 else v for j, v in enumerate(row))
                 for i, row in enumerate(grid))


def _split_line(line: list, colour: int) -> bool:
    """Split the 0 gaps between consecutive non-zero cells of different colours in place; True if any."""
    ink = [k for k, v in enumerate(line) if v]
    done = False
    for a, b in zip(ink, ink[1:]):
        if b - a < 2 or line[a] == line[b]:
            continue
        ca, cb = line[a], line[b]
        for k in range(a + 1, b):
            da, db = k - a, b - k
            line[k] = ca if da < db else cb if db < da else colour
        done = True
    return done


@primitive("Grid, Int, Bool -> Grid")
def split_gaps(grid: Grid, colour: int, vertical: bool) -> Grid:
    """The 0 cells between two consecutive cells of different colours in a row (a column with the flag): each half takes the nearer colour, a middle cell the colour."""
    check_colour(colour)
    h, w = len(grid), len(grid[0])
    charge(h * w)
    lines = [list(col) for col in zip(*grid)] if vertical else [list(row) for row in grid]
    done = False
    for line in lines:
        done |= _split_line(line, colour)
    if not done:
        raise DSLError("domain", "no gap between two colours")
    return tuple(zip(*lines)) if vertical else tuple(tuple(line) for line in lines)
