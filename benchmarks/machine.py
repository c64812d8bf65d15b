"""How fast this machine runs plain Python, so that figures from different machines can be compared.

Solve rates under a per-task time cap move with the machine: the same commit solved 315 / 400 training tasks at
2 s per task on one 2-core machine and 301 / 400 on a slower one. Every benchmark that reports a time-capped
figure also reports :func:`python_speed`, the best of a few timings of a fixed pure-Python loop (integer
arithmetic, tuple building, dict look-ups: the kind of work the DSL primitives do). Lower is faster; divide two
machines' readings to scale a time cap from one to the other.
"""

from __future__ import annotations

import time

_ROUNDS = 200_000


def _work() -> int:
    table: dict[tuple, int] = {}
    total = 0
    for i in range(_ROUNDS):
        row = (i & 7, i & 3, i % 10)
        total += table.setdefault(row, i) + len(row)
    return total


def python_speed(repeats: int = 5) -> float:
    """Seconds for a fixed pure-Python workload, the best of ``repeats`` timings (0.04-0.10 s on the shared
    2-core machine of 2026-12-01, which drifts within that range)."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        _work()
        best = min(best, time.perf_counter() - started)
    return round(best, 4)


if __name__ == "__main__":
    print(python_speed())
