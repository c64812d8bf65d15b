"""The primitive and constant registries.

A primitive is a small pure function registered with its type signature::

    @primitive("Grid -> Grid")
    def rot90(grid: Grid) -> Grid:
        \"\"\"Rotate a grid a quarter turn clockwise.\"\"\"
        ...

The registry is the single source of truth for the grammar, the vocabulary, the type checker, the
interpreter and mutation. Importing :mod:`dsl.primitives` fills it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from dsl.types import Type, format_type, parse_type, type_vars


@dataclass(frozen=True)
class Primitive:
    """A registered DSL function: its name, implementation, signature and one-line docstring."""

    name: str
    fn: Callable[..., Any]
    params: tuple
    ret: Type
    doc: str
    category: str

    @property
    def arity(self) -> int:
        """Number of parameters."""
        return len(self.params)

    @property
    def type(self) -> Type:
        """The primitive's type as a function value."""
        return ("Fn", self.params, self.ret)

    @property
    def signature(self) -> str:
        """The signature in text syntax, e.g. ``Grid, Int -> Grid``."""
        return ", ".join(format_type(p) for p in self.params) + " -> " + format_type(self.ret)


@dataclass(frozen=True)
class Constant:
    """A named constant value of a fixed type."""

    name: str
    value: Any
    type: Type


PRIMITIVES: dict[str, Primitive] = {}
CONSTANTS: dict[str, Constant] = {}


def primitive(signature: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the decorated function as a primitive with ``signature`` (``"A, B -> C"``)."""
    fn_type = parse_type(f"Fn[{signature}]")
    params, ret = fn_type[1], fn_type[2]

    def register(f: Callable[..., Any]) -> Callable[..., Any]:
        name = f.__name__
        if name in PRIMITIVES or name in CONSTANTS:
            raise ValueError(f"primitive {name!r} registered twice")
        doc = (f.__doc__ or "").strip()
        if not doc or "\n" in doc:
            raise ValueError(f"primitive {name!r} needs a one-line docstring")
        if f.__code__.co_argcount != len(params):
            raise ValueError(f"primitive {name!r}: signature has {len(params)} params, function has "
                             f"{f.__code__.co_argcount}")
        free = type_vars(ret) - set().union(*(type_vars(p) for p in params)) if params else type_vars(ret)
        if free:
            raise ValueError(f"primitive {name!r}: return type variables {free} not fixed by parameters")
        category = f.__module__.rsplit(".", 1)[-1]
        PRIMITIVES[name] = Primitive(name, f, params, ret, doc, category)
        return f

    return register


def constant(name: str, value: Any, type_text: str) -> None:
    """Register a named constant."""
    if name in PRIMITIVES or name in CONSTANTS:
        raise ValueError(f"constant {name!r} registered twice")
    CONSTANTS[name] = Constant(name, value, parse_type(type_text))
