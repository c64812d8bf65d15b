"""Booleans, identity, equality and branching."""

from __future__ import annotations

from typing import Any

from dsl.registry import primitive


@primitive("A -> A")
def identity(x: Any) -> Any:
    """Return the argument unchanged."""
    return x


@primitive("Bool -> Bool")
def flip(b: bool) -> bool:
    """Logical negation."""
    return not b


@primitive("Bool, Bool -> Bool")
def both(a: bool, b: bool) -> bool:
    """Logical and."""
    return bool(a and b)


@primitive("Bool, Bool -> Bool")
def either(a: bool, b: bool) -> bool:
    """Logical or."""
    return bool(a or b)


@primitive("A, A -> Bool")
def equality(a: Any, b: Any) -> bool:
    """True if the two values are equal."""
    return a == b


@primitive("Bool, A, A -> A")
def branch(condition: bool, if_true: Any, if_false: Any) -> Any:
    """The second argument if the condition holds, else the third."""
    return if_true if condition else if_false
