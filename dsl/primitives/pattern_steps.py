"""A periodic pattern continued over the colour that hides part of it, then advanced one cell: the pattern's next
step. Charges about one unit per cell and colour tried (:func:`dsl.budget.charge`).
"""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.structure import continue_pattern
from dsl.registry import primitive
from dsl.values import DSLError, Grid, Vec

_SIDES = ((-1, 0), (0, -1), (0, 1), (1, 0))


@primitive("Grid, Vec -> Grid")
def advance_pattern(grid: Grid, direction: Vec) -> Grid:
    """The one non-zero colour whose cells a periodic pattern of the other cells can repaint (the pattern must then cover the grid and repeat at least twice across and down) is repainted; the whole pattern then moves one cell in the side direction, the cells it leaves continued by its period."""
    if direction not in _SIDES:
        raise DSLError("domain", "advance_pattern needs a side direction")
    h, w = len(grid), len(grid[0])
    colours = sorted({v for row in grid for v in row})
    if len(colours) < 3:
        raise DSLError("domain", "needs a pattern of two colours or more and a hiding colour")
    # The hiding colour is never 0 (0 cells are ink of the pattern, not a cover).
    found = []
    for c in colours[1:] if colours[0] == 0 else colours:
        charge(h * w)
        full = continue_pattern(grid, c)
        if full != grid and not any(c in row for row in full) and _small_periods(full):
            found.append((c, full))
    if len(found) != 1:
        raise DSLError("domain", "no single hiding colour")
    hidden, full = found[0]
    di, dj = direction
    # Moving one cell is reading the continued pattern one cell back; the cells uncovered at the edge take the
    # hiding colour (absent from the pattern) and are continued by the period.
    moved = tuple(tuple(full[i - di][j - dj] if 0 <= i - di < h and 0 <= j - dj < w else hidden
                        for j in range(w)) for i in range(h))
    out = continue_pattern(moved, hidden)
    if any(hidden in row for row in out):
        raise DSLError("domain", "the moved pattern does not continue")
    return out


def _small_periods(grid: Grid) -> bool:
    """Whether the grid repeats with a row period of at most half its height and a column period of at most half
    its width."""
    h, w = len(grid), len(grid[0])
    rows = any(all(grid[i] == grid[i + p] for i in range(h - p)) for p in range(1, h // 2 + 1))
    cols = any(all(row[j] == row[j + q] for row in grid for j in range(w - q)) for q in range(1, w // 2 + 1))
    return rows and cols
