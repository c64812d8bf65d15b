"""Persistence: SQLite round trip, reproducible sampling after reopen, JSONL export, and a kill -9 test."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from replay import Experience, ReplayBuffer, read_jsonl

REPO_ROOT = Path(__file__).resolve().parents[2]


def exp(parent: str, program: str, acc: float = 0.0, origin: str = "policy", out: int = 0) -> Experience:
    return Experience(
        parent_id=parent,
        program=program,
        tokens=tuple(range(len(program))),
        inputs=(((1, 2, 3), (4, 5, 6)), ((7,),)),
        outputs=(((out, 1, 2), (3, 4, 5)), ((out,),)),
        origin=origin,
        iteration=4,
        demo_accuracy=acc,
    )


def fill(buf: ReplayBuffer) -> None:
    buf.add_many(exp(f"train{i}", f"seed{i}", 1.0, "seed" if i % 2 else "mutant") for i in range(40))
    for i in range(60):
        buf.add(exp(f"eval{i % 9}", f"prog{i}", (i % 3) / 2, out=i % 10))
    with buf.batch():
        buf.add(exp("eval0", "prog0", 1.0))  # overwrite in place
        buf.add(exp("eval1", "prog1", 1.0, origin="mutant"))  # moves pool
        buf.remove(("eval2", "prog2"))


def snapshot(buf: ReplayBuffer) -> list:
    return [e.to_dict() for e in buf]


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "buffer.db"
    with ReplayBuffer.open(path) as buf:
        fill(buf)
        before = snapshot(buf)
        sizes = buf.pool_sizes()
        prio = buf.priorities("policy")
        draws = [e.key for e in buf.training_set(15, 30, np.random.default_rng(7))]
    assert sizes == {"seed": 41, "policy": 58}
    with ReplayBuffer.open(path) as again:
        assert len(again) == 99 and again.pool_sizes() == sizes
        assert snapshot(again) == before  # same entries, same order
        assert np.array_equal(again.priorities("policy"), prio)
        assert [e.key for e in again.training_set(15, 30, np.random.default_rng(7))] == draws
        assert again.get(("eval0", "prog0")).demo_accuracy == 1.0
        assert ("eval2", "prog2") not in again
        assert again.store.integrity_ok()
    # inspectable with ordinary tools
    con = sqlite3.connect(path)
    counts = dict(con.execute("select origin, count(*) from experiences group by origin").fetchall())
    assert counts == {"seed": 20, "mutant": 21, "policy": 58}
    assert con.execute("pragma journal_mode").fetchone()[0] == "wal"
    row = con.execute("select tokens, inputs, outputs from experiences where program = 'prog5'").fetchone()
    assert row == ("[0,1,2,3,4]", "[[[1,2,3],[4,5,6]],[[7]]]", "[[[5,1,2],[3,4,5]],[[5]]]")
    con.close()


def test_output_dedup_persists(tmp_path: Path) -> None:
    path = tmp_path / "dedup.db"
    with ReplayBuffer.open(path, dedup_outputs=True) as buf:
        assert buf.add(exp("e", "long program", out=3))
        assert buf.add(exp("e", "short", out=3))
        assert not buf.add(exp("e", "longest program", out=3))
    with ReplayBuffer.open(path) as again:
        assert again.dedup_outputs
        assert [e.program for e in again] == ["short"]
        assert not again.add(exp("e", "still longer", out=3))  # the dedup index is rebuilt on load
    with pytest.raises(ValueError):
        ReplayBuffer.open(path, dedup_outputs=False)


def test_jsonl_export(tmp_path: Path) -> None:
    buf = ReplayBuffer()
    fill(buf)
    out = tmp_path / "buf.jsonl"
    assert buf.to_jsonl(out) == len(buf)
    assert list(read_jsonl(str(out))) == list(buf)


def test_batch_commits_applied_work_on_error(tmp_path: Path) -> None:
    path = tmp_path / "err.db"
    buf = ReplayBuffer.open(path)
    with pytest.raises(RuntimeError), buf.batch():
        buf.add(exp("e", "a"))
        raise RuntimeError("boom")
    buf.close()
    with ReplayBuffer.open(path) as again:
        assert [e.program for e in again] == ["a"]


WRITER = textwrap.dedent(
    """
    import sys
    from replay import Experience, ReplayBuffer

    path, batch = sys.argv[1], int(sys.argv[2])
    buf = ReplayBuffer.open(path)
    grid = tuple(tuple((i * j) % 10 for j in range(12)) for i in range(12))
    n = 0
    while True:
        exps = [
            Experience(f"eval{(n + k) % 400}", f"program {n + k}", tuple(range(40)), (grid, grid), (grid, grid),
                       origin="policy", iteration=1, demo_accuracy=((n + k) % 4) / 4)
            for k in range(batch)
        ]
        if batch == 1:
            buf.add(exps[0])
        else:
            buf.add_many(exps)
        n += batch
        print(n, flush=True)
    """
)


@pytest.mark.parametrize("batch, kill_after", [(1, 150), (1, 400), (25, 40), (7, 90)])
def test_kill_minus_nine_loses_no_committed_row(tmp_path: Path, batch: int, kill_after: int) -> None:
    path = tmp_path / "killed.db"
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(batch)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO_ROOT,
    )
    reported = 0
    try:
        assert proc.stdout is not None
        for _ in range(kill_after):
            line = proc.stdout.readline()
            if not line:
                pytest.fail(f"writer exited early: {proc.stderr.read() if proc.stderr else ''}")
            reported = int(line)
        proc.send_signal(signal.SIGKILL)  # mid-run: the writer is busy with the next transaction
        proc.wait(timeout=30)
        # counts the writer printed between our last read and the kill were committed too
        rest = proc.stdout.read()
        if rest.strip():
            reported = int(rest.split()[-1])
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert reported >= kill_after * batch

    with ReplayBuffer.open(path) as buf:
        assert buf.store.integrity_ok()
        n = len(buf)
        # everything reported is there, plus at most one transaction committed before its print
        assert reported <= n <= reported + batch
        assert n % batch == 0  # transactions are atomic: no partial add_many
        for i in range(n):
            assert (f"eval{i % 400}", f"program {i}") in buf
        e = buf.get(("eval3", "program 3"))
        assert e.inputs[0][11][11] == 1 and e.priority == pytest.approx(0.75 + 1e-6)
        assert len(buf.training_set(10, n, 0)) == n


def test_reprioritize_is_written_through(tmp_path: Path) -> None:
    path = tmp_path / "prio.db"
    with ReplayBuffer.open(path) as buf:
        fill(buf)
        buf.reprioritize(lambda e: 2.0 + e.demo_accuracy)
        expected = buf.priorities("policy")
    with ReplayBuffer.open(path) as again:
        assert np.array_equal(again.priorities("policy"), expected)
        assert again.get(("eval4", "prog4")).priority == pytest.approx(2.5)
