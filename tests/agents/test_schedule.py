"""Tests for agents.schedule (one wall-clock budget shared among a run's tasks) and its use by solve_tasks."""

import pytest

from agents.base import Budget
from agents.schedule import MAX_SHARE_FACTOR, MIN_SHARE_FACTOR, wall_shares
from agents.solve import solve_tasks
from arc_env.tasks import Pair, Task


def test_the_first_jobs_get_the_even_share():
    shares = wall_shares(jobs=10, workers=2, wall_seconds=50.0, start=1000.0)
    assert len(shares) == 10
    # Job 0 at the start: 50 s x 2 workers over the 10 unfinished jobs.
    assert shares[0].seconds(now=1000.0) == pytest.approx(10.0)
    # Job 1 starts at the same time on the other worker; job 0 is in flight and counted whole.
    assert shares[1].seconds(now=1000.0) == pytest.approx(10.0)


def test_time_left_by_quick_jobs_goes_to_later_ones():
    shares = wall_shares(jobs=10, workers=2, wall_seconds=50.0, start=1000.0)
    # Jobs 0-5 finished within 6 s: job 6 has 44 s x 2 over itself, 3 after it and one in flight.
    assert shares[6].seconds(now=1006.0) == pytest.approx(44.0 * 2 / 5)
    # The last job alone may take what is left, up to the cap.
    assert shares[9].seconds(now=1030.0) == pytest.approx(20.0)
    assert shares[9].seconds(now=1000.0) == pytest.approx(MAX_SHARE_FACTOR * 10.0)


def test_a_share_is_clamped_by_the_cap_and_the_floor():
    shares = wall_shares(jobs=10, workers=2, wall_seconds=50.0, cap=12.0, start=1000.0)
    assert shares[9].seconds(now=1000.0) == 12.0
    # Past the end (earlier jobs overran), a job still gets the floor.
    assert shares[5].seconds(now=2000.0) == pytest.approx(MIN_SHARE_FACTOR * 10.0)


def test_bad_wall_budgets_are_refused():
    with pytest.raises(ValueError, match="wall_seconds"):
        wall_shares(3, 2, 0.0)
    assert wall_shares(0, 2, 10.0) == []


def test_solve_tasks_gives_each_task_its_share():
    # Agents see their task's seconds through the budget: the echo agent reports it back in its stats.
    tasks = [Task(f"t{k}", (Pair(((1,),), ((1,),)),), (Pair(((1,),), ((1,),)),)) for k in range(4)]
    results = solve_tasks(_budget_echo, tasks, Budget(seconds=30.0), workers=0, wall_seconds=8.0)
    seconds = [results[t.id].stats["seconds_given"] for t in tasks]
    # One worker, 8 s for 4 quick tasks: 2 s, then the time left over the tasks left, up to 4x the even share.
    assert seconds[0] == pytest.approx(2.0, abs=0.2)
    assert all(b >= a - 0.05 for a, b in zip(seconds, seconds[1:]))
    assert seconds[-1] == pytest.approx(8.0, abs=0.5)


class _EchoAgent:
    name = "echo"

    def __init__(self) -> None:
        self.stats: dict = {}

    def solve(self, task, budget):
        self.stats = {"seconds_given": budget.seconds}
        return []


def _budget_echo(seed, budget):
    return _EchoAgent()
