"""The interpreter: runs a typed program on input grids under a work, wall-clock and memory budget.

Failures never propagate: each run returns ``(output, None)`` or ``(None, error_kind)`` with a kind from
:data:`ERROR_KINDS`. Programs are compiled once (names resolved to functions and constant values) and then
run on many grids.
"""

from __future__ import annotations

from dataclasses import dataclass
from time import perf_counter
from typing import Any, Optional, Sequence, Union

from dsl import budget as _budget
from dsl.program import CONST, INPUT, PRIM, VAR, Program
from dsl.registry import CONSTANTS, PRIMITIVES
from dsl.text import ParseError, parse_program
from dsl.typecheck import TypeCheckError, typecheck
from dsl.types import BOOL, GRID, INT, VEC
from dsl.values import MAX_CONTAINER, MAX_VALUE_CELLS, DSLError, is_arc_grid, tuple_size, value_size

# Error kinds and their stable integer codes (the env's ``info["error_code"]``).
ERROR_KINDS: dict[str, int] = {
    "ok": 0,
    "illegal_token": 1,
    "parse": 2,
    "type": 3,
    "runtime": 4,
    "timeout": 5,
    "limit": 6,
    "invalid_output": 7,
    "empty": 8,
    "domain": 9,
    "truncated": 10,
}


# Line charges are passed on to the budget once they add up to this many units (or cells): the budget is
# exceeded by at most this much, deterministically.
_FLUSH = _budget.CHECK_EVERY

# How the interpreter measures a line's value, from its static type.
_GRID, _SCALAR, _MEASURE = "grid", "scalar", "measure"


def _size_kind(t: tuple) -> str:
    if t == GRID:
        return _GRID
    if t in (INT, BOOL, VEC) or t[0] == "Fn":  # a function counts 1: what it binds was counted where built
        return _SCALAR
    return _MEASURE


@dataclass(frozen=True)
class RunResult:
    """The outcome of one program on one input: an ARC grid, or the kind of failure."""

    output: Any
    error: Optional[str]

    @property
    def ok(self) -> bool:
        """True if the program produced a valid ARC grid."""
        return self.error is None


class CompiledProgram:
    """A type-checked program with names resolved, ready to run on many grids."""

    __slots__ = ("_steps", "program")

    def __init__(self, program: Program) -> None:
        types = typecheck(program)
        self.program = program
        steps = []
        for line, line_type in zip(program.lines, types):
            fn = PRIMITIVES[line.callee.name].fn if line.callee.kind == PRIM else None
            callee_var = line.callee.name if line.callee.kind == VAR else 0
            slots = []
            refs = []
            for a in line.args:
                if a.kind == INPUT:
                    slots.append((True, 0))
                    refs.append(0)
                elif a.kind == VAR:
                    slots.append((True, a.name))
                    refs.append(a.name)
                elif a.kind == CONST:
                    slots.append((False, CONSTANTS[a.name].value))
                else:
                    slots.append((False, PRIMITIVES[a.name].fn))
            # cost starts at one unit per constant argument and one for the call
            steps.append((fn, callee_var, tuple(slots), tuple(refs), len(slots) - len(refs) + 1,
                          _size_kind(line_type)))
        self._steps = tuple(steps)

    def run(self, grid: Any, *, calls: int = _budget.DEFAULT_CALLS,
            seconds: float = _budget.DEFAULT_SECONDS) -> RunResult:
        """Run on one input grid under ``calls`` work units and ``seconds`` of wall clock; never raises."""
        saved, deadline = _budget.open_run(calls, seconds)
        try:
            values: list[Any] = [grid]
            # The input is read, not held (it belongs to the caller); it is a grid unless a test says otherwise.
            sizes = [len(grid) * len(grid[0]) if type(grid) is tuple and grid and type(grid[0]) is tuple
                     else value_size(grid)]
            charge_line = _budget.charge_line
            units = cells = 0  # charged but not yet passed on to the budget
            for fn, callee_var, slots, refs, cost, kind in self._steps:
                f = fn if fn is not None else values[callee_var]
                value = f(*[values[p] if is_ref else p for is_ref, p in slots])
                if kind is _GRID:  # the static type says how to measure: grids are rectangular
                    size = len(value) * len(value[0])
                elif kind is _SCALAR:
                    size = 1
                elif type(value) is tuple:
                    if len(value) > MAX_CONTAINER:
                        raise DSLError("limit", "container too large")
                    size = tuple_size(value, MAX_VALUE_CELLS) if value else 1
                    if size > MAX_VALUE_CELLS:
                        raise DSLError("limit", f"value of more than {MAX_VALUE_CELLS} cells")
                elif type(value) is frozenset:
                    size = len(value)
                    if size > MAX_CONTAINER:
                        raise DSLError("limit", "container too large")
                else:
                    size = 1
                # A line is charged for the cells it reads and writes; every value stays held to the end.
                # Charges are passed on in batches (a call per line costs more than a small line's work).
                for p in refs:
                    cost += sizes[p]
                units += cost + size
                cells += size
                if units > _FLUSH:
                    charge_line(units, cells)
                    units = cells = 0
                values.append(value)
                sizes.append(size)
                if perf_counter() > deadline:
                    raise DSLError("timeout", "wall-clock budget exhausted")
        except DSLError as e:
            return RunResult(None, e.kind if e.kind in ERROR_KINDS else "runtime")
        except (MemoryError, RecursionError):
            return RunResult(None, "limit")
        except Exception:  # noqa: BLE001 - any failure of a primitive is a runtime error of the program
            return RunResult(None, "runtime")
        finally:
            _budget.close_run(saved)
        if not is_arc_grid(value):
            return RunResult(None, "invalid_output")
        return RunResult(value, None)

    def run_many(self, grids: Sequence[Any], **limits: Any) -> list[RunResult]:
        """Run on several input grids."""
        return [self.run(g, **limits) for g in grids]


def compile_program(program: Union[Program, str]) -> CompiledProgram:
    """Parse (if text), type-check and compile a program; raises ParseError or TypeCheckError."""
    if isinstance(program, str):
        program = parse_program(program)
    return CompiledProgram(program)


def run_program(program: Union[Program, str], grid: Any, **limits: Any) -> RunResult:
    """Run one program on one grid; parse and type errors are reported as error kinds, never raised."""
    try:
        compiled = compile_program(program)
    except ParseError:
        return RunResult(None, "parse")
    except TypeCheckError:
        return RunResult(None, "type")
    return compiled.run(grid, **limits)
