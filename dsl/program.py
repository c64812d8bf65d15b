"""Programs as data: typed straight-line code, one call per line.

A :class:`Program` is a tuple of :class:`Line`. Line ``k`` (1-based) binds ``x<k>``; the last line binds
``O``. A :class:`Ref` names what a callee or an argument refers to: the input grid ``I``, an earlier
variable, a named constant, or a primitive (as a function value or as the callee).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

INPUT = "input"
VAR = "var"
CONST = "const"
PRIM = "prim"


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference: ``Ref(INPUT)``, ``Ref(VAR, 3)`` (= ``x3``), ``Ref(CONST, "TWO")`` or ``Ref(PRIM, "rot90")``."""

    kind: str
    name: Union[str, int, None] = None

    @property
    def text(self) -> str:
        """The reference as it is written in program text and in the token vocabulary."""
        if self.kind == INPUT:
            return "I"
        if self.kind == VAR:
            return f"x{self.name}"
        return str(self.name)


I_REF = Ref(INPUT)


@dataclass(frozen=True, slots=True)
class Line:
    """One assignment: ``callee(*args)``. The callee is a primitive or a variable holding a function."""

    callee: Ref
    args: tuple


@dataclass(frozen=True, slots=True)
class Program:
    """A straight-line program; the value of the last line is the output grid."""

    lines: tuple

    def __len__(self) -> int:
        return len(self.lines)

    @property
    def primitives_used(self) -> list[str]:
        """Names of the primitives the program mentions, as callees or values, in order of appearance."""
        out = []
        for line in self.lines:
            for ref in (line.callee, *line.args):
                if ref.kind == PRIM:
                    out.append(ref.name)
        return out
