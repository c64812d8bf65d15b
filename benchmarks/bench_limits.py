"""How fast and how small adversarial programs stop, and how fast the deadline pool runs jobs.

Run from the repository root: ``python benchmarks/bench_limits.py [--jobs 2000]``.

1. Scores every program of ``tests/dsl/adversarial.py`` (built to run long or hold much memory) on a task of
   three 30x30 demos and a test input, each in a fresh process, and reports its error kind, the wall time of
   ``score_program`` and the process's peak resident memory. Targets: every one ends with ``timeout`` or
   ``limit`` within twice the interpreter's time limit per run (4 runs x 2 x 0.25 s = 2 s) and stays under
   500 MB resident.
2. Runs the costly-but-legal programs (``HEAVY``) the same way; they must succeed.
3. Pool throughput: ``--jobs`` trivial jobs through :class:`agents.pool.DeadlinePool` with 2 workers, and a
   batch of ten with one job that never ends (the nine others must keep their results).

The load average is printed first and last: timings on a shared machine are only comparable at similar load.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

_CHILD = """
import json, resource, sys, time
from arc_env.scoring import score_program
from dsl.budget import DEFAULT_SECONDS
from tests.dsl.adversarial import ADVERSARIAL, HEAVY
from tests.dsl.test_limits import BIG_TASK
text = {**ADVERSARIAL, **HEAVY}[sys.argv[1]]
start = time.perf_counter()
score = score_program(BIG_TASK, text, run_test=True)
print(json.dumps({"error": score.error, "seconds": time.perf_counter() - start,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "limit_s": 2 * DEFAULT_SECONDS * (len(BIG_TASK.train) + len(BIG_TASK.test))}))
"""


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" (cpus {os.cpu_count()})"
    except OSError:
        return "n/a"


def bench_programs() -> bool:
    from tests.dsl.adversarial import ADVERSARIAL, HEAVY

    ok = True
    env = {**os.environ, "PYTHONPATH": ROOT}
    for group, names, want_error in (("adversarial", ADVERSARIAL, True), ("heavy", HEAVY, False)):
        for name in sorted(names):
            out = subprocess.run([sys.executable, "-c", _CHILD, name], cwd=ROOT, env=env, capture_output=True,
                                 check=False, text=True, timeout=300)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            good = (r["error"] in ("timeout", "limit")) == want_error and r["seconds"] <= r["limit_s"] \
                and r["rss_mb"] < 500
            ok &= good
            print(f"[{group}] {name:24s} {r['error']!s:8s} {r['seconds']:7.3f} s  {r['rss_mb']:6.0f} MB peak"
                  f"{'' if good else '  <-- misses its target'}")
    return ok


def bench_pool(jobs: int) -> None:
    from agents.pool import DeadlinePool
    from tests.agents.pool_jobs import job

    with DeadlinePool(2) as pool:
        start = time.perf_counter()
        list(pool.imap(job, [0, 0], 10.0))
        print(f"[pool] 2 workers started and warm in {time.perf_counter() - start:.2f} s")
        start = time.perf_counter()
        results = list(pool.imap(job, list(range(jobs)), 10.0))
        seconds = time.perf_counter() - start
        print(f"[pool] {jobs} trivial jobs in {seconds:.2f} s ({jobs / seconds:,.0f} jobs/s)")
        batch = [1, 2, "hang", 3, 4, 5, 6, 7, 8, 9]
        start = time.perf_counter()
        results = sorted(pool.imap(job, batch, 1.0), key=lambda r: r.index)
        kept = sum(r.ok for r in results)
        print(f"[pool] batch of 10 with one hung job (deadline 1 s): {time.perf_counter() - start:.2f} s, "
              f"{kept} real results kept, hung job: {results[2].error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2000)
    args = parser.parse_args()
    print(f"load average (1, 5, 15 min): {load_average()}")
    ok = bench_programs()
    bench_pool(args.jobs)
    print(f"targets {'met' if ok else 'MISSED'}")
    print(f"load average (1, 5, 15 min): {load_average()}")


if __name__ == "__main__":
    main()
