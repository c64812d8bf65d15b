"""Recipes: a few DSL calls that both run on a value and print as program lines, from one definition.

A search transform is "a DSL primitive with its other arguments bound". Writing its Python evaluation and
its program text separately would let the two drift apart, so both come from one :class:`Recipe`: a short
list of calls whose arguments are the value being transformed (``X``), the task input (``I``), the
example's predicted output shape (``S``), named constants, primitives used as function values, or an
earlier step. :meth:`Recipe.run` evaluates it with the registered primitive functions (the very functions
the interpreter calls), and :meth:`ProgramBuilder.apply` writes the same calls as program lines, so an
emitted program reproduces what the search computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional, Sequence, Union

from dsl.registry import CONSTANTS, PRIMITIVES

__all__ = ["I", "S", "X", "Const", "Fn", "ProgramBuilder", "Recipe", "Step", "chain_text", "const_for", "int_steps"]


class _Slot:
    """A placeholder argument: the transformed value, the task input or the predicted output shape."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


X = _Slot("X")
I = _Slot("I")
S = _Slot("S")


@dataclass(frozen=True)
class Const:
    """A named DSL constant used as an argument."""

    name: str

    @property
    def value(self) -> Any:
        return CONSTANTS[self.name].value


@dataclass(frozen=True)
class Fn:
    """A primitive passed as a function value."""

    name: str


@dataclass(frozen=True)
class Step:
    """One call of a recipe; an ``int`` argument refers to the result of an earlier step."""

    callee: str
    args: tuple


Arg = Union[_Slot, Const, Fn, int]

_INT_NAMES = {CONSTANTS[n].value: n for n in CONSTANTS if type(CONSTANTS[n].value) is int and n not in ("T", "F")}


def const_for(n: int) -> Optional[Const]:
    """The named constant for a small integer, if there is one."""
    name = _INT_NAMES.get(n)
    return None if name is None else Const(name)


def int_steps(n: int, first: int = 0) -> tuple[list[Step], Arg]:
    """Steps computing the integer ``n`` (none if it has a name) and the argument that refers to it.

    ``first`` is the index the first new step will have in the recipe being built."""
    c = const_for(n)
    if c is not None:
        return [], c
    if 10 < n <= 20:
        return [Step("add", (Const("TEN"), const_for(n - 10)))], first
    if 20 < n <= 30:
        return [Step("add", (Const("TEN"), Const("TEN"))), Step("add", (first, const_for(n - 20)))], first + 1
    raise ValueError(f"no recipe for the integer {n}")


_MISSING = object()
_FAILED = object()


class Recipe:
    """A short chain of DSL calls applied to one value; the last step's result is the recipe's result."""

    __slots__ = ("steps", "uses_context", "uses_shape", "_fns", "_fast", "_plans", "_shared")

    def __init__(self, steps: Sequence[Step]) -> None:
        self.steps = tuple(steps)
        for st in self.steps:
            if st.callee not in PRIMITIVES:
                raise KeyError(f"unknown primitive {st.callee!r}")
        self.uses_shape = any(a is S for st in self.steps for a in st.args)
        self.uses_context = self.uses_shape or any(a is I for st in self.steps for a in st.args)
        self._fns = tuple(PRIMITIVES[st.callee].fn for st in self.steps)
        # Resolved argument plans: (kind, payload) with kind 0 = X, 1 = I, 2 = S, 3 = literal, 4 = step result.
        plans = []
        for st in self.steps:
            plan = []
            for a in st.args:
                if a is X:
                    plan.append((0, None))
                elif a is I:
                    plan.append((1, None))
                elif a is S:
                    plan.append((2, None))
                elif isinstance(a, Const):
                    plan.append((3, a.value))
                elif isinstance(a, Fn):
                    plan.append((3, PRIMITIVES[a.name].fn))
                else:
                    plan.append((4, a))
            plans.append(tuple(plan))
        # The common case, one call on X with literal arguments, runs without the interpretive loop.
        self._fast = None
        if len(plans) == 1 and plans[0] and plans[0][0][0] == 0 and all(k == 3 for k, _ in plans[0][1:]):
            self._fast = (self._fns[0], tuple(p for _, p in plans[0][1:]))
        self._plans = tuple(plans) if self._fast is None else ()
        # Steps that read only X and literals (e.g. ``objects(X, T, F, T)``) are shared between recipes
        # through a cache keyed by the step and the identity of X (see :meth:`run`).
        self._shared = tuple(
            (st.callee, tuple(p for _, p in plan)) if all(k in (0, 3) for k, _ in plan) and len(self.steps) > 1
            else None
            for st, plan in zip(self.steps, plans))

    def run(self, x: Any, inp: Any = None, shape: Any = None, cache: Optional[dict] = None) -> Any:
        """Evaluate on value ``x`` of an example whose input grid is ``inp`` and predicted shape ``shape``.

        ``cache`` (optional) shares the results of X-only steps between recipes; its keys use ``id(x)``, so
        the caller must keep every ``x`` alive as long as the cache (the state graph interns its values)."""
        if self._fast is not None:
            fn, rest = self._fast
            return fn(x, *rest)
        results: list[Any] = []
        for fn, plan, shared in zip(self._fns, self._plans, self._shared):
            if cache is not None and shared is not None:
                key = (shared, id(x))
                hit = cache.get(key, _MISSING)
                if hit is not _MISSING:
                    if hit is _FAILED:
                        raise ValueError("shared step failed")
                    results.append(hit)
                    continue
                try:
                    value = fn(*[x if kind == 0 else payload for kind, payload in plan])
                except Exception:
                    cache[key] = _FAILED
                    raise
                cache[key] = value
                results.append(value)
                continue
            args = []
            for kind, payload in plan:
                if kind == 0:
                    args.append(x)
                elif kind == 1:
                    args.append(inp)
                elif kind == 2:
                    if shape is None:
                        raise ValueError("no predicted output shape")
                    args.append(shape)
                elif kind == 3:
                    args.append(payload)
                else:
                    args.append(results[payload])
            results.append(fn(*args))
        return results[-1]

    def then(self, after: "Recipe") -> "Recipe":
        """The recipe that runs ``after`` on this recipe's result (its ``X`` is this one's last step)."""
        off = len(self.steps)
        moved = [Step(st.callee, tuple(off - 1 if a is X else a + off if isinstance(a, int) else a for a in st.args))
                 for st in after.steps]
        return Recipe(list(self.steps) + moved)

    def __repr__(self) -> str:
        return "; ".join(f"{st.callee}({', '.join(map(_arg_text, st.args))})" for st in self.steps)


def _arg_text(a: Arg) -> str:
    if isinstance(a, (Const, Fn)):
        return a.name
    if isinstance(a, int):
        return f"#{a}"
    return a.name


class ProgramBuilder:
    """Writes recipes as straight-line program lines, sharing identical calls (common sub-expressions)."""

    def __init__(self, shape_recipe: Optional[Recipe] = None, input_var: str = "I") -> None:
        self.input_var = input_var  # what the recipes' ``I`` slot (and the shape rule) read: I or a view of it
        self.lines: list[tuple[str, str, tuple[str, ...]]] = []
        self._memo: dict[tuple[str, tuple[str, ...]], str] = {}
        self._shape_recipe = shape_recipe
        self._shape_var: Optional[str] = None

    def call(self, callee: str, *args: str) -> str:
        """Emit ``x_k = callee(args)`` (or reuse an identical earlier line); returns the variable."""
        key = (callee, tuple(args))
        var = self._memo.get(key)
        if var is None:
            var = f"x{len(self.lines) + 1}"
            self.lines.append((var, callee, tuple(args)))
            self._memo[key] = var
        return var

    def shape(self) -> str:
        """The variable holding the predicted output shape (emitted once, on first use)."""
        if self._shape_var is None:
            if self._shape_recipe is None:
                raise ValueError("this program needs a predicted output shape but none was given")
            self._shape_var = self.apply(self._shape_recipe, self.input_var)
        return self._shape_var

    def apply(self, recipe: Recipe, x: str) -> str:
        """Emit the recipe's calls on variable ``x``; returns the variable of the result."""
        out: list[str] = []
        for st in recipe.steps:
            args = []
            for a in st.args:
                if a is X:
                    args.append(x)
                elif a is I:
                    args.append(self.input_var)
                elif a is S:
                    args.append(self.shape())
                elif isinstance(a, (Const, Fn)):
                    args.append(a.name)
                else:
                    args.append(out[a])
            out.append(self.call(st.callee, *args))
        return out[-1]

    def text(self, result: str) -> str:
        """The program text whose output ``O`` is ``result`` (an identity line if ``result`` is ``I``)."""
        lines = list(self.lines)
        if result == "I":
            lines.append(("O", "identity", ("I",)))
        else:
            # Rename the result's line to O; it must be the last line, so later lines computing nothing
            # needed are dropped by reordering: the result line is moved to the end.
            k = next(i for i, ln in enumerate(lines) if ln[0] == result)
            var, callee, args = lines.pop(k)
            if any(result in ln[2] for ln in lines):
                lines.insert(k, (var, callee, args))
                lines.append(("O", "identity", (result,)))
            else:
                lines.append(("O", callee, args))
        return "\n".join(f"{v} = {c}({', '.join(a)})" for v, c, a in lines)


def chain_text(recipes: Sequence[Recipe]) -> str:
    """The program of recipes applied one after another to the input ``I`` (none may read a context)."""
    b = ProgramBuilder(None)
    var = b.input_var
    for r in recipes:
        var = b.apply(r, var)
    return b.text(var)
