"""The DSL's type terms, their text syntax, and subtype-aware unification.

Types are plain tuples so they hash and compare fast (the grammar caches masks by type):

- ``("Int",)``, ``("Bool",)``, ``("Vec",)``, ``("Grid",)``, ``("Object",)``, ``("Indices",)`` are concrete;
  ``("Patch",)`` (Object or Indices), ``("Piece",)`` (Grid or Patch) and ``("Num",)`` (Int or Vec) are unions.
- ``("Tup", T)`` is an ordered, immutable container (a Python tuple) of ``T``.
- ``("Fn", (P1, ..., Pn), R)`` is a function value.
- ``("Var", name, bound)`` is a type variable; ``bound`` is ``None`` or a base union it must stay under.

Text syntax (used in primitive signatures): ``Int``, ``Tup[Object]``, ``Fn[A, B -> Bool]``, and the type
variables ``A``-``E`` (unbounded), ``P`` (bounded by Patch), ``X`` (bounded by Piece) and ``N`` (bounded by Num).
"""

from __future__ import annotations

import re
from typing import Optional

Type = tuple

INT: Type = ("Int",)
BOOL: Type = ("Bool",)
VEC: Type = ("Vec",)
GRID: Type = ("Grid",)
OBJECT: Type = ("Object",)
INDICES: Type = ("Indices",)
PATCH: Type = ("Patch",)
PIECE: Type = ("Piece",)
NUM: Type = ("Num",)

BASE_TYPES = {t[0]: t for t in (INT, BOOL, VEC, GRID, OBJECT, INDICES, PATCH, PIECE, NUM)}

# Nominal subtyping between base types: child -> its direct parents.
_PARENTS: dict[str, tuple[str, ...]] = {
    "Object": ("Patch",),
    "Indices": ("Patch",),
    "Patch": ("Piece",),
    "Grid": ("Piece",),
    "Int": ("Num",),
    "Vec": ("Num",),
}

# Type variable names and their bounds.
VAR_BOUNDS: dict[str, Optional[Type]] = {
    "A": None, "B": None, "C": None, "D": None, "E": None,
    "P": PATCH,
    "X": PIECE,
    "N": NUM,
}


def tup(t: Type) -> Type:
    """The ordered-container type of ``t``."""
    return ("Tup", t)


def fn(params: tuple, ret: Type) -> Type:
    """The function type from ``params`` to ``ret``."""
    return ("Fn", tuple(params), ret)


def is_base_subtype(child: str, parent: str) -> bool:
    """True if base type ``child`` is ``parent`` or below it."""
    if child == parent:
        return True
    return any(is_base_subtype(p, parent) for p in _PARENTS.get(child, ()))


# ----------------------------------------------------------------------------------------------------------
# Text syntax


_TOKEN = re.compile(r"\s*(->|[A-Za-z_]+|\[|\]|,)")


def parse_type(text: str) -> Type:
    """Parse a type written in the signature syntax, e.g. ``Fn[Tup[A], A -> Bool]``."""
    tokens = [m for m in _TOKEN.findall(text)]
    if "".join(tokens) != re.sub(r"\s+", "", text):
        raise ValueError(f"bad type syntax: {text!r}")
    pos = 0

    def expect(tok: str) -> None:
        nonlocal pos
        if pos >= len(tokens) or tokens[pos] != tok:
            raise ValueError(f"expected {tok!r} at token {pos} in type {text!r}")
        pos += 1

    def one() -> Type:
        nonlocal pos
        if pos >= len(tokens):
            raise ValueError(f"unexpected end of type {text!r}")
        name = tokens[pos]
        pos += 1
        if name in BASE_TYPES:
            return BASE_TYPES[name]
        if name in VAR_BOUNDS:
            return ("Var", name, VAR_BOUNDS[name])
        if name == "Tup":
            expect("[")
            inner = one()
            expect("]")
            return ("Tup", inner)
        if name == "Fn":
            expect("[")
            params = []
            while tokens[pos] != "->":
                params.append(one())
                if tokens[pos] == ",":
                    pos += 1
            expect("->")
            ret = one()
            expect("]")
            return ("Fn", tuple(params), ret)
        raise ValueError(f"unknown type name {name!r} in {text!r}")

    result = one()
    if pos != len(tokens):
        raise ValueError(f"trailing tokens in type {text!r}")
    return result


def format_type(t: Type) -> str:
    """Inverse of :func:`parse_type` (variables print by name)."""
    kind = t[0]
    if kind == "Var":
        return t[1]
    if kind == "Tup":
        return f"Tup[{format_type(t[1])}]"
    if kind == "Fn":
        return "Fn[" + ", ".join(format_type(p) for p in t[1]) + " -> " + format_type(t[2]) + "]"
    return kind


# ----------------------------------------------------------------------------------------------------------
# Substitutions and unification with subtyping
#
# A substitution is a dict from variable name to type. Variable names are made unique per use site by
# :func:`instantiate`, so polymorphic primitives used twice in one line do not share variables.


_VARS_CACHE: dict = {}


def type_vars(t: Type) -> frozenset:
    """Names of the type variables occurring in ``t`` (memoized: types are immutable)."""
    hit = _VARS_CACHE.get(t)
    if hit is not None:
        return hit
    kind = t[0]
    if kind == "Var":
        out = frozenset((t[1],))
    elif kind == "Tup":
        out = type_vars(t[1])
    elif kind == "Fn":
        out = type_vars(t[2]).union(*(type_vars(p) for p in t[1]))
    else:
        out = frozenset()
    if len(_VARS_CACHE) > 200_000:
        _VARS_CACHE.clear()
    _VARS_CACHE[t] = out
    return out


def rename(t: Type, mapping: dict[str, str]) -> Type:
    """Rename type variables in ``t`` (keeping bounds)."""
    kind = t[0]
    if kind == "Var":
        return ("Var", mapping.get(t[1], t[1]), t[2])
    if kind == "Tup":
        return ("Tup", rename(t[1], mapping))
    if kind == "Fn":
        return ("Fn", tuple(rename(p, mapping) for p in t[1]), rename(t[2], mapping))
    return t


_INSTANCE_CACHE: dict = {}


def instantiate(t: Type, tag: str) -> Type:
    """Give every variable of ``t`` a fresh name carrying ``tag`` (e.g. the argument position)."""
    key = (t, tag)
    hit = _INSTANCE_CACHE.get(key)
    if hit is not None:
        return hit
    names = type_vars(t)
    out = rename(t, {n: f"{n.split('.')[0]}.{tag}" for n in names}) if names else t
    if len(_INSTANCE_CACHE) > 200_000:
        _INSTANCE_CACHE.clear()
    _INSTANCE_CACHE[key] = out
    return out


def resolve(t: Type, subst: dict) -> Type:
    """Apply a substitution to ``t`` until no bound variable is left."""
    kind = t[0]
    if kind == "Var":
        bound = subst.get(t[1])
        return t if bound is None else resolve(bound, subst)
    if kind == "Tup":
        return ("Tup", resolve(t[1], subst))
    if kind == "Fn":
        return ("Fn", tuple(resolve(p, subst) for p in t[1]), resolve(t[2], subst))
    return t


def _within_bound(t: Type, bound: Optional[Type]) -> bool:
    if bound is None:
        return True
    if t[0] == "Var":
        # Two bounded variables meet if one bound is inside the other.
        return t[2] is None or is_base_subtype(t[2][0], bound[0]) or is_base_subtype(bound[0], t[2][0])
    return t[0] in BASE_TYPES and is_base_subtype(t[0], bound[0])


def _occurs(name: str, t: Type, subst: dict) -> bool:
    return name in type_vars(resolve(t, subst))


def fits(actual: Type, expected: Type, subst: dict) -> bool:
    """Can a value of type ``actual`` be passed where ``expected`` is required?

    Extends ``subst`` in place with the variable bindings this needs; on ``False`` the caller must
    discard ``subst`` (use a copy). Containers are covariant, function parameters contravariant.
    """
    if actual[0] == "Var" and actual[1] in subst:
        return fits(subst[actual[1]], expected, subst)
    if expected[0] == "Var" and expected[1] in subst:
        return fits(actual, subst[expected[1]], subst)
    if expected[0] == "Var":
        if actual[0] == "Var" and actual[1] == expected[1]:
            return True
        if not _within_bound(actual, expected[2]) or _occurs(expected[1], actual, subst):
            return False
        if actual[0] == "Var" and expected[2] is not None and (
                actual[2] is None or is_base_subtype(expected[2][0], actual[2][0])):
            # Keep the tighter bound: bind the looser variable to the tighter one.
            subst[actual[1]] = expected
            return True
        subst[expected[1]] = actual
        return True
    if actual[0] == "Var":
        if not _within_bound(expected, actual[2]) or _occurs(actual[1], expected, subst):
            return False
        subst[actual[1]] = expected
        return True
    if expected[0] == "Tup":
        return actual[0] == "Tup" and fits(actual[1], expected[1], subst)
    if expected[0] == "Fn":
        if actual[0] != "Fn" or len(actual[1]) != len(expected[1]):
            return False
        for a_param, e_param in zip(actual[1], expected[1]):
            if not _fits_parameter(e_param, a_param, subst):
                return False
        return fits(actual[2], expected[2], subst)
    if actual[0] in ("Tup", "Fn"):
        return False
    return is_base_subtype(actual[0], expected[0])


_UNION_BOUNDS = {"Patch": PATCH, "Piece": PIECE, "Num": NUM}


def _fits_parameter(required: Type, offered: Type, subst: dict) -> bool:
    """Contravariant check for one parameter of a function value: can ``offered`` accept ``required``?

    A free, unbounded parameter variable meeting a union (``Patch``, ``Piece``, ``Num``) becomes a variable
    bounded by that union rather than the union itself, so ``fork(shift, identity, ulcorner)`` keeps the
    type of what it is applied to (Object in, Object out) instead of widening everything to Patch.
    """
    while required[0] == "Var" and required[1] in subst:
        required = subst[required[1]]
    if required[0] == "Var" and offered[0] in _UNION_BOUNDS:
        if required[2] is None:
            subst[required[1]] = ("Var", required[1] + "~", offered)
            return True
        if is_base_subtype(required[2][0], offered[0]):
            return True  # every type the variable may take is accepted: no need to pin it down
    return fits(required, offered, subst)


def is_concrete(t: Type) -> bool:
    """True if ``t`` has no type variables."""
    return not type_vars(t)
