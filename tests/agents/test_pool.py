"""The deadline pool: a stuck job kills only its own worker, and workers never outlive their driver."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from agents.codeit.executor import ProgramExecutor
from agents.pool import DeadlinePool, JobResult, imap_deadline
from arc_env.tasks import Pair, Task
from tests.agents.pool_jobs import job

ROOT = Path(__file__).resolve().parents[2]


def _by_index(results) -> list[JobResult]:
    return sorted(results, key=lambda r: r.index)


def test_in_process_runs_every_item_in_order():
    results = list(imap_deadline(job, [1, 2, "raise", 3], workers=0, timeout=None))
    assert [r.index for r in results] == [0, 1, 2, 3]
    assert [r.value for r in results] == [1, 4, None, 9]
    assert results[2].error == "error: ValueError: bad item"


def test_hung_job_keeps_the_others_real_results():
    items = [1, 2, "hang", 3, 4, "raise", 5, "die", 6, 7]
    start = time.perf_counter()
    results = _by_index(imap_deadline(job, items, workers=2, timeout=2.0))
    assert time.perf_counter() - start < 30  # a generous bound: spawning workers on a loaded machine is slow
    assert [r.index for r in results] == list(range(len(items)))
    for item, r in zip(items, results):
        if item == "hang":
            assert r.error == "timeout" and r.value is None and r.seconds >= 2.0
        elif item == "raise":
            assert r.error == "error: ValueError: bad item"
        elif item == "die":
            assert r.error == "crash"
        else:
            assert r.ok and r.value == item * item


def test_pool_reuses_workers_and_replaces_killed_ones():
    with DeadlinePool(1) as pool:
        assert [r.value for r in pool.imap(job, [2, 3], timeout=5.0)] == [4, 9]
        results = _by_index(pool.imap(job, ["hang", 4], timeout=1.0))
        assert [r.error for r in results] == ["timeout", None] and results[1].value == 16
        assert pool.killed == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is enforced on Linux")
def test_memory_limit_reports_a_crash_and_the_pool_carries_on():
    results = _by_index(imap_deadline(job, ["allocate", 5], workers=1, timeout=30.0, memory_bytes=1 << 30))
    assert results[0].error == "crash" and results[1].value == 25


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as f:
            return not any(line.startswith("State:") and "Z" in line.split()[1] for line in f)
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="checks /proc")
@pytest.mark.parametrize("from_thread", [False, True])
def test_killed_driver_leaves_no_worker_behind(tmp_path, from_thread):
    # The driver runs two jobs that never end; it is then killed with SIGKILL and can clean nothing up.
    paths = [str(tmp_path / f"pid{k}") for k in range(2)]
    driver = textwrap.dedent(f"""
        import threading
        from agents.pool import imap_deadline
        from tests.agents.pool_jobs import hang_and_report

        def drive():
            for _ in imap_deadline(hang_and_report, {paths!r}, workers=2, timeout=600):
                pass

        if __name__ == "__main__":
            if {from_thread!r}:  # workers started from a thread rely on their watchdog, not on PDEATHSIG
                t = threading.Thread(target=drive)
                t.start()
                t.join()
            else:
                drive()
    """)
    script = tmp_path / "driver.py"
    script.write_text(driver)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, str(script)], cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 60
        while not all(Path(p).exists() and Path(p).read_text() for p in paths):
            assert time.monotonic() < deadline, "workers did not start"
            assert proc.poll() is None, "driver exited early"
            time.sleep(0.05)
        pids = [int(Path(p).read_text()) for p in paths]
        assert all(_alive(pid) for pid in pids)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in pids)


ROT = Task("rot", (Pair(((1, 2), (3, 4)), ((3, 1), (4, 2))),), (Pair(((5, 6), (7, 8)), ((7, 5), (8, 6))),))


def test_executor_in_workers_matches_in_process():
    jobs = [(ROT, ["O = rot90(I)", "O = rot180(I)", "O = rot90("]), (ROT, []), (ROT, ["O = hmirror(I)"])]
    with ProgramExecutor(workers=2) as ex:
        pooled = ex.score(jobs)
    local = ProgramExecutor(workers=0).score(jobs)
    assert pooled == local
    assert pooled[0][0].solves_demos and pooled[0][2].error == "parse" and pooled[1] == []
