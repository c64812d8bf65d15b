"""A run's wall-clock budget shared among its tasks: time a quickly solved task does not use goes to later ones.

With a fixed cap per task, a task solved in 0.2 s leaves most of its share unused, while the hard tasks (most
of an ARC evaluation set) stop at the cap. :class:`WallShare` gives every job, at the moment a worker starts it,
its fair share of the time left: ``(seconds left x workers) / (jobs not yet finished)``, clamped between a
floor and a cap. Jobs are started in order, so the jobs not yet finished are this one, those after it and the
``workers - 1`` others in flight (counted whole, which errs on the side of ending on time). The share is
computed in the worker from the wall clock, so no backend needs to know about it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Optional

__all__ = ["WallShare", "wall_shares"]

#: A job's share never exceeds this many times the even share (its hard deadline is set from it).
MAX_SHARE_FACTOR = 4.0
#: ... and never falls below this fraction of it, even when earlier jobs overran.
MIN_SHARE_FACTOR = 0.25


@dataclass(frozen=True)
class WallShare:
    """One job's claim on a run's wall-clock budget.

    ``end`` is the run's end on the ``time.time()`` clock; the job is number ``position`` of ``jobs`` started in
    order on ``workers`` workers; ``low`` and ``high`` bound its seconds."""

    end: float
    position: int
    jobs: int
    workers: int
    low: float
    high: float

    def seconds(self, now: Optional[float] = None) -> float:
        """The job's seconds if a worker starts it at ``now`` (default: the current time)."""
        now = time.time() if now is None else now
        unfinished = self.jobs - self.position + min(self.workers - 1, self.position)
        fair = max(0.0, self.end - now) * self.workers / max(1, unfinished)
        return min(self.high, max(self.low, fair))


def wall_shares(jobs: int, workers: int, wall_seconds: float, cap: Optional[float] = None,
                start: Optional[float] = None) -> list[WallShare]:
    """The shares of ``jobs`` jobs run in order on ``workers`` workers within ``wall_seconds`` from ``start``
    (default: now). A job gets at most ``cap`` seconds (default: :data:`MAX_SHARE_FACTOR` times the even share
    ``wall_seconds x workers / jobs``) and at least :data:`MIN_SHARE_FACTOR` times the even share."""
    if wall_seconds <= 0:
        raise ValueError(f"wall_seconds must be positive, got {wall_seconds}")
    if jobs <= 0:
        return []
    workers = max(1, min(workers, jobs))
    even = wall_seconds * workers / jobs
    high = MAX_SHARE_FACTOR * even if cap is None else min(cap, MAX_SHARE_FACTOR * even)
    low = min(high, MIN_SHARE_FACTOR * even)
    end = (time.time() if start is None else start) + wall_seconds
    return [WallShare(end, k, jobs, workers, low, high) for k in range(jobs)]
