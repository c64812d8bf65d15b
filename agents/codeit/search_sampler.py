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

A chain of several steps also gives a *suffix*: the task left after its first step (the first step's grids on
the demo inputs -> the same realized outputs) with the rest of the chain as its program. The prior learns from
those too, so that it can read a depth-1 state's left task: :func:`run_first_step_job` computes a task's
likeliest first steps on its demo inputs, and the prior's logits on the tasks they leave become the step
costs after those depth-1 states (:attr:`~agents.search.costs.StepCosts.after`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, Optional, Sequence

import numpy as np

from agents.base import Budget
from agents.search.agent import SearchAgent, view_transforms
from agents.search.costs import StepCosts
from agents.search.graph import run_bounded, valid_value
from agents.search.recipe import chain_text
from agents.search.transforms import GRID, Transform, build_transforms, task_colours
from arc_env.tasks import Task
from dsl import budget as dsl_budget

__all__ = ["ChainJob", "ChainRow", "FirstStepJob", "Found", "Relabelled", "SearchJob", "SearchOutcome", "Suffix",
           "choose_hindsight", "exact_accuracy", "pixel_accuracy", "random_chain_rows", "run_chain_job",
           "run_first_step_job", "run_search_job"]


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
    suffixes: bool = False  # also send each relabelled chain's suffix (for a prior that reads depth-1 states)


class Suffix(NamedTuple):
    """A chain without its first step, as a task of its own: the first step's grids on the demo inputs are its
    inputs (its outputs are the whole chain's), ``program`` and ``chain`` the remaining steps."""

    program: str
    chain: tuple[str, ...]
    inputs: tuple


@dataclass(frozen=True)
class Relabelled:
    """A search state in hindsight: its program and chain, realized demo outputs, and closeness to the truth."""

    program: str
    chain: tuple[str, ...]
    outputs: tuple
    demo_accuracy: float
    pixel_accuracy: float
    suffix: Optional[Suffix] = None


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
    rows = agent.hindsight(limit=5000, choose=lambda outs: choose_hindsight(outs, targets, job.close, job.random, rng),
                           suffixes=job.suffixes)
    relabelled = []
    for program, chain, outputs, *rest in rows:
        suffix = rest[0] if rest else None  # present only with job.suffixes, and None for a one-step chain
        relabelled.append(Relabelled(program, chain, outputs, exact_accuracy(outputs, targets),
                                     pixel_accuracy(outputs, targets), None if suffix is None else Suffix(*suffix)))
    return SearchOutcome(job.task.id, found, tuple(relabelled), int(agent.stats["states"]))


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
    """A share of the seed pool's random chains, for one worker: ``n`` attempts on ``tasks`` from ``seed``, with
    or without their suffixes."""

    tasks: tuple[Task, ...]
    n: int
    seed: int
    max_length: int = 3
    suffixes: bool = False


class ChainRow(NamedTuple):
    """A random chain that ran on a task's demo inputs: its program, the outputs it realized, their demo accuracy,
    and its :class:`Suffix` (None for one step, a first step that does not give a grid or changes no demo, or a
    later step that reads the input)."""

    task_id: str
    program: str
    chain: tuple[str, ...]
    inputs: tuple
    outputs: tuple
    demo_accuracy: float
    suffix: Optional[Suffix] = None


def run_chain_job(job: ChainJob) -> list[ChainRow]:
    """:func:`random_chain_rows` for one :class:`ChainJob` (in a worker process)."""
    return random_chain_rows(job.tasks, job.n, np.random.default_rng(job.seed), job.max_length, job.suffixes)


def _chain_suffix(chain: Sequence[Transform], inputs: tuple) -> Optional[Suffix]:
    rest = chain[1:]
    if not rest or chain[0].dst != GRID or any(t.recipe.uses_context for t in rest):
        return None
    mids = tuple(_run_chain(chain[:1], g) for g in inputs)
    if any(m is None for m in mids) or mids == inputs:
        return None
    return Suffix(chain_text([t.recipe for t in rest]), tuple(t.name for t in rest), mids)


def random_chain_rows(tasks: Sequence[Task], n: int, rng: np.random.Generator, max_length: int = 3,
                      suffixes: bool = False) -> list[ChainRow]:
    """``n`` attempts at a random chain of 1 to ``max_length`` transforms (ending on a grid) run on a random
    task's demo inputs; each success is a :class:`ChainRow` (with its suffix if ``suffixes``). Chains that fail
    on a demo, or change no demo, are dropped."""
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
        accuracy = exact_accuracy(outputs, [p.output for p in task.train])
        out.append(ChainRow(task.id, chain_text([t.recipe for t in chain]), tuple(t.name for t in chain), inputs, outputs, accuracy,
                            _chain_suffix(chain, inputs) if suffixes else None))
    return out


@dataclass(frozen=True)
class FirstStepJob:
    """A task (test outputs hidden) and first transforms to try on its demo inputs, likeliest first; ``keep``
    of them are kept."""

    task: Task
    names: tuple[str, ...]
    keep: int


def run_first_step_job(job: FirstStepJob) -> tuple[str, tuple[tuple[str, tuple], ...]]:
    """The task's id and up to ``keep`` of its first steps as (transform name, grids on the demo inputs), in the
    order of ``names``: steps the plain search can take from the input that give a grid on every demo, changing
    some demo and differing from an earlier kept step's grids (equal grids leave the same task)."""
    demo_in = tuple(p.input for p in job.task.train)
    rule, transforms = view_transforms(demo_in, tuple(p.output for p in job.task.train), tuple(job.task.test_inputs))
    by_name = {t.name: t for t in transforms if t.src == GRID and t.dst == GRID and t.max_src_depth >= 0}
    steps: dict = {}
    seen = {demo_in}
    kept = []
    for name in job.names:
        t = by_name.get(name)
        if t is None:
            continue
        mids = []
        for e, g in enumerate(demo_in):
            m = run_bounded(t.recipe, g, GRID, g, None if rule is None else rule.demo_shapes[e], steps)
            if m is None:
                break
            mids.append(m)
        else:
            mids = tuple(mids)
            if mids not in seen:
                seen.add(mids)
                kept.append((name, mids))
                if len(kept) >= job.keep:
                    break
    return job.task.id, tuple(kept)
