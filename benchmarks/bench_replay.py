"""Replay-buffer benchmark: add throughput, training-set draw time and SQLite reopen time.

Run from the repository root::

    python benchmarks/bench_replay.py [--entries 200000] [--seed-pool 20000]

Entries look like ARC relabelled tasks: 3 demo pairs of random 3..15-sided grids and 60 tokens. Timings are
wall-clock on the current machine; the figures are indicative only.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from replay import Experience, ReplayBuffer


def make_experiences(n: int, n_seed: int, rng: np.random.Generator) -> list[Experience]:
    """``n`` synthetic experiences over 400 parents, the first ``n_seed`` in the seed pool."""

    def grid() -> tuple[tuple[int, ...], ...]:
        r, c = rng.integers(3, 16, size=2)
        return tuple(tuple(int(v) for v in row) for row in rng.integers(0, 10, size=(r, c)))

    parent_inputs = [tuple(grid() for _ in range(3)) for _ in range(400)]
    outputs = [grid() for _ in range(2_000)]
    out = []
    for i in range(n):
        parent = i % 400
        out.append(
            Experience(
                parent_id=f"task{parent:03d}",
                program=f"x1 = f{i}(I)\nO = g(x1)",
                tokens=tuple(range(i % 50, i % 50 + 60)),
                inputs=parent_inputs[parent],
                outputs=tuple(outputs[(i * 7 + k * 13) % 2_000] for k in range(3)),
                origin=("seed" if i % 2 else "mutant") if i < n_seed else "policy",
                iteration=0 if i < n_seed else 1 + i // 9600,
                demo_accuracy=float(rng.choice([0.0, 0.0, 0.0, 0.25, 0.5, 1.0])),
            )
        )
    return out


def fresh(exps: list[Experience]) -> list[Experience]:
    """Copies without cached JSON encodings, so every timed add pays its own encoding cost."""
    return [dataclasses.replace(e) for e in exps]


def timed(label: str, fn, n: int | None = None):
    t0 = time.perf_counter()
    result = fn()
    dt = time.perf_counter() - t0
    rate = f"  ({n / dt:,.0f}/s)" if n else ""
    print(f"{label:<52} {dt * 1000:10.1f} ms{rate}")
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=200_000)
    ap.add_argument("--seed-pool", type=int, default=20_000)
    ap.add_argument("--single-adds", type=int, default=5_000, help="entries added one transaction each")
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    exps = timed("build synthetic experiences", lambda: make_experiences(args.entries, args.seed_pool, rng))

    batch = fresh(exps)
    mem = ReplayBuffer()
    timed(f"add_many in memory ({args.entries:,})", lambda: mem.add_many(batch), args.entries)
    batch = fresh(exps)
    mem_dedup = ReplayBuffer(dedup_outputs=True)
    timed(f"add_many in memory, dedup_outputs ({args.entries:,})", lambda: mem_dedup.add_many(batch), args.entries)

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "buffer.db")
        single = os.path.join(tmp, "single.db")
        with ReplayBuffer.open(single) as sb:
            k = min(args.single_adds, len(exps))
            few = fresh(exps[:k])

            def one_by_one() -> None:
                for e in few:
                    sb.add(e)

            timed(f"add one-by-one, 1 commit each, SQLite ({k:,})", one_by_one, k)
        buf = ReplayBuffer.open(path)
        exps = fresh(exps)

        def chunked() -> None:
            for i in range(0, len(exps), 9_600):
                buf.add_many(exps[i : i + 9_600])

        timed(f"add_many in 9,600-entry commits, SQLite ({args.entries:,})", chunked, args.entries)
        print(f"{'pool sizes':<52} {buf.pool_sizes()}")
        print(f"{'database size':<52} {os.path.getsize(path) / 2**20:10.1f} MiB (+ WAL)")
        gen = np.random.default_rng(1)
        for rep in range(3):
            ts = timed(f"training_set(10000, 90000) run {rep + 1}", lambda: buf.training_set(10_000, 90_000, gen))
        assert len(ts) == 100_000
        timed("sample(90000, policy, replace=True) [cumulative sum]", lambda: buf.sample(90_000, "policy", gen, replace=True))
        buf.close()

        again = timed(f"ReplayBuffer.open (reopen {args.entries:,} rows)", lambda: ReplayBuffer.open(path))
        timed("training_set(10000, 90000) after reopen (lazy decode)", lambda: again.training_set(10_000, 90_000, gen))
        timed("training_set(10000, 90000) 2nd call after reopen", lambda: again.training_set(10_000, 90_000, gen))
        assert len(again) == len(buf)
        again.close()


if __name__ == "__main__":
    main()
