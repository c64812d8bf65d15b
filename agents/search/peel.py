"""One step of the search run backwards: last steps undone on the demo outputs (a bidirectional search).

Many ARC answers end with a step that can be undone from the output alone: a turn or flip, an upscale, a
tiling, a mirror tiling. If the output is ``last(x)``, then ``x`` (the *subgoal*) can be read off the output
(the top-left block, every k-th cell, the output turned back) and the forward search only has to reach ``x``:
a chain of depth d that ends in such a step is found when the graph reaches depth d - 1. Subgoals are hashable
targets like the outputs themselves, so checking a new state against them is one dictionary lookup.

A :class:`Peel` is kept only when its forward step, run through the same :class:`~agents.search.recipe.Recipe`
that writes the program, rebuilds every demo output from its subgoal, so a state equal to the subgoals on
every demo is a program that reproduces every demo output. Test predictions come from running the forward
step on the state's test values; test outputs are never read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional, Sequence

from agents.search.recipe import Recipe, Step, X, const_for
from agents.search.transforms import _one  # the same one-call recipe the forward transforms use
from dsl.primitives.grid import cmirror, dmirror, hmirror, rot90, rot180, rot270, vmirror

__all__ = ["Peel", "find_peels"]

Shape = tuple[int, int]


@dataclass(frozen=True)
class Peel:
    """A last step undone: its name, its forward recipe, the subgoal on every demo, and the subgoal shape of
    every test input (None where the test's output shape is not predicted)."""

    name: str
    recipe: Recipe
    subgoals: tuple
    test_shapes: tuple


@dataclass(frozen=True)
class _Backward:
    """How to undo one step: the forward recipe, the subgoal of an output (None if it cannot be), and the
    subgoal shape of an output shape (None if none)."""

    name: str
    recipe: Recipe
    undo: Callable[[tuple], Optional[tuple]]
    shape: Callable[[Shape], Optional[Shape]]


def _same(s: Shape) -> Shape:
    return s


def _swap(s: Shape) -> Shape:
    return s[1], s[0]


def _divided(rows: int, cols: int) -> Callable[[Shape], Optional[Shape]]:
    def shape(s: Shape) -> Optional[Shape]:
        h, w = s
        if h % rows or w % cols:  # (grids are never empty, so a block has a row and a column)
            return None
        return h // rows, w // cols
    return shape


def _block(rows: int, cols: int) -> Callable[[tuple], Optional[tuple]]:
    """The top-left block of an output cut into rows x cols equal blocks."""
    def undo(grid: tuple) -> Optional[tuple]:
        s = _divided(rows, cols)((len(grid), len(grid[0])))
        return None if s is None else tuple(row[: s[1]] for row in grid[: s[0]])
    return undo


def _every(rows: int, cols: int) -> Callable[[tuple], Optional[tuple]]:
    """Every rows-th row and cols-th column of an output (the grid an upscale would rebuild it from)."""
    def undo(grid: tuple) -> Optional[tuple]:
        if len(grid) % rows or len(grid[0]) % cols:
            return None
        return tuple(row[::cols] for row in grid[::rows])
    return undo


def _backwards() -> list[_Backward]:
    out = [
        _Backward("rot90", _one("rot90"), rot270, _swap),
        _Backward("rot180", _one("rot180"), rot180, _same),
        _Backward("rot270", _one("rot270"), rot90, _swap),
        _Backward("hmirror", _one("hmirror"), hmirror, _same),
        _Backward("vmirror", _one("vmirror"), vmirror, _same),
        _Backward("dmirror", _one("dmirror"), dmirror, _swap),
        _Backward("cmirror", _one("cmirror"), cmirror, _swap),
        _Backward("hconcat_self", _one("hconcat", X), _block(1, 2), _divided(1, 2)),
        _Backward("vconcat_self", _one("vconcat", X), _block(2, 1), _divided(2, 1)),
        _Backward("hconcat_mirror", Recipe([Step("vmirror", (X,)), Step("hconcat", (X, 0))]), _block(1, 2),
                  _divided(1, 2)),
        _Backward("vconcat_mirror", Recipe([Step("hmirror", (X,)), Step("vconcat", (X, 0))]), _block(2, 1),
                  _divided(2, 1)),
        _Backward("mirror_tile", _one("mirror_tile"), _block(2, 2), _divided(2, 2)),
        _Backward("rot_tile", _one("rot_tile"), _block(2, 2), _divided(2, 2)),
    ]
    for k in (2, 3, 4, 5):
        out.append(_Backward(f"upscale({k})", _one("upscale", const_for(k)), _every(k, k), _divided(k, k)))
    for k in (2, 3):
        out.append(_Backward(f"hupscale({k})", _one("hupscale", const_for(k)), _every(1, k), _divided(1, k)))
        out.append(_Backward(f"vupscale({k})", _one("vupscale", const_for(k)), _every(k, 1), _divided(k, 1)))
    for rows, cols in ((2, 2), (1, 3), (3, 1), (3, 3)):
        out.append(_Backward(f"tile({rows},{cols})", _one("tile", const_for(rows), const_for(cols)),
                             _block(rows, cols), _divided(rows, cols)))
    return out


_BACKWARDS = _backwards()


def find_peels(demo_outputs: Sequence[tuple], test_shapes: Optional[Sequence[Shape]] = None) -> list[Peel]:
    """The last steps that rebuild every demo output from a subgoal read off it, one peel per distinct
    subgoal (none equal to the outputs themselves), in the order of :data:`_BACKWARDS`."""
    seen = {tuple(demo_outputs)}
    out = []
    for back in _BACKWARDS:
        subgoals = []
        for grid in demo_outputs:
            sub = back.undo(grid)
            if sub is None or not sub or not sub[0]:
                break
            try:
                rebuilt = back.recipe.run(sub)
            except Exception:
                rebuilt = None
            if rebuilt != grid:
                break
            subgoals.append(sub)
        else:
            key = tuple(subgoals)
            if key in seen:
                continue
            if test_shapes is None:
                tests: tuple = ()
            else:
                tests = tuple(back.shape(s) for s in test_shapes)
                if any(s is None for s in tests):
                    continue  # the predicted test shape cannot come out of this step
            seen.add(key)
            out.append(Peel(back.name, back.recipe, key, tests))
    return out
