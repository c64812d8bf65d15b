"""Solve rate and speed of the search agent on a whole ARC split, in a pool of worker processes.

    python benchmarks/bench_search.py --split evaluation --seconds 5 --workers 2 [--tasks 100] [--out DIR]

Prints (and writes to ``DIR/bench_search.json``) tasks solved top-3 and pass@2, tasks with a program that
fits every demo, wall time, states expanded per second per worker, median and p95 seconds per task, peak
resident memory of a worker, and the machine's load average before and after. The per-task cap ``--seconds``
sets the total budget: 400 tasks x ``seconds`` / workers is the wall time, so 3 s, 6 s and 18 s per task on
2 cores give about 10, 20 and 60 minutes. Test outputs are read only by the scorer in the parent process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agents.base import Budget
from agents.solve import default_workers, solve_tasks, write_solve_outputs
from arc_env.loaders import load_tasks
from benchmarks.machine import python_speed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dataset", default="arcagi")
    ap.add_argument("--split", default="training")
    ap.add_argument("--tasks", type=int, default=None, help="the first K tasks by id")
    ap.add_argument("--seconds", type=float, default=5.0, help="soft cap per task")
    ap.add_argument("--budget", type=int, default=10**9, help="states expanded per task")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--agent", default="search")
    ap.add_argument("--out", default="runs/bench_search")
    args = ap.parse_args()

    tasks = sorted(load_tasks(args.dataset, args.split), key=lambda t: t.id)[: args.tasks]
    workers = args.workers or default_workers()
    speed = python_speed()
    load_before = os.getloadavg()
    started = time.perf_counter()
    results = solve_tasks(args.agent, tasks, Budget(programs=args.budget, seconds=args.seconds),
                          workers=workers, progress=True)
    wall = time.perf_counter() - started
    load_after = os.getloadavg()
    settings = {"dataset": args.dataset, "split": args.split, "seconds_per_task": args.seconds,
                "budget_states": args.budget, "workers": workers, "wall_seconds": round(wall, 1)}
    summary = write_solve_outputs(args.out, args.agent, tasks, results, settings)
    states = sum(int(r.stats.get("programs", 0)) for r in results.values())
    worker_seconds = sum(r.seconds for r in results.values())
    figures = {
        "tasks": len(tasks), "solved_top3": summary["solved_top3"], "pass2": summary["pass2"],
        "fits_demos": summary["fits_demos"], "timeouts": summary["timeouts"], "wall_seconds": round(wall, 1),
        "states_expanded": states,
        "states_per_second_per_worker": round(states / worker_seconds, 1) if worker_seconds else None,
        "median_task_seconds": summary["median_task_seconds"], "p95_task_seconds": summary["p95_task_seconds"],
        # ru_maxrss of reaped children is in kB on Linux: the largest worker.
        "peak_worker_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "load_before": [round(x, 2) for x in load_before], "load_after": [round(x, 2) for x in load_after],
        # benchmarks/machine.py, before and after: lower is a faster machine (a shared host drifts during a run)
        "python_speed_s": [speed, python_speed()],
        "settings": settings,
    }
    Path(args.out).mkdir(parents=True, exist_ok=True)
    (Path(args.out) / "bench_search.json").write_text(json.dumps(figures, indent=1))
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
