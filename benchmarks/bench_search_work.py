"""Wall time of a fixed amount of search work, to compare two versions of the search as a ratio.

    python benchmarks/bench_search_work.py [--tasks 24] [--expansions 250] [--seed 0]

Runs :class:`~agents.search.SearchAgent` in this process on ``--tasks`` ARC-AGI-1 training tasks drawn with
``--seed``, each capped at ``--expansions`` expanded states (no time cap), and prints the wall time with the
total states created. Two versions do the same work when the state totals are equal; run them back to back
(from two worktrees) and compare the wall times as a ratio, since the machine's load moves single figures.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agents.base import Budget
from agents.search import SearchAgent
from arc_env.loaders import load_tasks


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", type=int, default=24)
    ap.add_argument("--expansions", type=int, default=250)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    tasks = sorted(load_tasks("arcagi", "training"), key=lambda t: t.id)
    chosen = random.Random(args.seed).sample(tasks, args.tasks)
    agent = SearchAgent()
    load = os.getloadavg()[0]
    started = time.perf_counter()
    expanded = states = 0
    for task in chosen:
        agent.solve(task, Budget(programs=args.expansions, seconds=None))
        expanded += agent.stats["programs"]
        states += agent.stats["states"]
    wall = time.perf_counter() - started
    print(f"{wall:.2f} s  expanded={expanded}  states={states}  states/s={states / wall:.0f}  "
          f"load {load:.2f} -> {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
