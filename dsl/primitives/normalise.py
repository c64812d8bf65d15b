"""Colour normalisation: a per-grid colour permutation computed from the grid alone, and its inverse.

Different demos of a task often play the same roles with different colours. Renaming each input's colours by
rank (most cells first) gives same-role colours the same name across demos, so one program can treat them
alike; its result is renamed back with the inverse permutation of the same input. Colours listed as
``fixed`` (0, and colours whose identity matters to the task) keep their names.
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, Grid


def colour_permutation(grid: Grid, fixed: tuple) -> dict[int, int]:
    """A permutation of the free (non-fixed) colours: present ones by descending count (ties: smaller colour),
    then absent ones in order, onto the free colours in ascending order."""
    for c in fixed:
        if type(c) is not int or not 0 <= c <= 9:
            raise DSLError("domain", f"{c!r} is not a colour")
    charge(len(grid) * len(grid[0]))
    counts = [0] * 10
    for row in grid:
        for v in row:
            counts[v] += 1
    keep = set(fixed)
    slots = [c for c in range(10) if c not in keep]
    order = sorted(slots, key=lambda c: (counts[c] == 0, -counts[c], c))
    return dict(zip(order, slots))


def recolour_by(grid: Grid, mapping: dict[int, int]) -> Grid:
    if all(a == b for a, b in mapping.items()):
        return grid
    table = list(range(10))
    for a, b in mapping.items():
        table[a] = b
    return tuple(tuple(table[v] for v in row) for row in grid)


@primitive("Grid, Tup[Int] -> Grid")
def normalise_colours(grid: Grid, fixed: tuple) -> Grid:
    """Rename the non-fixed colours by rank: most cells first onto the smallest free colour (ties: smaller colour)."""
    return recolour_by(grid, colour_permutation(grid, fixed))


@primitive("Grid, Grid, Tup[Int] -> Grid")
def denormalise_colours(result: Grid, source: Grid, fixed: tuple) -> Grid:
    """Undo normalise_colours of the source grid on a result: normalised colours get their source colours back."""
    charge(len(result) * len(result[0]))
    return recolour_by(result, {b: a for a, b in colour_permutation(source, fixed).items()})
