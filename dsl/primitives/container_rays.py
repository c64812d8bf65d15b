"""Diagonal rays out of a container's corners (the ends of its outermost rows and columns): on a grid of two ink
colours, the colour with the larger bounding box is the container and the other its contents. Charges the run's
budget about one unit per cell (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import colour_bounds
from dsl.registry import primitive
from dsl.values import DSLError, Grid


@primitive("Grid -> Grid")
def container_corner_rays(grid: Grid) -> Grid:
    """From both ends of the container colour's outermost rows and columns, a diagonal ray outwards in the other ink colour, over 0 cells up to the first ink."""
    h, w = len(grid), len(grid[0])
    charge(h * w)
    boxes = colour_bounds(grid)
    if len(boxes) != 2:
        raise DSLError("domain", "not two ink colours")
    (a, ba), (b, bb) = boxes.items()

    def area(box: tuple) -> int:
        return (box[2] - box[0] + 1) * (box[3] - box[1] + 1)

    if area(ba) == area(bb):
        raise DSLError("domain", "no larger box")
    wall, box, paint = (a, ba, b) if area(ba) > area(bb) else (b, bb, a)
    top, left, bottom, right = box
    top_row = [j for j in range(left, right + 1) if grid[top][j] == wall]
    bottom_row = [j for j in range(left, right + 1) if grid[bottom][j] == wall]
    left_col = [i for i in range(top, bottom + 1) if grid[i][left] == wall]
    right_col = [i for i in range(top, bottom + 1) if grid[i][right] == wall]
    # The two end cells of each outermost row and column of the container, each with its outward diagonal.
    starts = {(top, top_row[0], -1, -1), (top, top_row[-1], -1, 1), (bottom, bottom_row[0], 1, -1),
              (bottom, bottom_row[-1], 1, 1), (left_col[0], left, -1, -1), (left_col[-1], left, 1, -1),
              (right_col[0], right, -1, 1), (right_col[-1], right, 1, 1)}
    out = [list(row) for row in grid]
    drawn = False
    for i, j, di, dj in sorted(starts):
        i, j = i + di, j + dj
        while 0 <= i < h and 0 <= j < w and not grid[i][j]:
            out[i][j] = paint
            drawn = True
            i, j = i + di, j + dj
    if not drawn:
        raise DSLError("domain", "no ray")
    return tuple(tuple(row) for row in out)
