"""CodeIt with the search sampler: guided (learned prior) vs unguided (``prior=uniform``) learning curves.

Runs ``codeit train`` in-process once per (prior, seed), one run at a time (the cores are shared), and prints
per meta-iteration: solved top-3 (cumulative), cumulative states searched and wall time, then the mean and
spread over seeds. With ``--probe`` it also measures how much the final learned prior cuts the search: on the
search tasks where both searches find a program fitting every demo, the median number of states expanded
before the first such program, guided vs unguided.

    python benchmarks/bench_codeit_search.py --split training --tasks 200 --iterations 4 --seeds 0 1 2

With ``--parallel`` every (prior, seed) run is its own process and all run at once, for a machine with cores
to spare (each run still uses ``--workers`` search workers); each run writes its curve after every iteration,
so a run stopped early (``--max-seconds``) still reports the iterations it finished.

Design and tune on the training split (the seed pool then comes from the training tasks outside the search
set); the evaluation split is for the final measurement only.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agents.base import Budget  # noqa: E402
from agents.codeit.config import CodeItConfig  # noqa: E402
from agents.codeit.trainer import CodeItTrainer  # noqa: E402
from agents.search.agent import SearchAgent  # noqa: E402
from benchmarks.machine import python_speed  # noqa: E402


def run(prior: str, seed: int, args: argparse.Namespace, out: Path, rows_out: Path | None = None) -> list[dict]:
    overrides = [f"prior={prior}", f"seed={seed}", f"iterations={args.iterations}", f"tasks={args.tasks}",
                 f"search_split={args.split}", f"search_seconds={args.seconds}", f"workers={args.workers}",
                 f"seed_search_seconds={args.seed_seconds}"] + args.set
    config = CodeItConfig.from_preset("cpu").override(overrides)
    trainer = CodeItTrainer(config, out, progress=False, log=lambda m: None, overwrite=True)
    started = time.perf_counter()
    rows = []
    with trainer.buffer:
        trainer.fill_seed_pool()
        seeded = time.perf_counter() - started
        while trainer.iteration < config.iterations:
            row = trainer.meta_iteration()
            rows.append({"iteration": row["iteration"], "solved_top3": row["solved_top3"],
                         "solved_pass2": row["solved_pass2"], "states_total": row["states_total"],
                         "tasks_searched": row["tasks_searched"], "tasks_fitted": row.get("tasks_fitted"),
                         "loss": row["loss"],
                         "minutes": (time.perf_counter() - started) / 60, "seed_minutes": seeded / 60})
            print(f"  {prior:8s} seed {seed} it {row['iteration']}: solved {row['solved_top3']:.0f}/"
                  f"{len(trainer.search_tasks)} (fitted {row.get('tasks_fitted')} of {row['tasks_searched']}), "
                  f"states {row['states_total']:,}, loss {row['loss']:.3f}, {rows[-1]['minutes']:.1f} min", flush=True)
            if rows_out is not None:
                rows_out.write_text(json.dumps(rows))
        trainer.close()
        if args.probe and prior == "learned":
            rows[-1]["probe"] = probe(trainer, args)
    return rows


def states_to_first_fit(task, prior, seconds: float):
    agent = SearchAgent(prior=prior, stack=False, views=(("plain", 1.0),))
    agent.solve(task.without_test_outputs(), Budget(seconds=seconds))
    return agent.stats["first_fit_states"]


def probe(trainer: CodeItTrainer, args: argparse.Namespace) -> dict:
    """Median states created before the first demo-fitting chain, with the final prior and without."""
    tasks = trainer.search_tasks[: args.probe]
    priors = trainer.policy.step_costs([[(p.input, p.output) for p in t.train] for t in tasks])
    guided, uniform = [], []
    for task, prior in zip(tasks, priors):
        g, u = states_to_first_fit(task, prior, 2 * args.seconds), states_to_first_fit(task, None, 2 * args.seconds)
        if g is not None and u is not None:
            guided.append(g)
            uniform.append(u)
    return {"tasks_found_by_both": len(guided), "median_states_guided": statistics.median(guided) if guided else None,
            "median_states_uniform": statistics.median(uniform) if uniform else None}


def run_parallel(args: argparse.Namespace, tmp: Path) -> dict[str, dict[int, list[dict]]]:
    """Every (prior, seed) run in a process of its own, all at once; each one's finished iterations."""
    procs = {}
    for seed in args.seeds:
        for prior in args.priors:
            rows = tmp / f"rows-{prior}-{seed}.json"
            cmd = [sys.executable, __file__, "--split", args.split, "--tasks", str(args.tasks),
                   "--iterations", str(args.iterations), "--seconds", str(args.seconds),
                   "--seed-seconds", str(args.seed_seconds), "--seeds", str(seed), "--priors", prior,
                   "--workers", str(args.workers), "--probe", str(args.probe), "--rows-out", str(rows)] + [f"--set={kv}" for kv in args.set]
            # A session of its own, so that stopping a run also stops its search workers.
            procs[(prior, seed)] = (subprocess.Popen(cmd, start_new_session=True), rows)
    deadline = time.monotonic() + (args.max_seconds or 1e12)
    for proc, _ in procs.values():
        try:
            proc.wait(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
    results: dict[str, dict[int, list[dict]]] = {}
    for (prior, seed), (proc, rows) in procs.items():
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            print(f"  {prior} seed {seed}: stopped after --max-seconds", flush=True)
        results.setdefault(prior, {})[seed] = json.loads(rows.read_text()) if rows.exists() else []
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="training")
    ap.add_argument("--tasks", type=int, default=200)
    ap.add_argument("--iterations", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=1.0, help="search seconds per task per iteration")
    ap.add_argument("--seed-seconds", type=float, default=0.3, help="seed-pool search seconds per training task")
    ap.add_argument("--seeds", type=int, nargs="+", default=[0])
    ap.add_argument("--priors", nargs="+", default=["learned", "uniform"])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--probe", type=int, default=0, help="probe the final prior on the first K search tasks")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="any other config override")
    ap.add_argument("--out", default=None, help="write all curves to this JSON file")
    ap.add_argument("--parallel", action="store_true", help="run every (prior, seed) at once, one process each")
    ap.add_argument("--max-seconds", type=float, default=None,
                    help="with --parallel: stop the runs after this long and report the iterations they finished")
    ap.add_argument("--rows-out", default=None, help=argparse.SUPPRESS)  # a --parallel child's curve file
    args = ap.parse_args()
    speed = python_speed()
    load_before = os.getloadavg()
    results: dict[str, dict[int, list[dict]]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-codeit-") as tmp:
        if args.parallel:
            results = run_parallel(args, Path(tmp))
        else:
            for seed in args.seeds:
                for prior in args.priors:
                    results.setdefault(prior, {})[seed] = run(
                        prior, seed, args, Path(tmp) / f"{prior}-{seed}",
                        rows_out=Path(args.rows_out) if args.rows_out else None)
    results = {p: {s: rows for s, rows in by_seed.items() if rows} for p, by_seed in results.items()}
    results = {p: by_seed for p, by_seed in results.items() if by_seed}
    speeds = [speed, python_speed()]  # before and after: the host drifts during a run
    print(f"\n{args.split}, first {args.tasks} tasks, {args.iterations} iterations, {args.seconds:g} s per task, "
          f"{args.workers} workers; load {load_before[0]:.2f} before, {os.getloadavg()[0]:.2f} after; "
          f"python speed {speeds[0]} s before, {speeds[1]} s after (benchmarks/machine.py)")
    for prior, by_seed in results.items():
        done = min(len(rows) for rows in by_seed.values())  # iterations every seed finished
        finals = [rows[done - 1]["solved_top3"] for rows in by_seed.values()]
        states = [rows[done - 1]["states_total"] for rows in by_seed.values()]
        minutes = [rows[done - 1]["minutes"] for rows in by_seed.values()]
        curve = [statistics.mean(rows[k]["solved_top3"] for rows in by_seed.values()) for k in range(done)]
        print(f"{prior:8s} solved {statistics.mean(finals):.1f} (min {min(finals):.0f}, max {max(finals):.0f}) "
              f"after {done} iterations "
              f"over seeds {list(by_seed)}; curve {[round(c, 1) for c in curve]}; states {statistics.mean(states):,.0f}; "
              f"{statistics.mean(minutes):.1f} min per run")
        for rows in by_seed.values():
            if "probe" in rows[-1]:
                print(f"         probe: {rows[-1]['probe']}")
    if args.out:
        Path(args.out).write_text(json.dumps({"args": vars(args), "python_speed_s": speeds, "load_before": load_before,
                                              "load_after": os.getloadavg(), "results": results}, indent=1))


if __name__ == "__main__":
    main()
