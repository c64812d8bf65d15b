"""The random baseline: programs sampled uniformly over the grammar-legal tokens at every step.

Every sample is a well-typed program (the grammar state never allows anything else), so the baseline
measures how often the DSL stumbles on a solution by chance. It is also the reference for the search
protocol every baseline follows: each program sampled counts one unit of the budget, each is scored on
the task's demos through :func:`arc_env.scoring.score_program`, and those that reproduce at least one demo
exactly are the candidates, ranked the CodeIt way (:func:`agents.base.rank_candidates`).

After :meth:`RandomAgent.solve`, ``agent.trace`` lists ``(programs spent, candidate)`` in the order the
candidates were found and ``agent.stats`` holds ``programs`` and ``seconds``: the comparison harness uses
them to draw solved-versus-budget curves from one run.
"""

from __future__ import annotations

from typing import Any, Optional

import numpy as np

from agents.base import Agent, Budget, BudgetMeter, Candidate, rank_candidates
from arc_env.scoring import ProgramScore, score_program
from arc_env.tasks import Task
from dsl.grammar import sample_program_tokens
from dsl.tokens import Vocabulary

__all__ = ["RandomAgent"]


class RandomAgent(Agent):
    """Sample programs token by token, uniformly over the grammar-legal tokens, and keep those that work.

    Args:
        seed: seeds the agent's numpy ``Generator`` (every draw goes through it).
        max_tokens: token budget of one program, ``<eos>`` included (as in ``ARCProgram-v0``).
        vocab: the token vocabulary (default: the full registry).

    The budget counts sampled programs exactly (duplicates included: a repeated sample is not re-run,
    but it was sampled) and wall-clock seconds.
    """

    name = "random"

    def __init__(self, seed: int = 0, max_tokens: int = 32, vocab: Optional[Vocabulary] = None) -> None:
        self.seed = seed
        self.rng = np.random.default_rng(seed)
        self.max_tokens = max_tokens
        self.vocab = vocab or Vocabulary.from_registry()
        self.trace: list[tuple[int, Candidate]] = []
        self.stats: dict[str, Any] = {}

    def sample_program(self):
        """One grammar-legal program (a :class:`dsl.program.Program`)."""
        return self.vocab.decode(sample_program_tokens(self.vocab, self.rng, max_tokens=self.max_tokens))

    def solve(self, task: Task, budget: Budget) -> list[Candidate]:
        """Sample until the budget is spent; the ranked programs that reproduce at least one demo."""
        meter = BudgetMeter(budget)
        self.trace = []
        scored: dict = {}  # Program -> ProgramScore (programs are hashable dataclasses)
        candidates: list[Candidate] = []
        distinct = 0
        while not meter.exhausted:
            program = self.sample_program()
            meter.spend()
            score: Optional[ProgramScore] = scored.get(program)
            if score is not None:
                continue
            distinct += 1
            score = scored[program] = score_program(task, program)
            if score.pairs_solved:
                cand = Candidate(score.program, score.demo_accuracy, self.name)
                candidates.append(cand)
                self.trace.append((meter.programs, cand))
        self.stats = {"programs": meter.programs, "distinct_programs": distinct, "seconds": meter.seconds,
                      "candidates": len(candidates)}
        return rank_candidates(candidates)
