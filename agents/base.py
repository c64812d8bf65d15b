"""The interface every agent shares: solve a task within a budget, learn over tasks within a budget.

Budgets count sampled programs and wall-clock seconds, so any two agents can be compared on the same
footing. Candidates are ranked the CodeIt way (demo accuracy, then shorter program text) and scored top-3
(the paper) and pass@2 (ARC Prize) on test outputs, which only the scorer ever sees.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Callable, Optional, Sequence

from arc_env.scoring import score_program
from arc_env.tasks import Task

# A callback receives an event name and a dict of figures; returning False stops learning early.
Callback = Callable[[str, dict], Optional[bool]]


@dataclass(frozen=True)
class Budget:
    """How much an agent may spend: sampled programs and/or wall-clock seconds (None = unlimited)."""

    programs: Optional[int] = None
    seconds: Optional[float] = None

    def __post_init__(self) -> None:
        if self.programs is None and self.seconds is None:
            raise ValueError("a budget needs programs, seconds or both")


@dataclass
class BudgetMeter:
    """Counts spending against a :class:`Budget`."""

    budget: Budget
    programs: int = 0
    started: float = field(default_factory=time.perf_counter)

    def spend(self, n: int = 1) -> None:
        """Record ``n`` sampled programs."""
        self.programs += n

    @property
    def seconds(self) -> float:
        """Seconds since the meter started."""
        return time.perf_counter() - self.started

    @property
    def left(self) -> Optional[int]:
        """Programs left (None if the budget is time only)."""
        return None if self.budget.programs is None else max(0, self.budget.programs - self.programs)

    @property
    def exhausted(self) -> bool:
        """True once either limit is reached."""
        if self.budget.programs is not None and self.programs >= self.budget.programs:
            return True
        return self.budget.seconds is not None and self.seconds >= self.budget.seconds


def ranking_key(demo_accuracy: float, program: str, cost: float = 0.0) -> tuple:
    """CodeIt's ranking: higher demo accuracy first, then shorter program text (then the text, for ties).

    ``cost`` (0 unless an agent sets it) comes between the two: a search agent's measure of how complex its
    hypothesis is (chain depth), which program text overstates when fixed wrappers are emitted."""
    return (-demo_accuracy, cost, len(program), program)


@dataclass(frozen=True)
class Candidate:
    """A program proposed for a task, with its accuracy on the task's demos."""

    program: str
    demo_accuracy: float
    origin: str = ""
    cost: float = 0.0

    @property
    def sort_key(self) -> tuple:
        """CodeIt's ranking (:func:`ranking_key`)."""
        return ranking_key(self.demo_accuracy, self.program, self.cost)


def rank_candidates(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Deduplicate by program text (keeping the best accuracy) and rank by :attr:`Candidate.sort_key`."""
    best: dict[str, Candidate] = {}
    for c in candidates:
        if c.program not in best or c.demo_accuracy > best[c.program].demo_accuracy:
            best[c.program] = c
    return sorted(best.values(), key=lambda c: c.sort_key)


def distinct(predictions: Sequence[Sequence], limit: int) -> list:
    """The first ``limit`` prediction lists in ranking order, each once: two programs that predict the same grids
    are one attempt."""
    out: list = []
    for pred in predictions:
        if len(out) == limit:
            break
        if pred not in out:
            out.append(pred)
    return out


def top_k_from_predictions(task: Task, predictions: Sequence[Sequence], k: int) -> bool:
    """Top-k (k=3 in the paper): one of the first k distinct prediction lists (one grid per test input, in
    ranking order) gets every test output right. A task with several test inputs needs them all right from
    the same program."""
    expected = [p.output for p in task.test]
    if not expected or any(e is None for e in expected):
        return False  # hidden answers (an agent's view of the task): a failed run's None must not match them
    return any(list(pred) == expected for pred in distinct(predictions, k))


def pass2_from_predictions(task: Task, predictions: Sequence[Sequence]) -> float:
    """ARC Prize pass@2: each test input gets the first two distinct prediction lists' attempts; the task scores
    the fraction of its test inputs for which one of the two was right."""
    if not task.test:
        return 0.0
    attempts = distinct(predictions, 2)
    hits = sum(pair.output is not None
               and any(k < len(pred) and pred[k] == pair.output for pred in attempts)
               for k, pair in enumerate(task.test))
    return hits / len(task.test)


_SCAN = 20  # candidates run at most to find the distinct predictions of a top-k


def _predictions(task: Task, ranked: Sequence[Candidate], n: int) -> list[tuple]:
    """The first ``n`` distinct test predictions of the ranked candidates (the scorers count each distinct
    prediction once, see :func:`distinct`; at most ``max(n, _SCAN)`` candidates are run)."""
    out: list = []
    for c in ranked[: max(n, _SCAN)]:
        preds = score_program(task, c.program, run_test=True).test_outputs
        if preds not in out:
            out.append(preds)
            if len(out) == n:
                break
    return out


def task_solved(task: Task, ranked: Sequence[Candidate], attempts: int) -> bool:
    """:func:`top_k_from_predictions` for ranked candidates (their test predictions are computed here)."""
    return top_k_from_predictions(task, _predictions(task, ranked, attempts), attempts)


def task_solved_pass2(task: Task, ranked: Sequence[Candidate]) -> float:
    """:func:`pass2_from_predictions` for ranked candidates."""
    return pass2_from_predictions(task, _predictions(task, ranked, 2))


class Agent(ABC):
    """An ARC program-synthesis agent.

    ``solve`` proposes ranked candidate programs for one task within a budget; ``learn`` improves the agent
    over a set of tasks within a budget (a no-op for agents that do not learn). Agents never see test
    outputs: the ranking uses demos only.
    """

    name: str = "agent"

    @abstractmethod
    def solve(self, task: Task, budget: Budget) -> list[Candidate]:
        """Ranked candidates for ``task`` (best first), spending at most ``budget``."""

    def learn(self, tasks: Sequence[Task], budget: Budget, callbacks: Sequence[Callback] = ()) -> dict[str, Any]:
        """Learn over ``tasks`` within ``budget``; returns summary figures. The default learns nothing."""
        return {}

    @staticmethod
    def _notify(callbacks: Sequence[Callback], event: str, info: dict) -> bool:
        """Call every callback; False if one asked to stop."""
        keep_going = True
        for cb in callbacks:
            if cb(event, info) is False:
                keep_going = False
        return keep_going
