"""Output-size prediction: the simplest rule that gives every demo output's shape from its input.

The predicted shape gates the search: pieces for stacking must have it, and size-bound transforms (embed,
tile, scale to the output) take it as an argument. Rules, tried simplest first:

1. the input's shape;
2. one constant shape;
3. per dimension ``out = in * a // b`` (``a, b`` in 1..5), on the input or on its transpose;
4. the shape of a cheap transform's result (cropping to content, cutting into panels, ...), the "seeds".

Each rule is a :class:`~agents.search.recipe.Recipe` on the input grid, so the emitted program computes the
shape the same way on the test input.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional, Sequence

from agents.search.recipe import Recipe, Step, X, const_for, int_steps

__all__ = ["SizeRule", "predict_size"]

_FACTORS = [(a, b) for total in range(2, 11) for a in range(1, 6) for b in range(1, 6) if a + b == total]


@dataclass(frozen=True)
class SizeRule:
    """A shape rule and the shapes it gives for the demo inputs and the test inputs."""

    name: str
    recipe: Recipe
    demo_shapes: tuple
    test_shapes: tuple


def _shape(g: Any) -> tuple[int, int]:
    return (len(g), len(g[0]))


def _const_recipe(h: int, w: int) -> Recipe:
    steps_h, arg_h = int_steps(h, 0)
    steps_w, arg_w = int_steps(w, len(steps_h))
    return Recipe(steps_h + steps_w + [Step("vec", (arg_h, arg_w))])


def _affine_recipe(a: tuple[int, int], b: tuple[int, int], transpose: bool) -> Recipe:
    steps = [Step("dmirror", (X,)), Step("shape", (0,))] if transpose else [Step("shape", (X,))]
    cur = len(steps) - 1
    if a != (1, 1):
        steps += [Step("vec", (const_for(a[0]), const_for(a[1]))), Step("multiply", (cur, len(steps)))]
        cur = len(steps) - 1
    if b != (1, 1):
        steps += [Step("vec", (const_for(b[0]), const_for(b[1]))), Step("divide", (cur, len(steps)))]
    return Recipe(steps)


def _apply(recipe: Recipe, grids: Sequence[Any]) -> Optional[tuple]:
    try:
        shapes = tuple(recipe.run(g, g) for g in grids)
    except Exception:
        return None
    for s in shapes:
        if type(s) is not tuple or len(s) != 2 or not (1 <= s[0] <= 30 and 1 <= s[1] <= 30):
            return None
    return shapes


def predict_size(demo_inputs: Sequence[Any], demo_outputs: Sequence[Any], test_inputs: Sequence[Any],
                 seeds: Sequence[tuple[str, Recipe]] = ()) -> Optional[SizeRule]:
    """The first rule (simplest first) that reproduces every demo output's shape, or None."""
    want = tuple(_shape(g) for g in demo_outputs)
    ins = tuple(_shape(g) for g in demo_inputs)
    tests = tuple(_shape(g) for g in test_inputs)

    def rule(name: str, recipe: Recipe) -> Optional[SizeRule]:
        demo = _apply(recipe, demo_inputs)
        if demo != want:
            return None
        test = _apply(recipe, test_inputs)
        return None if test is None else SizeRule(name, recipe, demo, test)

    if ins == want:
        return SizeRule("input", Recipe([Step("shape", (X,))]), want, tests)
    if len(set(want)) == 1:
        return rule("constant", _const_recipe(*want[0]))
    for transpose in (False, True):
        src = [(w, h) for h, w in ins] if transpose else list(ins)
        for (ah, bh) in [(1, 1)] + _FACTORS:
            if not all(h * ah // bh == o[0] for (h, _), o in zip(src, want)):
                continue
            for (aw, bw) in [(1, 1)] + _FACTORS:
                if all(w * aw // bw == o[1] for (_, w), o in zip(src, want)):
                    found = rule(f"affine{'-T' if transpose else ''}", _affine_recipe((ah, aw), (bh, bw), transpose))
                    if found is not None:
                        return found
    for name, seed in seeds:
        found = rule(f"seed:{name}", Recipe(list(seed.steps) + [Step("shape", (len(seed.steps) - 1,))]))
        if found is not None:
            return found
    return None
