"""Generalisation of the search agent: leave-one-demo-out on ARC-AGI-1 *training* tasks.

    python benchmarks/bench_generalisation.py [--holdout one|all] [--budget 300] [--seconds 6] [--tasks K]
                                              [--ids FILE] [--out DIR]

A training task with n >= 3 demos becomes held-out tasks that keep n-1 demos and use the remaining demo as
their only test pair (``--holdout all``: one per demo; ``one``: a single demo chosen from the task id, so each
task counts once). The search sees the kept demos and the held-out *input*; the scorer checks the held-out
output. A task's real test pairs are never used, so this measures on training data alone how often a program
fitting the demos is the right rule (the figure that matters on unseen tasks).

Prints, and writes to ``DIR/bench_generalisation.json``: held-out tasks, top candidates that fit every kept
demo, held-out right top-1, top-3 and by any candidate, and the same split by the kind of the top candidate (``chain``, ``map``,
``stackK`` for a stack of K layers, ``partial``), read from the candidate's ``origin``. ``--budget`` counts
states expanded per task, so runs compare by work rather than by seconds on a loaded machine.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agents.base import Budget, task_solved
from agents.solve import solve_tasks
from arc_env.loaders import load_tasks
from arc_env.tasks import Task


def held_out_tasks(task: Task, which: str = "all") -> list[Task]:
    """The leave-one-demo-out tasks of ``task`` (none when it has fewer than 3 demos); ids are ``ID/k``."""
    n = len(task.train)
    if n < 3:
        return []
    ks = range(n) if which == "all" else [int(task.id, 16) % n if task.id.isalnum() else 0]
    return [Task(f"{task.id}/{k}", task.train[:k] + task.train[k + 1:], (task.train[k],), task.source)
            for k in ks]


def kind_of(origin: str) -> str:
    """The kind of a search candidate from its origin (``search:chain`` -> ``chain``)."""
    return origin.split(":", 1)[1] if ":" in origin else (origin or "none")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--holdout", choices=("one", "all"), default="one")
    ap.add_argument("--budget", type=int, default=300, help="states expanded per task")
    ap.add_argument("--seconds", type=float, default=6.0, help="soft cap per task (a safety net)")
    ap.add_argument("--tasks", type=int, default=None, help="the first K source tasks by id")
    ap.add_argument("--ids", default=None, help="a file of source task ids to use (one per line)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--out", default="runs/bench_generalisation")
    args = ap.parse_args()

    source = sorted(load_tasks("arcagi", "training"), key=lambda t: t.id)
    if args.ids:
        keep = set(Path(args.ids).read_text().split())
        source = [t for t in source if t.id in keep]
    source = source[: args.tasks]
    tasks = [h for t in source for h in held_out_tasks(t, args.holdout)]
    started = time.perf_counter()
    results = solve_tasks("search", tasks, Budget(programs=args.budget, seconds=args.seconds),
                          workers=args.workers)
    per_task: dict[str, dict] = {}
    by_kind: dict[str, Counter] = defaultdict(Counter)
    for t in tasks:
        r = results[t.id]
        fits = bool(r.candidates) and r.candidates[0].demo_accuracy == 1.0
        kind = kind_of(r.candidates[0].origin) if r.candidates else "none"
        row = {"fits": fits, "kind": kind, "top1": task_solved(t, r.candidates, 1),
               "top3": task_solved(t, r.candidates, 3), "any": task_solved(t, r.candidates, len(r.candidates)),
               "error": r.error, "top": [(c.origin, c.cost, c.program) for c in r.candidates[:3]]}
        per_task[t.id] = row
        by_kind[kind].update({"tasks": 1, "fits": int(fits), "top1": int(row["top1"]), "top3": int(row["top3"]),
                              "any": int(row["any"]),
                              "fit_wrong": int(fits and not row["top1"])})
    total = Counter()
    for c in by_kind.values():
        total.update(c)
    figures = {"held_out_tasks": len(tasks), "fits": total["fits"], "right_top1": total["top1"],
               "right_top3": total["top3"],
               "right_any": total["any"], "fit_but_wrong_top1": total["fit_wrong"],
               "by_kind": {k: dict(c) for k, c in sorted(by_kind.items())},
               "settings": {"holdout": args.holdout, "budget_states": args.budget, "seconds": args.seconds,
                            "source_tasks": len(source)},
               "wall_seconds": round(time.perf_counter() - started, 1)}
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench_generalisation.json").write_text(json.dumps({**figures, "per_task": per_task}, indent=1))
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
