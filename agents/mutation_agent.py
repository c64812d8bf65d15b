"""The Mutation-d1 baseline of the CodeIt paper (Butt et al., ICML 2024).

Each attempt draws a reference program of the library (:func:`dsl.library.load_library`, hand-written
solutions of ARC-AGI-1 training tasks) uniformly at random and applies one type-consistent mutation
(:func:`dsl.mutation.mutate`; depth 1: mutants are always derived from a reference, never from a mutant).
Distinct mutant texts are run on the search task's demo inputs; a mutant that reproduces at least one demo
exactly is a candidate, and candidates are ranked like CodeIt (demo accuracy, then shorter text).

The paper's protocol runs every distinct mutant on the demos of *all* search tasks:
:meth:`MutationAgent.solve_many` does that, with the budget counting distinct mutants (each of which is
tried on every task). When a search task has a reference program itself (an ARC-AGI-1 training task), that
reference is never used as a parent for it (``exclude_own_reference``), so the baseline cannot simply
re-discover the given answer.
"""

from __future__ import annotations

import time
from typing import Any, Optional, Sequence

import numpy as np

from agents.base import Agent, Budget, BudgetMeter, Candidate, rank_candidates
from arc_env.scoring import score_program
from arc_env.tasks import Task
from dsl.interpreter import CompiledProgram
from dsl.library import load_library
from dsl.program import Program
from dsl.text import parse_program, print_program

__all__ = ["MutationAgent"]


class MutationAgent(Agent):
    """Mutation-d1: one random type-consistent mutation of a uniformly drawn reference program per sample.

    Args:
        seed: seeds the agent's numpy ``Generator`` (parents and mutations are drawn through it).
        library: task id -> reference program text (default: :func:`dsl.library.load_library`).
        weights: a :class:`dsl.mutation.MutationWeights` (default: the paper's 0.5 / 0.25 / 0.25).
        exclude_own_reference: never mutate the search task's own reference program for that task.
        max_failures: consecutive failed or duplicate mutation attempts after which the search stops
            (guards against a library whose mutants are exhausted).

    Budget: ``programs`` counts distinct mutants (the unit the paper's x-axis counts), ``seconds`` wall time.
    After :meth:`solve`, ``trace`` lists ``(mutants spent, candidate)`` and ``stats`` the spend; after
    :meth:`solve_many`, ``traces`` maps each task id to its trace.
    """

    name = "mutation"

    def __init__(self, seed: int = 0, library: Optional[dict[str, str]] = None, weights: Any = None,
                 exclude_own_reference: bool = True, max_failures: int = 10_000) -> None:
        self.seed = seed
        self.rng = np.random.default_rng(seed)
        lib = load_library() if library is None else library
        self.parent_ids: list[str] = sorted(lib)
        self.parents: list[Program] = [parse_program(lib[k]) for k in self.parent_ids]
        if not self.parents:
            raise ValueError("the mutation baseline needs at least one reference program")
        self.weights = weights
        self.exclude_own_reference = exclude_own_reference
        self.max_failures = max_failures
        self.trace: list[tuple[int, Candidate]] = []
        self.traces: dict[str, list[tuple[int, Candidate]]] = {}
        self.stats: dict[str, Any] = {}
        self._seen: set[str] = set()

    # -- mutants --------------------------------------------------------------------------------------------

    def _mutate(self, program: Program) -> Optional[Program]:
        from dsl.mutation import MutationError, mutate  # imported lazily: built alongside this agent

        try:
            if self.weights is None:
                return mutate(program, self.rng)
            return mutate(program, self.rng, self.weights)
        except MutationError:
            return None

    def mutants(self, meter: BudgetMeter, exclude: Optional[str] = None):
        """Yield ``(parent id, mutant text, compiled mutant)`` for distinct new mutants until the meter is
        exhausted (each yielded mutant is charged to it). ``exclude`` is a parent id never drawn."""
        pool = [k for k, pid in enumerate(self.parent_ids) if pid != exclude]
        if not pool:
            return
        failures = 0
        while not meter.exhausted and failures < self.max_failures:
            k = pool[int(self.rng.integers(len(pool)))]
            mutant = self._mutate(self.parents[k])
            if mutant is None:
                failures += 1
                continue
            text = print_program(mutant)
            if text in self._seen:
                failures += 1
                continue
            self._seen.add(text)
            try:
                compiled = CompiledProgram(mutant)
            except Exception:  # noqa: BLE001 - an ill-typed mutant is a failed attempt, not a crash
                failures += 1
                continue
            failures = 0
            meter.spend()
            yield self.parent_ids[k], text, compiled

    # -- the Agent API --------------------------------------------------------------------------------------

    def solve(self, task: Task, budget: Budget) -> list[Candidate]:
        """Mutate references until ``budget`` distinct mutants have been run on ``task``'s demos."""
        meter = BudgetMeter(budget)
        self._seen = set()
        self.trace = []
        candidates: list[Candidate] = []
        exclude = task.id if self.exclude_own_reference else None
        for _parent, _text, compiled in self.mutants(meter, exclude):
            score = score_program(task, compiled)
            if score.pairs_solved:
                cand = Candidate(score.program, score.demo_accuracy, self.name)
                candidates.append(cand)
                self.trace.append((meter.programs, cand))
        self.stats = {"programs": meter.programs, "seconds": meter.seconds, "candidates": len(candidates)}
        return rank_candidates(candidates)

    def solve_many(self, tasks: Sequence[Task], budget_per_task: Budget) -> dict[str, list[Candidate]]:
        """The paper's protocol: every distinct mutant is run on the demos of every task.

        ``budget_per_task.programs`` is the number of distinct mutants (each tried on all tasks, so every
        task sees that many programs); ``budget_per_task.seconds`` is multiplied by the number of tasks.
        Returns task id -> ranked candidates.
        """
        seconds = None if budget_per_task.seconds is None else budget_per_task.seconds * max(1, len(tasks))
        meter = BudgetMeter(Budget(budget_per_task.programs, seconds))
        self._seen = set()
        found: dict[str, list[Candidate]] = {t.id: [] for t in tasks}
        self.traces = {t.id: [] for t in tasks}
        started = time.perf_counter()
        for parent, _text, compiled in self.mutants(meter):
            for task in tasks:
                if self.exclude_own_reference and parent == task.id:
                    continue
                score = score_program(task, compiled)
                if score.pairs_solved:
                    cand = Candidate(score.program, score.demo_accuracy, self.name)
                    found[task.id].append(cand)
                    self.traces[task.id].append((meter.programs, cand))
        self.stats = {"programs": meter.programs, "seconds": time.perf_counter() - started,
                      "candidates": sum(len(v) for v in found.values())}
        return {tid: rank_candidates(c) for tid, c in found.items()}
