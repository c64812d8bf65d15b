"""Program text: a strict parser and a canonical printer (never Python ``eval``).

Grammar, one assignment per non-blank line (``#`` starts a comment line)::

    line   := target "=" NAME "(" [arg ("," arg)*] ")"
    target := "x" DIGITS | "O"
    arg    := "I" | "x" DIGITS | NAME          # constant or primitive

Whitespace between tokens is free; the printer writes the canonical form ``x1 = f(a, b)`` with variables
renumbered ``x1..x<n-1>`` and ``O`` for the last line, so ``print_program(parse_program(t)) == t`` for any
canonical ``t``. Names are resolved against the registry; types are checked by :mod:`dsl.typecheck`.
"""

from __future__ import annotations

import re

from dsl.program import CONST, I_REF, PRIM, VAR, Line, Program, Ref
from dsl.registry import CONSTANTS, PRIMITIVES

MAX_PROGRAM_CHARS = 100_000
MAX_LINES = 200

_LINE = re.compile(r"^\s*(x\d+|O)\s*=\s*([A-Za-z_][A-Za-z0-9_]*)\s*\((.*)\)\s*$")
_ARG = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*$")


class ParseError(ValueError):
    """Program text that does not follow the grammar, naming the line and the problem."""

    def __init__(self, lineno: int, message: str) -> None:
        super().__init__(f"line {lineno}: {message}" if lineno else message)
        self.lineno = lineno


def _resolve(name: str, env: dict[str, int], lineno: int, *, callee: bool) -> Ref:
    if name == "I":
        if callee:
            raise ParseError(lineno, "the input grid I cannot be called")
        return I_REF
    if name in env:
        return Ref(VAR, env[name])
    if name in PRIMITIVES:
        return Ref(PRIM, name)
    if name in CONSTANTS and not callee:
        return Ref(CONST, name)
    if re.fullmatch(r"x\d+", name) or name == "O":
        raise ParseError(lineno, f"variable {name} is used before it is assigned")
    raise ParseError(lineno, f"unknown name {name!r}")


def parse_program(text: str) -> Program:
    """Parse program text into a :class:`Program` (names resolved, types not yet checked)."""
    if not isinstance(text, str):
        raise ParseError(0, f"program text must be a str, not {type(text).__name__}")
    if len(text) > MAX_PROGRAM_CHARS:
        raise ParseError(0, f"program text longer than {MAX_PROGRAM_CHARS} characters")
    env: dict[str, int] = {}
    lines: list[Line] = []
    saw_output = False
    for lineno, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if saw_output:
            raise ParseError(lineno, "no line may follow the line that assigns O")
        m = _LINE.match(raw)
        if m is None:
            raise ParseError(lineno, f"expected 'x<k> = f(args)' or 'O = f(args)', got {raw.strip()!r}")
        target, callee_name, arg_text = m.groups()
        if target in env:
            raise ParseError(lineno, f"variable {target} is assigned twice")
        callee = _resolve(callee_name, env, lineno, callee=True)
        args = []
        if arg_text.strip():
            for piece in arg_text.split(","):
                am = _ARG.match(piece)
                if am is None:
                    raise ParseError(lineno, f"bad argument {piece.strip()!r}: arguments are names, not expressions")
                args.append(_resolve(am.group(1), env, lineno, callee=False))
        lines.append(Line(callee, tuple(args)))
        if len(lines) > MAX_LINES:
            raise ParseError(lineno, f"more than {MAX_LINES} lines")
        if target == "O":
            saw_output = True
        else:
            env[target] = len(lines)
    if not lines:
        raise ParseError(0, "empty program")
    if not saw_output:
        raise ParseError(0, "the last line must assign O")
    return Program(tuple(lines))


def print_program(program: Program, partial: bool = False) -> str:
    """Canonical text of a program: ``x1 = ...`` lines, then ``O = ...``, no trailing newline.

    With ``partial=True`` (a program still being written) every line is printed as ``x<k>``."""
    out = []
    n = len(program.lines) + (1 if partial else 0)
    for k, line in enumerate(program.lines, start=1):
        target = "O" if k == n else f"x{k}"
        out.append(f"{target} = {line.callee.text}(" + ", ".join(a.text for a in line.args) + ")")
    return "\n".join(out)
