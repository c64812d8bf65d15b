"""The same search comparison on the local pool (1 and 2 workers) and on Ray (2 CPUs), plus Ray's overheads.

    python benchmarks/bench_backends.py [--tasks 100] [--seconds 1] [--split evaluation] [--trivial 2000]
                                        [--out runs/bench_backends]

1. Wall time of one search solve (``--tasks`` tasks by id, ``--seconds`` per task, no state cap) with the local
   pool at 1 and 2 workers and on a local Ray instance with 2 CPUs, in one run, as ratios to the 1-worker pool.
   Ray's wall time includes starting Ray. Only aggregate figures are printed (tasks with a program fitting
   every demo, timeouts): the tasks themselves are never shown.
2. Ray's start-up (``ray.init`` to the first trivial job's result) and its per-task cost: ``--trivial`` jobs that
   do nothing, with 2 jobs in flight (what the 2-CPU pool does) and with 256 in flight (the window of a large
   cluster: how many tasks per second the driver can dispatch and collect, the ceiling for any cluster size).
   The local pool's figures for the same trivial jobs are printed beside them.

Prints the load average before and after, and writes everything to ``DIR/bench_backends.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agents.base import Budget
from agents.pool import DeadlinePool
from agents.ray_pool import RayPool
from agents.solve import solve_tasks
from arc_env.loaders import load_tasks


def _solve(tasks, seconds: float, backend: str, workers: int) -> dict:
    started = time.perf_counter()
    results = solve_tasks("search", tasks, Budget(programs=10**9, seconds=seconds), workers=workers,
                          backend=backend)
    wall = time.perf_counter() - started
    return {"backend": backend, "workers": workers, "wall_seconds": round(wall, 1),
            "fits_demos": sum(bool(r.candidates) and r.candidates[0].demo_accuracy == 1.0 for r in results.values()),
            "timeouts": sum(r.error == "timeout" for r in results.values()),
            "errors": sum(r.error is not None and r.error != "timeout" for r in results.values())}


def _trivial(pool, n: int) -> dict:
    list(pool.imap(abs, [0] * 4, None))  # warm: workers started
    started = time.perf_counter()
    results = list(pool.imap(abs, list(range(n)), None))
    wall = time.perf_counter() - started
    assert len(results) == n and all(r.ok for r in results)
    return {"jobs": n, "wall_seconds": round(wall, 3), "ms_per_job": round(1000 * wall / n, 3),
            "jobs_per_second": round(n / wall, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dataset", default="arcagi")
    ap.add_argument("--split", default="evaluation")
    ap.add_argument("--tasks", type=int, default=100, help="the first K tasks by id")
    ap.add_argument("--seconds", type=float, default=1.0, help="soft cap per task")
    ap.add_argument("--trivial", type=int, default=2000, help="trivial jobs for the overhead figures")
    ap.add_argument("--out", default="runs/bench_backends")
    args = ap.parse_args()

    load_before = os.getloadavg()
    print(f"load average before: {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}")
    tasks = sorted(load_tasks(args.dataset, args.split), key=lambda t: t.id)[: args.tasks]
    report: dict = {"date": time.strftime("%Y-%m-%d %H:%M %Z"), "cpus": os.cpu_count(), "python": sys.version.split()[0],
                    "machine": platform.machine(), "tasks": len(tasks), "split": args.split,
                    "seconds_per_task": args.seconds, "load_before": load_before}

    # 2. Ray's start-up and per-task costs first, on a fresh instance.
    started = time.perf_counter()
    with RayPool(workers=2) as ray2:
        list(ray2.imap(abs, [0], None))
        report["ray_startup_seconds"] = round(time.perf_counter() - started, 2)
        report["ray_trivial_2_in_flight"] = _trivial(ray2, args.trivial)
        with RayPool(workers=256) as wide:  # shares the instance: 256 jobs in flight on 2 CPUs
            report["ray_trivial_256_in_flight"] = _trivial(wide, args.trivial)
    with DeadlinePool(2) as local2:
        report["local_trivial_2_workers"] = _trivial(local2, args.trivial)
    for key in ("ray_trivial_2_in_flight", "ray_trivial_256_in_flight", "local_trivial_2_workers"):
        print(f"{key}: {report[key]}")
    print(f"ray start-up: {report['ray_startup_seconds']} s")

    # 1. The same search solve on each backend.
    runs = []
    for backend, workers in (("local", 1), ("local", 2), ("ray", 2)):
        run = _solve(tasks, args.seconds, backend, workers)
        runs.append(run)
        print(f"{backend} x{workers}: {run['wall_seconds']} s wall, {run['fits_demos']} fit every demo, "
              f"{run['timeouts']} timeouts, {run['errors']} errors")
    base = runs[0]["wall_seconds"]
    for run in runs:
        run["ratio_to_local_1"] = round(run["wall_seconds"] / base, 3)
    report["solve"] = runs
    print("ratios to local x1: " + ", ".join(f"{r['backend']} x{r['workers']} {r['ratio_to_local_1']}" for r in runs))

    load_after = os.getloadavg()
    report["load_after"] = load_after
    print(f"load average after: {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench_backends.json").write_text(json.dumps(report, indent=1))
    print(f"wrote {out / 'bench_backends.json'}")


if __name__ == "__main__":
    main()
