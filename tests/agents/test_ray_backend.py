"""The Ray backend (agents.ray_pool) on a local Ray instance (127.0.0.1 only, 2 CPUs): the deadline pool's
contract, a killed worker's job rerun elsewhere, the same solve results as the local pool, and a CodeIt run
on Ray that resumes. Skipped without the [ray] extra."""

import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest

ray = pytest.importorskip("ray", reason="needs the [ray] extra: pip install -e '.[ray]'")

from agents.base import Budget  # noqa: E402
from agents.cli import main  # noqa: E402
from agents.ray_pool import RayPool  # noqa: E402
from agents.solve import solve_tasks  # noqa: E402
from arc_env.loaders import load_tasks  # noqa: E402
from tests.agents.pool_jobs import job, sleep_and_report  # noqa: E402


@pytest.fixture(scope="module")
def pool():
    """One local Ray instance for the module: pools made while this one is open share it."""
    with RayPool(workers=2, memory_bytes=1 << 30) as p:
        list(p.imap(job, [0], None))  # start Ray and its workers
        yield p
    assert not ray.is_initialized()  # the last pool's close shut the local instance down


def test_local_instance_listens_on_loopback_only(pool):
    assert ray.util.get_node_ip_address() == "127.0.0.1"
    assert int(ray.cluster_resources()["CPU"]) == 2


def test_deadline_memory_cap_and_errors_as_in_the_local_pool(pool):
    items = [1, 2, "hang", 3, "raise", "allocate", 4]
    results = sorted(pool.imap(job, items, timeout=3.0), key=lambda r: r.index)
    assert [r.index for r in results] == list(range(len(items)))
    by_item = dict(zip(map(str, items), results))
    assert by_item["hang"].error == "timeout" and by_item["hang"].seconds >= 3.0
    assert by_item["raise"].error == "error: ValueError: bad item"
    assert by_item["allocate"].error == "crash"  # MemoryError under the 1 GiB cap, not retried
    assert [r.value for r in results if r.ok] == [1, 4, 9, 16]
    assert pool.killed == 1
    assert [r.value for r in pool.imap(job, [5], timeout=5.0)] == [25]  # the cap was lifted, the pool carries on


def test_a_job_that_always_kills_its_worker_ends_as_a_crash(pool):
    with RayPool(workers=2, max_retries=1) as dying:
        results = sorted(dying.imap(job, ["die", 3], timeout=60.0), key=lambda r: r.index)
    assert [(r.error, r.value) for r in results] == [("crash", None), (None, 9)]


def test_a_killed_worker_is_rerun_on_another(pool, tmp_path):
    jobs = [(str(tmp_path), i, 1.5) for i in range(6)]
    killed = {}

    def kill_the_first_worker_seen():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            files = sorted(tmp_path.glob("*.pid"))
            if files:
                pid = int(files[0].read_text())
                killed[files[0].stem] = pid
                os.kill(pid, signal.SIGKILL)
                return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_the_first_worker_seen)
    killer.start()
    results = sorted(pool.imap(sleep_and_report, jobs, timeout=60.0), key=lambda r: r.index)
    killer.join()
    assert killed, "no worker was seen to kill"
    assert [(r.error, r.value) for r in results] == [(None, i * i) for i in range(6)]
    (index, pid), = killed.items()
    assert int(Path(tmp_path, f"{index}.pid").read_text()) != pid  # the job ran again, in a fresh worker


def _view(results):
    return {tid: (r.error, [(c.program, c.demo_accuracy) for c in r.candidates]) for tid, r in results.items()}


def test_ten_tasks_solve_as_on_the_local_pool(pool):
    tasks = sorted(load_tasks("arcagi", "training"), key=lambda t: t.id)[:10]
    budget = Budget(programs=100)  # states, no clock: the same candidates on any machine
    local = solve_tasks("search", tasks, budget, workers=2)
    on_ray = solve_tasks("search", tasks, budget, workers=2, backend="ray")
    assert _view(on_ray) == _view(local)
    assert sum(bool(r.candidates) and r.candidates[0].demo_accuracy == 1.0 for r in on_ray.values()) >= 3


def test_codeit_solve_on_ray_streams_results_and_resumes(pool, tmp_path, capsys):
    args = ["solve", "--agent", "search", "--split", "training", "--tasks", "3", "--budget", "50",
            "--backend", "ray", "--out", str(tmp_path)]
    assert main(args) == 0
    lines = (tmp_path / "results.jsonl").read_text().splitlines()
    assert len(lines) == 4 and "header" in json.loads(lines[0])
    first = json.loads((tmp_path / "solutions.json").read_text())
    with (tmp_path / "results.jsonl").open("w") as f:  # as if killed after the first two tasks finished
        f.write("\n".join(lines[:3]) + "\n")
    assert main([*args, "--resume"]) == 0
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["settings"]["resumed_tasks"] == 2 and summary["settings"]["backend"] == "ray"
    assert json.loads((tmp_path / "solutions.json").read_text()) == first


def test_codeit_train_on_ray_runs_and_resumes(pool, tmp_path, capsys):
    tiny = ["--set", "use_mutants=false", "--set", "n_seed_draw=32", "--set", "n_policy_draw=32",
            "--set", "samples_per_task=4", "--set", "max_train_seconds=none", "--set", "search_split=training",
            "--set", "workers=2", "--set", "policy.d_model=32", "--set", "policy.d_ff=64",
            "--set", "policy.num_layers=1", "--set", "policy.num_decoder_layers=1", "--set", "policy.num_heads=2",
            "--set", "policy.max_prompt_tokens=256", "--set", "policy.max_program_tokens=32"]
    out = tmp_path / "run"
    assert main(["train", "--out", str(out), "--iterations", "1", "--tasks", "3", "--quiet", "--backend", "ray",
                 *tiny]) == 0
    config = json.loads((out / "config.json").read_text())
    assert config["backend"] == "ray" and config["address"] is None
    assert main(["resume", str(out), "--iterations", "2", "--quiet", "--backend", "ray"]) == 0
    rows = (out / "performance.csv").read_text().splitlines()
    assert len(rows) == 3  # header + two iterations
