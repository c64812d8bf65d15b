"""Paired branches of one CodeIt run: a shared iteration 0, then each variant's later iterations from it.

Iteration 0 of a search-sampler run (seed pool, pretraining, a search of every task) costs most of a run's
time, and what it solves moves by several tasks between two runs of the same settings (the searches are
capped in seconds). Settings that act only on later iterations (the prior's later strength, the search's
later budget, ...) are compared here from one iteration-0 state: the run directory after iteration 0 is
copied once per (variant, repeat), its ``config.json`` is overridden, and ``CodeItTrainer.resume`` runs the
later iterations. Repeats show the spread that time-capped searches leave on the same state.

    python benchmarks/bench_branches.py --split training --tasks 200 --seconds 0.15 --later 2 --repeats 2 \\
        --variant guided= --variant flat=prior_strength_later=0.0

A variant is ``NAME=`` (the run's own settings) or ``NAME=KEY=VALUE[,KEY=VALUE...]`` (``codeit train --set``
syntax). Design and tune on the training split; the evaluation split is for final measurements only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agents.codeit.config import CodeItConfig  # noqa: E402
from agents.codeit.trainer import CodeItTrainer  # noqa: E402
from benchmarks.machine import python_speed  # noqa: E402


def parse_variant(text: str) -> tuple[str, list[str]]:
    """``NAME=`` or ``NAME=KEY=VALUE,KEY=VALUE`` -> (name, overrides)."""
    name, sep, rest = text.partition("=")
    if not sep or not name:
        raise SystemExit(f"--variant {text!r}: expected NAME= or NAME=KEY=VALUE[,KEY=VALUE...]")
    return name, [kv for kv in rest.split(",") if kv]


def branch(root: Path, out: Path, overrides: list[str], iterations: int) -> list[dict]:
    """Copy the run at ``root``, override its config, resume it for ``iterations`` more; its performance rows."""
    shutil.copytree(root, out)
    CodeItConfig.load(out / "config.json").override(overrides).save(out / "config.json")
    trainer = CodeItTrainer.resume(out, progress=False, log=lambda m: None)
    with trainer.buffer:
        trainer.run(trainer.iteration + iterations)
    return trainer.performance


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="training")
    ap.add_argument("--tasks", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=0.15, help="search seconds per task per iteration")
    ap.add_argument("--later", type=int, default=2, help="iterations each branch runs after iteration 0")
    ap.add_argument("--repeats", type=int, default=2, help="branches per variant from the same iteration 0")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--variant", action="append", default=[], metavar="NAME=[KEY=VALUE,...]")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="overrides for every run")
    args = ap.parse_args()
    if args.repeats < 1 or args.later < 0:
        raise SystemExit(f"--repeats {args.repeats} / --later {args.later}: "
                         "need at least one repeat and no negative count")
    variants = [parse_variant(v) for v in args.variant] or [("run", [])]
    speed, load_before = python_speed(), os.getloadavg()
    config = CodeItConfig.from_preset("cpu").override(
        [f"search_split={args.split}", f"tasks={args.tasks}", f"seed={args.seed}", f"workers={args.workers}",
         f"search_seconds={args.seconds}", "search_growth=1.0"] + args.set)
    with tempfile.TemporaryDirectory(prefix="bench-branches-") as tmp:
        root = Path(tmp) / "iteration0"
        started = time.perf_counter()
        trainer = CodeItTrainer(config, root, progress=False, log=lambda m: None)
        with trainer.buffer:
            trainer.run(1)  # closes the trainer when done
        first = trainer.performance[-1]
        print(f"iteration 0: solved {float(first['solved_top3']):.0f} / {len(trainer.search_tasks)} top-3 "
              f"({(time.perf_counter() - started) / 60:.1f} min)", flush=True)
        finals: dict[str, list[float]] = {}
        for repeat in range(args.repeats):
            for name, overrides in variants:
                t0 = time.perf_counter()
                rows = branch(root, Path(tmp) / f"{name}-{repeat}", overrides, args.later)
                curve = [float(r["solved_top3"]) for r in rows]
                fits = [r.get("tasks_fitted") for r in rows[1:]]
                finals.setdefault(name, []).append(curve[-1])
                print(f"  {name:12s} repeat {repeat}: solved {' -> '.join(f'{s:.0f}' for s in curve)}, "
                      f"later fits {fits}, {time.perf_counter() - t0:.0f} s", flush=True)
    print(f"{args.split}, first {args.tasks} tasks, {args.seconds:g} s per task, {args.later} later iterations, "
          f"{args.repeats} repeats, seed {args.seed}, {args.workers} workers; load {load_before[0]:.2f} before, "
          f"{os.getloadavg()[0]:.2f} after; python speed {speed} s before, {python_speed()} s after")
    for name, overrides in variants:
        v = finals[name]
        print(f"{name:12s} {','.join(overrides) or '(the run settings)'}: final solved mean {statistics.mean(v):.1f} "
              f"(min {min(v):.0f}, max {max(v):.0f})")


if __name__ == "__main__":
    main()
