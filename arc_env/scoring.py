"""Scoring a program on a task without Gym: the one scorer every env and agent uses.

Demo pairs give the reward and the realized outputs (what hindsight relabeling needs). Test pairs are run
only when ``score_test=True`` and their expected outputs are used only to compute ``test_correct``; nothing
derived from them feeds a model, an observation or an env ``info``.
"""

from __future__ import annotations

from dataclasses import dataclass
from time import perf_counter
from typing import Optional, Sequence, Union

from arc_env.tasks import Task
from dsl.budget import DEFAULT_SECONDS
from dsl.interpreter import CompiledProgram, RunResult, compile_program
from dsl.program import Program
from dsl.text import ParseError, print_program
from dsl.typecheck import TypeCheckError
from dsl.values import Grid

REWARD_MODES = ("demo_fraction", "all_or_nothing", "pixel")


def pixel_accuracy(predicted: Optional[Grid], expected: Grid) -> float:
    """1 - the fraction of differing cells; 0 for a missing output or a shape mismatch (the paper's rule)."""
    if predicted is None or len(predicted) != len(expected) or len(predicted[0]) != len(expected[0]):
        return 0.0
    total = len(expected) * len(expected[0])
    same = sum(a == b for pr, er in zip(predicted, expected) for a, b in zip(pr, er))
    return same / total


@dataclass(frozen=True)
class ProgramScore:
    """How a program did on one task.

    Attributes:
        program: canonical program text ("" if it did not parse).
        error: None if every demo ran to a valid grid, else the first error kind met.
        demo_outputs: realized output per demo (None where the program failed).
        demo_errors: error kind per demo (None where it produced a valid grid).
        demo_correct: exact match per demo.
        demo_pixel: pixel accuracy per demo.
        test_outputs: realized output per test input (predictions; empty unless scored).
        test_correct: exact match per test pair (only with ``score_test=True`` and known test outputs).
        error_message: the parser's or type checker's message when ``error`` is ``"parse"`` or ``"type"``
            (e.g. ``unknown name 'rot181'``), else "".
    """

    program: str
    error: Optional[str]
    demo_outputs: tuple
    demo_errors: tuple
    demo_correct: tuple
    demo_pixel: tuple
    test_outputs: tuple = ()
    test_correct: Optional[tuple] = None
    error_message: str = ""

    @property
    def n_demos(self) -> int:
        """Number of demonstration pairs."""
        return len(self.demo_correct)

    @property
    def pairs_solved(self) -> int:
        """Demos reproduced exactly."""
        return sum(self.demo_correct)

    @property
    def demo_accuracy(self) -> float:
        """Fraction of demos reproduced exactly."""
        return self.pairs_solved / self.n_demos if self.n_demos else 0.0

    @property
    def pixel_accuracy(self) -> float:
        """Mean pixel accuracy over demos."""
        return sum(self.demo_pixel) / self.n_demos if self.n_demos else 0.0

    @property
    def solves_demos(self) -> bool:
        """True if every demo is reproduced exactly."""
        return self.n_demos > 0 and self.pairs_solved == self.n_demos

    @property
    def solves_test(self) -> bool:
        """True if every test output is reproduced exactly (False if tests were not scored)."""
        return bool(self.test_correct) and all(self.test_correct)

    def reward(self, mode: str = "demo_fraction") -> float:
        """The env reward under ``mode``: demo fraction, all-or-nothing, or mean pixel accuracy."""
        if mode == "demo_fraction":
            return self.demo_accuracy
        if mode == "all_or_nothing":
            return 1.0 if self.solves_demos else 0.0
        if mode == "pixel":
            return self.pixel_accuracy
        raise ValueError(f"unknown reward mode {mode!r}; expected one of {REWARD_MODES}")


def failed_score(task: Task, program: str, kind: str, message: str = "") -> ProgramScore:
    """The score of a program that failed with error ``kind`` (and ``message``) before producing any output."""
    n = len(task.train)
    return ProgramScore(program, kind, (None,) * n, (kind,) * n, (False,) * n, (0.0,) * n, error_message=message)


def _run_all(compiled: CompiledProgram, grids: Sequence[Grid], limits: dict,
             stopped: Optional[RunResult] = None) -> tuple[list[RunResult], Optional[RunResult]]:
    """Run on every grid; after a run that ran out of resources (a ``timeout``, or a ``limit`` met after
    half its time) the remaining grids are not run and get that run's error. Returns the results and the
    stopping result, if any."""
    seconds = limits.get("seconds", DEFAULT_SECONDS)
    results = []
    for grid in grids:
        if stopped is None:
            start = perf_counter()
            r = compiled.run(grid, **limits)
            if r.error == "timeout" or (r.error == "limit" and perf_counter() - start > seconds / 2):
                stopped = RunResult(None, r.error)
        else:
            r = stopped
        results.append(r)
    return results, stopped


def score_program(task: Task, program: Union[str, Program, CompiledProgram], *, score_test: bool = False,
                  run_test: bool = False, **limits: float) -> ProgramScore:
    """Run ``program`` on the task's demos (and test inputs if asked) and score it; never raises.

    ``run_test`` runs the test inputs to produce predictions; ``score_test`` also compares them with the
    known test outputs (for scoring only). ``limits`` go to the interpreter (``calls``, ``seconds``; each run
    has its own). Once a run ends in ``timeout``, or in ``limit`` after more than half its time, the
    remaining inputs are not run and count as failing the same way, so a program that runs out of resources
    costs about one run's time limit, however many demos the task has.
    """
    if isinstance(program, CompiledProgram):
        compiled = program
    else:
        try:
            compiled = compile_program(program)
        except ParseError as exc:
            return failed_score(task, program if isinstance(program, str) else "", "parse", str(exc))
        except TypeCheckError as exc:
            text = program if isinstance(program, str) else print_program(program)
            return failed_score(task, text, "type", str(exc))
        except Exception as exc:  # noqa: BLE001 - e.g. a non-Program object: never crash the caller
            return failed_score(task, "", "parse", f"not a program ({type(exc).__name__}: {exc})")
    text = print_program(compiled.program)
    results, stopped = _run_all(compiled, task.demo_inputs, limits)
    outputs = tuple(r.output for r in results)
    errors = tuple(r.error for r in results)
    expected = task.demo_outputs
    correct = tuple(o is not None and o == e for o, e in zip(outputs, expected))
    pixel = tuple(1.0 if c else pixel_accuracy(o, e) for o, c, e in zip(outputs, correct, expected))
    error = next((e for e in errors if e is not None), None)
    test_outputs: tuple = ()
    test_correct = None
    if run_test or score_test:
        test_outputs = tuple(r.output for r in _run_all(compiled, task.test_inputs, limits, stopped)[0])
        if score_test and task.has_test_outputs:
            test_correct = tuple(o is not None and o == p.output for o, p in zip(test_outputs, task.test))
    return ProgramScore(text, error, outputs, errors, correct, pixel, test_outputs, test_correct)
