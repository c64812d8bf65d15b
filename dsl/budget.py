"""A per-run budget of calls and wall-clock time, charged by every closure the combinators build.

Straight-line programs are cheap per line, but function values can call each other: ``x2 = fork(combine,
x1, x1)`` doubles the work of ``x1`` at every line. Each closure invocation calls :func:`charge`, so such
programs stop with a ``timeout`` error instead of hanging. The interpreter opens a budget per run.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Iterator

from dsl.values import DSLError

DEFAULT_CALLS = 100_000
DEFAULT_SECONDS = 0.25

_calls_left = 1 << 62  # outside any run (e.g. a direct primitive call) nothing is limited
_deadline = float("inf")


def charge(n: int = 1) -> None:
    """Spend ``n`` calls; raise ``DSLError('timeout')`` when the calls or the time run out."""
    global _calls_left
    _calls_left -= n
    if _calls_left < 0:
        raise DSLError("timeout", "call budget exhausted")
    if _calls_left & 255 == 0 and time.perf_counter() > _deadline:
        raise DSLError("timeout", "wall-clock budget exhausted")


def open_run(calls: int, seconds: float) -> tuple[tuple[int, float], float]:
    """Start a fresh budget; returns what :func:`close_run` restores, and the run's deadline.

    The interpreter's hot path uses this pair instead of the :func:`budget` context manager."""
    global _calls_left, _deadline
    saved = (_calls_left, _deadline)
    _calls_left = calls
    _deadline = time.perf_counter() + seconds
    return saved, _deadline


def close_run(saved: tuple[int, float]) -> None:
    """Restore the budget that was active before :func:`open_run`."""
    global _calls_left, _deadline
    _calls_left, _deadline = saved


@contextmanager
def budget(calls: int = DEFAULT_CALLS, seconds: float = DEFAULT_SECONDS) -> Iterator[None]:
    """Run the enclosed block under a fresh budget (restoring the outer one afterwards)."""
    global _calls_left, _deadline
    saved = (_calls_left, _deadline)
    _calls_left = calls
    _deadline = time.perf_counter() + seconds
    try:
        yield
    finally:
        _calls_left, _deadline = saved
