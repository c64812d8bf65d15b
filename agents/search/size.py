"""Output-size prediction: the simplest rule that gives every demo output's shape from its input.

The predicted shape gates the search: pieces for stacking must have it, and size-bound transforms (embed,
tile, scale to the output) take it as an argument. Rules, tried simplest first:

1. the input's shape;
2. one constant shape;
3. per dimension, from the input's shape (or its transpose): ``out = v * a // b`` (``a, b`` in 1..5), else
   ``out = v * m + o`` (``m`` in 1..5, ``o`` in -3..3), else a constant;
4. the exact shape of a cheap transform's result (cropping to content, cutting into panels and picking one,
   ...), the "seeds", in the order given;
5. as 3, from a count ``(n, n)`` instead of the shape: colours, ink cells, objects.

Each rule is a :class:`~agents.search.recipe.Recipe` on the input grid, so the emitted program computes the
shape the same way on the test input.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Optional, Sequence

from agents.search.recipe import Const, Recipe, Step, X, const_for, int_steps

__all__ = ["SizeRule", "predict_size"]

# Per-dimension rules (a, b, o): out = v * a // b + o, simplest first: identity, whole multiples and divisions,
# small offsets, other fractions, multiples with an offset.
_OFFSETS = (1, -1, 2, -2, 3, -3)
_DIM_RULES = ([(1, 1, 0)] + [(m, 1, 0) for m in range(2, 6)] + [(1, b, 0) for b in range(2, 6)]
              + [(1, 1, o) for o in _OFFSETS]
              + [(a, b, 0) for total in range(5, 11) for a in range(2, 6) for b in range(2, 6) if a + b == total and a != b]
              + [(m, 1, o) for o in _OFFSETS for m in range(2, 6)])


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


# Bases after the input's own shape: a vector computed from the input, as recipe steps ending in a Vec.
_OBJECTS = [Step("objects", (X, Const("T"), Const("F"), Const("T"))), Step("size", (0,))]
_BASES: list[tuple[str, list[Step]]] = [
    ("affine", [Step("shape", (X,))]),
    ("affine-T", [Step("dmirror", (X,)), Step("shape", (0,))]),
    ("count:colours", [Step("numcolors", (X,)), Step("vec", (0, 0))]),
    ("count:ink", [Step("ink", (X,)), Step("vec", (0, 0))]),
    ("count:objects", _OBJECTS + [Step("vec", (1, 1))]),
]


def _dim_rule(values: Sequence[int], want: Sequence[int]) -> Optional[tuple[int, int, int]]:
    """The simplest ``(a, b, o)`` with ``v * a // b + o == w`` for every pair, or None."""
    for a, b, o in _DIM_RULES:
        if all(v * a // b + o == w for v, w in zip(values, want)):
            return a, b, o
    return None


def _dim_steps(steps: list[Step], pick: str, rule: tuple[int, int, int], base: int) -> int:
    """Append steps computing one dimension from the base vector (step ``base``); returns its step index."""
    a, b, o = rule
    steps.append(Step(pick, (base,)))
    for callee, k in (("multiply", a if a != 1 else None), ("divide", b if b != 1 else None),
                      ("add", o if o > 0 else None), ("subtract", -o if o < 0 else None)):
        if k is not None:
            steps.append(Step(callee, (len(steps) - 1, const_for(k))))
    return len(steps) - 1


def _base_recipe(base: list[Step], rules: Sequence[Any]) -> Recipe:
    """The recipe giving the shape from a base vector and one rule per dimension (``(a, b, o)`` or a constant)."""
    if all(r == (1, 1, 0) for r in rules):
        return Recipe(base)
    steps = list(base)
    vec_at = len(steps) - 1
    args = []
    for pick, r in zip(("row_of", "col_of"), rules):
        if isinstance(r, int):
            more, arg = int_steps(r, len(steps))
            steps += more
            args.append(arg)
        else:
            args.append(_dim_steps(steps, pick, r, vec_at))
    return Recipe(steps + [Step("vec", tuple(args))])


def _apply(recipe: Recipe, grids: Sequence[Any]) -> Optional[tuple]:
    try:
        shapes = tuple(recipe.run(g, g) for g in grids)
    except Exception:
        return None
    for s in shapes:
        if type(s) is not tuple or len(s) != 2 or not (1 <= s[0] <= 30 and 1 <= s[1] <= 30):
            return None
    return shapes


def _values(steps: list[Step], grids: Sequence[Any]) -> Optional[list]:
    try:
        return [Recipe(steps).run(g, g) for g in grids]
    except Exception:
        return None


def predict_size(demo_inputs: Sequence[Any], demo_outputs: Sequence[Any], test_inputs: Sequence[Any],
                 seeds: Iterable[tuple[str, Recipe]] = ()) -> Optional[SizeRule]:
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
        found = rule("constant", _const_recipe(*want[0]))
        if found is not None:
            return found
    found = _from_bases(_BASES[:2], rule, demo_inputs, want)
    if found is not None:
        return found
    for name, seed in seeds:
        found = rule(f"seed:{name}", Recipe(list(seed.steps) + [Step("shape", (len(seed.steps) - 1,))]))
        if found is not None:
            return found
    return _from_bases(_BASES[2:], rule, demo_inputs, want)


def _from_bases(bases: Sequence[tuple[str, list[Step]]], rule: Callable[[str, Recipe], Optional[SizeRule]],
                demo_inputs: Sequence[Any], want: tuple) -> Optional[SizeRule]:
    """The first base with a rule per dimension (affine, else constant) that holds on the demos and tests."""
    for name, base in bases:
        values = _values(base, demo_inputs)
        if values is None:
            continue
        rules: list[Any] = []
        for d in (0, 1):
            r = _dim_rule([v[d] for v in values], [w[d] for w in want])
            if r is None and len({w[d] for w in want}) == 1:
                r = want[0][d]  # a constant dimension
            rules.append(r)
        if all(r is not None for r in rules) and not all(isinstance(r, int) for r in rules):
            found = rule(name, _base_recipe(base, rules))
            if found is not None:
                return found
    return None
