"""CodeIt behind the shared agent interface, so the comparison harness can run it like any baseline."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Optional, Sequence

from agents.base import Agent, Budget, BudgetMeter, Callback, Candidate, rank_candidates
from agents.codeit.config import CodeItConfig
from agents.codeit.trainer import CodeItTrainer
from arc_env.scoring import score_program
from arc_env.tasks import Task


class CodeItAgent(Agent):
    """CodeIt: expert iteration with prioritized hindsight replay (see :mod:`agents.codeit.trainer`).

    ``learn(tasks, budget)`` runs meta-iterations with ``tasks`` as the search set until the budget of sampled
    programs (for the search sampler: states searched) or seconds is spent (checked between iterations).
    ``solve(task, budget)`` returns the candidates found while learning plus fresh samples from the current
    policy (or a search guided by the current prior), ranked the CodeIt way.

    Args:
        config: the run configuration (default: the ``cpu`` preset with ``seed``).
        out_dir: the run directory (default: a temporary directory); the agent owns it: a run already there
            is replaced.
        seed: the run's seed when ``config`` is not given.
    """

    name = "codeit"

    def __init__(self, config: Optional[CodeItConfig] = None, out_dir: Optional[str | Path] = None,
                 seed: int = 0) -> None:
        self.config = config or CodeItConfig.from_preset("cpu", seed=seed)
        self._tmp = None if out_dir is not None else tempfile.TemporaryDirectory(prefix="codeit-")
        self.out_dir = Path(out_dir) if out_dir is not None else Path(self._tmp.name)
        self.trainer: Optional[CodeItTrainer] = None

    def _trainer(self, tasks: Sequence[Task]) -> CodeItTrainer:
        if self.trainer is None or [t.id for t in self.trainer.search_tasks] != [t.id for t in tasks]:
            self.trainer = CodeItTrainer(self.config, self.out_dir, search_tasks=tasks, progress=False,
                                         log=lambda message: None, overwrite=True)
            self.trainer.fill_seed_pool()
        return self.trainer

    def learn(self, tasks: Sequence[Task], budget: Budget, callbacks: Sequence[Callback] = ()) -> dict[str, Any]:
        """Meta-iterations over ``tasks`` until ``budget`` is spent or a callback returns False."""
        trainer = self._trainer(tasks)
        meter = BudgetMeter(budget)
        rows = []
        while not meter.exhausted:
            row = trainer.meta_iteration()
            meter.spend(int(row["programs_sampled"]))
            rows.append(row)
            if not self._notify(callbacks, "iteration", row):
                break
        trainer.close()
        return {"iterations": len(rows), "programs": meter.programs, "seconds": meter.seconds,
                "solved_top3": rows[-1]["solved_top3"] if rows else 0.0}

    def solve(self, task: Task, budget: Budget) -> list[Candidate]:
        """Candidates from learning (if any) plus up to ``budget.programs`` fresh policy samples."""
        trainer = self._trainer([task]) if self.trainer is None else self.trainer
        candidates = [Candidate(s.program, s.demo_accuracy, "codeit", s.cost) for s in trainer.book.ranked(task.id)]
        if self.config.sampler == "search":
            return rank_candidates(candidates + self._search(trainer, task, budget))
        meter = BudgetMeter(budget)
        view = trainer.search_view(task)
        while not meter.exhausted:
            n = min(self.config.samples_per_task, meter.left if meter.left is not None else 10**9)
            if n <= 0:
                break
            (samples,) = trainer.policy.sample([view], n, self.config.temperature)
            meter.spend(n)
            for tokens in samples:
                score = score_program(task, trainer.vocab.decode(tokens))
                if score.pairs_solved:
                    candidates.append(Candidate(score.program, score.demo_accuracy, "codeit"))
        return rank_candidates(candidates)

    def _search(self, trainer: CodeItTrainer, task: Task, budget: Budget) -> list[Candidate]:
        """A search guided by the current prior (``budget.programs`` counts states expanded)."""
        from agents.search.agent import SearchAgent

        prior = None
        if self.config.prior == "learned":
            (prior,) = trainer.policy.step_costs([[(p.input, p.output) for p in trainer.search_view(task).train]])
        agent = SearchAgent(max_depth=self.config.search_depth, prior=prior)
        return [Candidate(c.program, c.demo_accuracy, "codeit", c.cost)
                for c in agent.solve(task.without_test_outputs(), budget)]
