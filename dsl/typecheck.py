"""Static type checking of programs, shared with the grammar state so that both always agree."""

from __future__ import annotations

from typing import Optional, Sequence

from dsl.program import CONST, INPUT, PRIM, VAR, Program, Ref
from dsl.registry import CONSTANTS, PRIMITIVES
from dsl.types import GRID, Type, fits, format_type, instantiate, rename, resolve


class TypeCheckError(ValueError):
    """A program that is not well typed, naming the line and the argument."""

    def __init__(self, lineno: int, message: str) -> None:
        super().__init__(f"line {lineno}: {message}")
        self.lineno = lineno


_CANONICAL_CACHE: dict = {}


def canonical(t: Type) -> Type:
    """Rename the free variables of ``t`` to ``v0, v1, ...`` in order of appearance (for caching)."""
    hit = _CANONICAL_CACHE.get(t)
    if hit is None:
        if len(_CANONICAL_CACHE) > 200_000:
            _CANONICAL_CACHE.clear()
        hit = _CANONICAL_CACHE[t] = _canonical(t)
    return hit


def _canonical(t: Type) -> Type:
    names: list[str] = []

    def walk(u: Type) -> None:
        if u[0] == "Var":
            if u[1] not in names:
                names.append(u[1])
        elif u[0] == "Tup":
            walk(u[1])
        elif u[0] == "Fn":
            for p in u[1]:
                walk(p)
            walk(u[2])

    walk(t)
    if not names:
        return t
    return rename(t, {n: f"v{i}" for i, n in enumerate(names)})


def ref_type(ref: Ref, var_types: Sequence[Type]) -> Type:
    """The type of a reference given the types of the variables defined so far (``x<k>`` at ``k - 1``)."""
    if ref.kind == INPUT:
        return GRID
    if ref.kind == VAR:
        return var_types[ref.name - 1]
    if ref.kind == CONST:
        return CONSTANTS[ref.name].type
    return PRIMITIVES[ref.name].type


def bind_args(callee_type: Type, arg_types: Sequence[Type]) -> Optional[dict]:
    """Unify a prefix of arguments with a callee's parameters; the substitution, or None if they do not fit.

    ``callee_type`` must already be instantiated (see :func:`instantiate`); each argument type is renamed
    apart here so that two uses of one polymorphic value do not share variables.
    """
    subst: dict = {}
    params = callee_type[1]
    for k, actual in enumerate(arg_types):
        if not fits(instantiate(actual, f"a{k}"), params[k], subst):
            return None
    return subst


def call_type(callee_type: Type, arg_types: Sequence[Type]) -> Optional[Type]:
    """The canonical result type of calling ``callee_type`` on ``arg_types``, or None if ill-typed."""
    if callee_type[0] != "Fn" or len(callee_type[1]) != len(arg_types):
        return None
    callee = instantiate(callee_type, "c")
    subst = bind_args(callee, arg_types)
    if subst is None:
        return None
    return canonical(resolve(callee[2], subst))


def typecheck(program: Program) -> list[Type]:
    """Check a program and return the type of each line; the last must be ``Grid``."""
    var_types: list[Type] = []
    for lineno, line in enumerate(program.lines, start=1):
        for ref in (line.callee, *line.args):
            if ref.kind == VAR and not 1 <= ref.name < lineno:
                raise TypeCheckError(lineno, f"x{ref.name} is not defined before this line")
            if ref.kind == PRIM and ref.name not in PRIMITIVES or ref.kind == CONST and ref.name not in CONSTANTS:
                raise TypeCheckError(lineno, f"unknown name {ref.name!r}")
        callee_type = ref_type(line.callee, var_types)
        if callee_type[0] != "Fn":
            raise TypeCheckError(lineno, f"{line.callee.text} is not a function")
        if len(callee_type[1]) != len(line.args):
            raise TypeCheckError(lineno, f"{line.callee.text} takes {len(callee_type[1])} arguments, "
                                         f"got {len(line.args)}")
        arg_types = [ref_type(a, var_types) for a in line.args]
        callee = instantiate(callee_type, "c")
        for k in range(1, len(arg_types) + 1):
            if bind_args(callee, arg_types[:k]) is None:
                expected = format_type(canonical(resolve(callee[1][k - 1], bind_args(callee, arg_types[:k - 1]))))
                raise TypeCheckError(lineno, f"argument {k} of {line.callee.text}: {line.args[k - 1].text} has "
                                             f"type {format_type(arg_types[k - 1])}, expected {expected}")
        result = call_type(callee_type, arg_types)
        assert result is not None
        var_types.append(result)
    if var_types[-1] != GRID:
        raise TypeCheckError(len(var_types), f"the output O must be a Grid, not {format_type(var_types[-1])}")
    return var_types

