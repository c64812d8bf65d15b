"""Lines grown from segments: straight runs extended across the grid, and runs repeated along their line."""

from __future__ import annotations

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, Grid


def _runs(line) -> list:
    """The (start, stop, colour) runs of one non-zero colour in a line."""
    out, k, n = [], 0, len(line)
    while k < n:
        if line[k]:
            s = k
            while k < n and line[k] == line[s]:
                k += 1
            out.append((s, k, line[s]))
        else:
            k += 1
    return out


@primitive("Grid, Int -> Grid")
def extend_segments(grid: Grid, cross: int) -> Grid:
    """Extend every straight one-colour run of 2+ cells over the 0 cells of its whole row or column; crossings get ``cross``."""
    if type(cross) is not int or cross < 0 or cross > 9:
        raise DSLError("domain", f"{cross!r} is not a colour")
    h, w = len(grid), len(grid[0])
    charge(3 * h * w)
    rows = [list(r) for r in grid]
    horizontal = set()
    for i in range(h):
        for s, e, c in _runs(grid[i]):
            if e - s >= 2:
                for j in range(w):
                    if grid[i][j] == 0:
                        rows[i][j] = c
                        horizontal.add((i, j))
    cols = list(zip(*grid))
    for j in range(w):
        for s, e, c in _runs(cols[j]):
            if e - s >= 2:
                for i in range(h):
                    if grid[i][j] == 0:
                        rows[i][j] = cross if (i, j) in horizontal else c
    return tuple(tuple(r) for r in rows)


def _repeat(line: tuple) -> tuple:
    """A line whose ink is one contiguous run of 2+ cells with no 0 inside, repeated with the run's length over the line."""
    ink = [k for k, v in enumerate(line) if v]
    if len(ink) < 2 or ink[-1] - ink[0] + 1 != len(ink):
        return line
    s, p = ink[0], len(ink)
    return tuple(line[s + (k - s) % p] for k in range(len(line)))


@primitive("Grid -> Grid")
def repeat_runs(grid: Grid) -> Grid:
    """Each row and column whose ink is one unbroken run of 2+ cells gets the run repeated end to end along it."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    rows = [list(r) for r in grid]
    for i in range(h):
        rows[i] = list(_repeat(grid[i]))
    cols = list(zip(*grid))
    for j in range(w):
        line = _repeat(cols[j])
        if line != cols[j]:
            for i in range(h):
                rows[i][j] = line[i]
    return tuple(tuple(r) for r in rows)
