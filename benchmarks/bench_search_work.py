"""Wall time of a fixed amount of search work, to compare two versions of the search as a ratio.

    python benchmarks/bench_search_work.py [--tasks 24] [--expansions 250] [--seed 0] [--no-prune-leaves]

Runs :class:`~agents.search.SearchAgent` in this process on ``--tasks`` ARC-AGI-1 training tasks drawn with
``--seed``, each capped at ``--expansions`` expanded states (no time cap), and prints the wall time with the
total states created. Two versions do the same work when the state totals are equal; run them back to back
(from two worktrees) and compare the wall times as a ratio, since the machine's load moves single figures.
``--no-prune-leaves`` keeps every leaf (``SearchAgent(prune_leaves=False)``), for the ratio of that setting;
the transform applications and the tasks solved are printed too, since pruning changes the work itself.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agents.base import Budget, task_solved
from agents.search import SearchAgent
from arc_env.loaders import load_tasks


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", type=int, default=24)
    ap.add_argument("--expansions", type=int, default=250)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-prune-leaves", action="store_true", help="keep every leaf state")
    args = ap.parse_args()
    tasks = sorted(load_tasks("arcagi", "training"), key=lambda t: t.id)
    chosen = random.Random(args.seed).sample(tasks, args.tasks)
    agent = SearchAgent(prune_leaves=not args.no_prune_leaves)
    load = os.getloadavg()[0]
    started = time.perf_counter()
    cpu = time.process_time()
    expanded = states = applications = solved = 0
    for task in chosen:
        candidates = agent.solve(task, Budget(programs=args.expansions, seconds=None))
        expanded += agent.stats["programs"]
        states += agent.stats["states"]
        applications += agent.stats["applications"]
        solved += task_solved(task, candidates, 3)
    wall = time.perf_counter() - started
    print(f"{wall:.2f} s wall  {time.process_time() - cpu:.2f} s cpu  expanded={expanded}  states={states}  "
          f"applications={applications}  solved={solved}/{len(chosen)}  states/s={states / wall:.0f}  "
          f"load {load:.2f} -> {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
