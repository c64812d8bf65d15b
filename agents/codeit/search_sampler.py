"""CodeIt's search sampler: a prior-guided search per task, and its states relabelled in hindsight.

Where the T5 sampler writes programs token by token, this sampler runs :class:`~agents.search.agent.SearchAgent`
on each search task with per-task step costs from :class:`~agents.codeit.prior.SearchPrior` (or uniform
costs: the ``prior=uniform`` ablation). One task is one job of the trainer's process pool
(:func:`run_search_job`, a top-level function so that it pickles); the driver never ships torch to a worker.

A job returns the task's candidates (with their test predictions, for the scorer) and a few of the distinct
grid states the search reached, relabelled in hindsight as in the paper: the task's demo inputs paired with
the outputs the state's transform chain realized, with that chain as the prior's target. Of the thousands of
states a search reaches, a job keeps the ``close`` ones closest to the true demo outputs (demo accuracy,
then pixel accuracy) plus ``random`` others, so the replay buffer grows by thousands of rows per iteration.

:func:`random_chain_rows` makes the seed pool's "pretraining" rows: random transform chains run on training
demo inputs (:func:`run_chain_job` is one share of them, for a worker).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np

from agents.base import Budget
from agents.search.agent import SearchAgent
from agents.search.costs import StepCosts
from agents.search.graph import valid_value
from agents.search.recipe import ProgramBuilder
from agents.search.transforms import GRID, Transform, build_transforms, task_colours
from arc_env.tasks import Task
from dsl import budget as dsl_budget

__all__ = ["ChainJob", "Found", "Relabelled", "SearchJob", "SearchOutcome", "choose_hindsight", "exact_accuracy",
           "pixel_accuracy", "random_chain_rows", "run_chain_job", "run_search_job"]


@dataclass(frozen=True)
class SearchJob:
    """One task for the search sampler: its public view (test outputs hidden) and the search's settings."""

    task: Task
    seconds: float
    states: Optional[int] = None
    prior: Optional[StepCosts] = None
    close: int = 8
    random: int = 8
    seed: int = 0
    max_depth: int = 3


@dataclass(frozen=True)
class Relabelled:
    """A search state in hindsight: its program and chain, realized demo outputs, and closeness to the truth."""

    program: str
    chain: tuple[str, ...]
    outputs: tuple
    demo_accuracy: float
    pixel_accuracy: float


@dataclass(frozen=True)
class Found:
    """A candidate program: demo accuracy, search cost, test predictions (one grid per test input)."""

    program: str
    demo_accuracy: float
    cost: float
    test_predictions: tuple


@dataclass(frozen=True)
class SearchOutcome:
    """What one job sends back to the trainer."""

    task_id: str
    candidates: tuple[Found, ...]
    relabelled: tuple[Relabelled, ...]
    states: int


def exact_accuracy(outputs: Sequence, targets: Sequence) -> float:
    """The share of demos whose output equals the target (the paper's demo accuracy)."""
    return sum(o == t for o, t in zip(outputs, targets)) / max(len(targets), 1)


def pixel_accuracy(outputs: Sequence, targets: Sequence) -> float:
    """Mean over demos of the share of cells equal to the target (0 for a demo of the wrong shape)."""
    total = 0.0
    for out, want in zip(outputs, targets):
        if len(out) == len(want) and len(out[0]) == len(want[0]):
            total += float((np.asarray(out) == np.asarray(want)).mean())
    return total / max(len(targets), 1)


def choose_hindsight(outputs: Sequence[tuple], targets: Sequence, close: int, random: int,
                     rng: np.random.Generator) -> list[int]:
    """Positions of the states to relabel: the ``close`` closest to ``targets`` (exact demos, then pixels)
    and ``random`` others drawn uniformly."""
    if not outputs:
        return []

    # Pixel accuracy costs numpy work per state: rank only a shortlist of states with the most right shapes.
    shapes_right = [sum(len(o) == len(t) and len(o[0]) == len(t[0]) for o, t in zip(out, targets)) for out in outputs]
    shortlist = sorted(range(len(outputs)), key=lambda k: -shapes_right[k])[: max(4 * close, 64)]
    ranked = sorted(shortlist, key=lambda k: (-exact_accuracy(outputs[k], targets),
                                              -pixel_accuracy(outputs[k], targets)))
    chosen = ranked[:close]
    rest = np.setdiff1d(np.arange(len(outputs)), chosen)
    if random and len(rest):
        chosen += rng.choice(rest, size=min(random, len(rest)), replace=False).tolist()
    return chosen


def run_search_job(job: SearchJob) -> SearchOutcome:
    """Search one task (in a worker process) and relabel some of its states in hindsight."""
    agent = SearchAgent(max_depth=job.max_depth, prior=job.prior)
    budget = Budget(programs=job.states, seconds=job.seconds)
    candidates = agent.solve(job.task, budget)
    found = tuple(Found(c.program, c.demo_accuracy, c.cost, agent.predictions[c.program]) for c in candidates
                  if c.program in agent.predictions)
    targets = [p.output for p in job.task.train]
    rng = np.random.default_rng(job.seed)
    rows = agent.hindsight(limit=5000, choose=lambda outs: choose_hindsight(outs, targets, job.close, job.random, rng))
    relabelled = tuple(Relabelled(program, chain, outputs, exact_accuracy(outputs, targets),
                                  pixel_accuracy(outputs, targets))
                       for program, chain, outputs in rows)
    return SearchOutcome(job.task.id, found, relabelled, int(agent.stats["states"]))


def _run_chain(chain: Sequence[Transform], grid: tuple) -> Optional[tuple]:
    value = grid
    saved, _ = dsl_budget.open_run(200_000, 0.05)
    try:
        for t in chain:
            value = t.recipe.run(value, grid, None, None)
            if not valid_value(value, t.dst):
                return None
    except Exception:
        return None
    finally:
        dsl_budget.close_run(saved)
    return value


@dataclass(frozen=True)
class ChainJob:
    """A share of the seed pool's random chains, for one worker: ``n`` attempts on ``tasks`` from ``seed``."""

    tasks: tuple[Task, ...]
    n: int
    seed: int
    max_length: int = 3


def run_chain_job(job: ChainJob) -> list[tuple[str, str, tuple[str, ...], tuple, tuple, float]]:
    """:func:`random_chain_rows` for one :class:`ChainJob` (in a worker process)."""
    return random_chain_rows(job.tasks, job.n, np.random.default_rng(job.seed), job.max_length)


def random_chain_rows(tasks: Sequence[Task], n: int, rng: np.random.Generator,
                      max_length: int = 3) -> list[tuple[str, str, tuple[str, ...], tuple, tuple, float]]:
    """``n`` attempts at a random chain of 1 to ``max_length`` transforms (ending on a grid) run on a random
    task's demo inputs; each success is (task id, program, chain, demo inputs, realized outputs, demo
    accuracy). Chains that fail on a demo, or change no demo, are dropped."""
    cache: dict[str, list[Transform]] = {}
    out = []
    for _ in range(n):
        task = tasks[int(rng.integers(len(tasks)))]
        transforms = cache.get(task.id)
        if transforms is None:
            transforms = cache[task.id] = build_transforms(task_colours(p.input for p in task.train),
                                                           task_colours(p.output for p in task.train), False)
        length = int(rng.integers(1, max_length + 1))
        kind, chain = GRID, []
        for step in range(length):
            options = [t for t in transforms if t.src == kind and step <= t.max_src_depth
                       and (step < length - 1 or t.dst == GRID)]  # the last step lands on a grid
            t = options[int(rng.integers(len(options)))]
            chain.append(t)
            kind = t.dst
        inputs = tuple(p.input for p in task.train)
        outputs = tuple(_run_chain(chain, g) for g in inputs)
        if any(o is None for o in outputs) or outputs == inputs:
            continue
        b = ProgramBuilder(None)
        var = b.input_var
        for t in chain:
            var = b.apply(t.recipe, var)
        accuracy = exact_accuracy(outputs, [p.output for p in task.train])
        out.append((task.id, b.text(var), tuple(t.name for t in chain), inputs, outputs, accuracy))
    return out
