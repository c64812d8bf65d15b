"""Output-size prediction: the simplest rule that gives every demo output's shape from its input.

The predicted shape gates the search: pieces for stacking must have it, and size-bound transforms (embed,
tile, scale to the output) take it as an argument. Rules, tried simplest first:

1. the input's shape;
2. one constant shape;
3. per dimension, from the input's shape (or its transpose): ``out = v * m`` or ``v // m`` (``m`` in 1..5), else
   ``out = v * m + o`` (``m`` in 1..5, ``o`` in -3..3), else a constant;
4. the exact shape of a cheap transform's result (cropping to content, cutting into panels and picking one,
   ...), the "seeds", in the order given; then a seed's shape scaled by a whole factor;
5. as 3 with each dimension from either of the input's (a one-row input giving a square, say);
6. as 3, from the grid's periods or a count ``(n, n)`` instead of the shape: colours, ink cells, objects,
   empty cells;
7. as 3, ``out = v * a // b`` with other fractions ``a / b`` (2/3, 3/2, ...).

Each rule is a :class:`~agents.search.recipe.Recipe` on the input grid, so the emitted program computes the
shape the same way on the test input.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Optional, Sequence

from agents.search.recipe import Const, Fn, Recipe, Step, X, const_for, int_steps

__all__ = ["SizeRule", "predict_size"]

# Per-dimension rules (a, b, o): out = v * a // b + o, simplest first: identity, whole multiples and divisions,
# small offsets, multiples with an offset. Other fractions fit small demos by chance (5 -> 2, 7 -> 2 is 2/5),
# so they come last of all rules.
_OFFSETS = (1, -1, 2, -2, 3, -3)
_DIM_RULES = ([(1, 1, 0)] + [(m, 1, 0) for m in range(2, 6)] + [(1, b, 0) for b in range(2, 6)]
              + [(1, 1, o) for o in _OFFSETS] + [(m, 1, o) for o in _OFFSETS for m in range(2, 6)])
_SCALINGS = _DIM_RULES[:9]  # no offsets: for the counts that fit small demos by chance with one
_FRACTIONS = [(a, b, 0) for total in range(5, 11) for a in range(2, 6) for b in range(2, 6)
              if a + b == total and a != b]
_SCALES = range(2, 6)  # whole factors of a seed's shape


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
_OBJECTS = [Step("objects", (X, Const("T"), Const("F"), Const("T"))), Step("count", (0,))]
_SHAPE: list[Step] = [Step("shape", (X,))]
_SHAPE_T: list[Step] = [Step("dmirror", (X,)), Step("shape", (0,))]
_COUNTS: list[tuple[str, list[Step], Sequence[tuple[int, int, int]]]] = [
    ("period", [Step("vperiod", (X,)), Step("hperiod", (X,)), Step("vec", (0, 1))], _SCALINGS),
    ("count:colours", [Step("numcolors", (X,)), Step("vec", (0, 0))], _DIM_RULES),
    ("count:ink", [Step("ink", (X,)), Step("vec", (0, 0))], _DIM_RULES),
    ("count:objects", _OBJECTS + [Step("vec", (1, 1))], _DIM_RULES),
    ("count:empty", [Step("colorcount", (X, Const("ZERO"))), Step("vec", (0, 0))], _SCALINGS),
    # (colours down the first column, colours along the first row): one cell per stripe
    ("count:stripes", [Step("width", (X,)), Step("vec", (Const("ONE"), 0)), Step("crop", (X, Const("ORIGIN"), 1)),
                       Step("numcolors", (2,)), Step("height", (X,)), Step("vec", (4, Const("ONE"))),
                       Step("crop", (X, Const("ORIGIN"), 5)), Step("numcolors", (6,)), Step("vec", (7, 3))],
     _SCALINGS),
    # (the size of the largest objects, how many there are)
    ("count:largest", _OBJECTS[:1] + [Step("valmax", (0, Fn("size"))), Step("sizefilter", (0, 1)),
                                      Step("count", (2,)), Step("vec", (1, 3))], _SCALINGS),
]
_MARGINS = (0, 1, -1, 2, -2)  # rows or columns added on each side of a seed's shape, in total


# A dimension's rule: a constant, or (source dimension of the base vector, (a, b, o)).
DimRule = Any


def _dim_rule(values: Sequence[int], want: Sequence[int],
              rules: Sequence[tuple[int, int, int]] = _DIM_RULES) -> Optional[tuple[int, int, int]]:
    """The first ``(a, b, o)`` of ``rules`` with ``v * a // b + o == w`` for every pair, or None."""
    for a, b, o in rules:
        if all(v * a // b + o == w for v, w in zip(values, want)):
            return a, b, o
    return None


def _dim_steps(steps: list[Step], source: int, rule: tuple[int, int, int], base: int) -> int:
    """Append steps computing one dimension from the base vector (step ``base``); returns its step index."""
    a, b, o = rule
    steps.append(Step(("row_of", "col_of")[source], (base,)))
    for callee, k in (("multiply", a if a != 1 else None), ("divide", b if b != 1 else None),
                      ("add", o if o > 0 else None), ("subtract", -o if o < 0 else None)):
        if k is not None:
            steps.append(Step(callee, (len(steps) - 1, const_for(k))))
    return len(steps) - 1


def _base_recipe(base: list[Step], rules: Sequence[DimRule]) -> Recipe:
    """The recipe giving the shape from a base vector and one rule per dimension."""
    if list(rules) == [(0, (1, 1, 0)), (1, (1, 1, 0))]:
        return Recipe(base)
    steps = list(base)
    vec_at = len(steps) - 1
    args = []
    for r in rules:
        if isinstance(r, int):
            more, arg = int_steps(r, len(steps))
            steps += more
            args.append(arg)
        else:
            args.append(_dim_steps(steps, r[0], r[1], vec_at))
    return Recipe(steps + [Step("vec", tuple(args))])


def _apply(recipe: Recipe, grids: Sequence[Any], cache: Optional[dict] = None) -> Optional[tuple]:
    try:
        shapes = tuple(recipe.run(g, g, cache=cache) for g in grids)
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


def _scale(shapes: Sequence[tuple[int, int]], want: Sequence[tuple[int, int]]) -> Optional[int]:
    """The whole factor (in ``_SCALES``) that takes every shape to the wanted one, or None."""
    h, w = shapes[0]
    k = want[0][0] // h
    if k in _SCALES and all((a * k, b * k) == c for (a, b), c in zip(shapes, want)):
        return k
    return None


def predict_size(demo_inputs: Sequence[Any], demo_outputs: Sequence[Any], test_inputs: Sequence[Any],
                 seeds: Iterable[tuple[str, Recipe]] = ()) -> Optional[SizeRule]:
    """The first rule (simplest first) that reproduces every demo output's shape, or None."""
    want = tuple(_shape(g) for g in demo_outputs)
    ins = tuple(_shape(g) for g in demo_inputs)
    tests = tuple(_shape(g) for g in test_inputs)
    cache: dict = {}  # X-only steps shared between seeds (keyed by the identity of the grids, kept alive here)

    def rule(name: str, recipe: Recipe, demo: Optional[tuple] = None) -> Optional[SizeRule]:
        demo = _apply(recipe, demo_inputs, cache) if demo is None else demo
        if demo != want:
            return None
        test = _apply(recipe, test_inputs, cache)
        return None if test is None else SizeRule(name, recipe, demo, test)

    if ins == want:
        return SizeRule("input", Recipe(_SHAPE), want, tests)
    if len(set(want)) == 1:
        found = rule("constant", _const_recipe(*want[0]))
        if found is not None:
            return found
    found = (_from_base("affine", _SHAPE, rule, demo_inputs, want)
             or _from_base("affine-T", _SHAPE_T, rule, demo_inputs, want))
    if found is not None:
        return found
    shaped: list[tuple[str, Recipe, tuple]] = []  # the seeds that run on every demo, with their shapes
    for name, seed in seeds:
        recipe = Recipe(list(seed.steps) + [Step("shape", (len(seed.steps) - 1,))])
        demo = _apply(recipe, demo_inputs, cache)
        if demo is None:
            continue
        found = rule(f"seed:{name}", recipe, demo)
        if found is not None:
            return found
        shaped.append((name, recipe, demo))
    for name, recipe, demo in shaped:
        k = _scale(demo, want)
        if k is not None:
            steps = list(recipe.steps)
            steps.append(Step("scale", (len(steps) - 1, const_for(k))))
            found = rule(f"seed:{name}*{k}", Recipe(steps))
            if found is not None:
                return found
    # Each dimension from either of the input's fits small demos by chance: after the seeds.
    found = _from_base("affine-mixed", _SHAPE, rule, demo_inputs, want, mixed=True)
    if found is not None:
        return found
    for name, base, rules in _COUNTS:
        found = _from_base(name, base, rule, demo_inputs, want, rules=rules)
        if found is not None:
            return found
    # A seed with a margin (a box around an object, say): fits by chance more often, so late.
    for name, recipe, demo in shaped:
        margin = _margins(demo, want)
        if margin is not None:
            steps = list(recipe.steps)
            steps.append(Step("vec", tuple(const_for(m) for m in margin)))
            steps.append(Step("add", (len(steps) - 2, len(steps) - 1)))
            found = rule(f"seed:{name}+{margin}", Recipe(steps))
            if found is not None:
                return found
    return _from_base("affine-fraction", _SHAPE, rule, demo_inputs, want, rules=_FRACTIONS)


def _margins(shapes: Sequence[tuple[int, int]], want: Sequence[tuple[int, int]]) -> Optional[tuple[int, int]]:
    """The rows and columns (each in ``_MARGINS``) that every shape lacks from the wanted one, or None."""
    dh, dw = want[0][0] - shapes[0][0], want[0][1] - shapes[0][1]
    if dh in _MARGINS and dw in _MARGINS and all((a + dh, b + dw) == c for (a, b), c in zip(shapes, want)):
        return dh, dw
    return None


def _from_base(name: str, base: list[Step], rule: Callable[[str, Recipe], Optional[SizeRule]],
               demo_inputs: Sequence[Any], want: tuple, mixed: bool = False,
               rules: Sequence[tuple[int, int, int]] = _DIM_RULES) -> Optional[SizeRule]:
    """A rule per dimension on the base vector (from the same component, or with ``mixed`` from either one; else
    a constant) that holds on the demos and tests, or None. Mixed rules read some other component."""
    values = _values(base, demo_inputs)
    if values is None:
        return None
    picked: list[DimRule] = []
    for d in (0, 1):
        wanted = [w[d] for w in want]
        r: DimRule = None
        for source in ((d, 1 - d) if mixed else (d,)):
            found = _dim_rule([v[source] for v in values], wanted, rules)
            if found is not None:
                r = (source, found)
                break
        if r is None and len(set(wanted)) == 1:
            r = wanted[0]  # a constant dimension
        picked.append(r)
    if any(r is None for r in picked) or all(isinstance(r, int) for r in picked):
        return None
    if mixed and not any(isinstance(r, tuple) and r[0] != d for d, r in enumerate(picked)):
        return None  # the plain rule, tried already
    return rule(name, _base_recipe(base, picked))
