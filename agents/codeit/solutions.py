"""Candidate solutions per search task, their ranking, top-3 / pass@2 scoring, and ARC Prize submissions.

Agents only ever see demo accuracy; the test outputs are compared here, for scoring, and nowhere else.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

from agents.base import pass2_from_predictions, ranking_key, top_k_from_predictions
from arc_env.scoring import ProgramScore
from arc_env.tasks import Task


@dataclass(frozen=True)
class Solution:
    """A program that reproduces at least one demo of its task, with its test predictions."""

    program: str
    demo_accuracy: float
    iteration: int
    test_predictions: tuple  # one grid (or None) per test input
    cost: float = 0.0  # the search's cost of the program (0 for sampled programs)

    @property
    def sort_key(self) -> tuple:
        """The paper's ranking: demo accuracy, then (for search results) cost, then shorter program text."""
        return ranking_key(self.demo_accuracy, self.program, self.cost)


class SolutionBook:
    """All candidate solutions found so far, per task."""

    def __init__(self) -> None:
        self.by_task: dict[str, dict[str, Solution]] = {}

    def add(self, task_id: str, score: ProgramScore, iteration: int) -> bool:
        """Record ``score``'s program if it reproduces at least one demo; True if it is new for the task."""
        if score.pairs_solved == 0:
            return False
        programs = self.by_task.setdefault(task_id, {})
        if score.program in programs:
            return False
        programs[score.program] = Solution(score.program, score.demo_accuracy, iteration, score.test_outputs)
        return True

    def add_solution(self, task_id: str, solution: Solution) -> bool:
        """Record a candidate found by the search (demo accuracy above 0); True if it is new for the task."""
        if solution.demo_accuracy <= 0:
            return False
        programs = self.by_task.setdefault(task_id, {})
        if solution.program in programs:
            return False
        programs[solution.program] = solution
        return True

    def ranked(self, task_id: str, iteration: Optional[int] = None) -> list[Solution]:
        """The task's candidates, best first (only those of ``iteration`` if given: policy-only scoring)."""
        found = self.by_task.get(task_id, {}).values()
        if iteration is not None:
            found = [s for s in found if s.iteration == iteration]
        return sorted(found, key=lambda s: s.sort_key)

    def to_json(self) -> dict:
        """A JSON-ready dict: task id -> ranked candidates."""
        return {tid: [asdict(s) for s in self.ranked(tid)] for tid in sorted(self.by_task)}

    @classmethod
    def from_json(cls, data: dict) -> "SolutionBook":
        """Inverse of :meth:`to_json`."""
        book = cls()
        for tid, items in data.items():
            book.by_task[tid] = {}
            for item in items:
                preds = tuple(None if g is None else tuple(tuple(r) for r in g) for g in item["test_predictions"])
                book.by_task[tid][item["program"]] = Solution(item["program"], item["demo_accuracy"],
                                                              item["iteration"], preds, item.get("cost", 0.0))
        return book

    def save(self, path: Union[str, Path]) -> None:
        """Write ``solutions.json`` (atomically: a crash never leaves half a file)."""
        path = Path(path)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.to_json()))
        tmp.replace(path)

    @classmethod
    def load(cls, path: Union[str, Path]) -> "SolutionBook":
        """Read a ``solutions.json``."""
        return cls.from_json(json.loads(Path(path).read_text()))


def top_k_solved(task: Task, ranked: Sequence[Solution], k: int = 3) -> bool:
    """Top-k on the stored test predictions (the paper uses k=3), each distinct prediction one attempt."""
    return top_k_from_predictions(task, [s.test_predictions for s in ranked], k)


def pass_at_2(task: Task, ranked: Sequence[Solution]) -> float:
    """ARC Prize pass@2 on the stored test predictions, each distinct prediction one attempt."""
    return pass2_from_predictions(task, [s.test_predictions for s in ranked])


def score_book(book: SolutionBook, tasks: Iterable[Task], iteration: Optional[int] = None) -> dict[str, float]:
    """Tasks solved top-3 and pass@2 (sum over tasks) for the whole book or one iteration's samples."""
    top3 = pass2 = 0.0
    solved_ids = []
    for task in tasks:
        ranked = book.ranked(task.id, iteration)
        if top_k_solved(task, ranked, 3):
            top3 += 1
            solved_ids.append(task.id)
        pass2 += pass_at_2(task, ranked)
    return {"top3": top3, "pass2": pass2, "solved_ids": solved_ids}


def submission(book: SolutionBook, tasks: Iterable[Task]) -> dict:
    """The ARC Prize submission: per task, per test input, ``attempt_1``/``attempt_2`` from the two best
    candidates (a 1x1 zero grid where there is no prediction)."""
    out = {}
    for task in tasks:
        ranked = book.ranked(task.id)
        attempts = []
        for k in range(len(task.test)):
            preds = [s.test_predictions[k] for s in ranked
                     if k < len(s.test_predictions) and s.test_predictions[k] is not None]
            preds = list(dict.fromkeys(preds))[:2] + [((0,),)] * 2
            attempts.append({"attempt_1": [list(r) for r in preds[0]], "attempt_2": [list(r) for r in preds[1]]})
        out[task.id] = attempts
    return out
