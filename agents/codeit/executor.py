"""Scoring sampled programs in worker processes, each program under a hard deadline.

Each program is one job of the shared deadline pool (:mod:`agents.pool`) and is scored through
:func:`arc_env.scoring.score_program` (the scorer every agent uses). The interpreter already stops every
program at its work, time and memory budget; the pool is the backstop for anything that still hangs or blows
up: a program past its deadline gets its own worker killed and is scored ``timeout`` (``limit`` if its worker
died, e.g. out of memory), while the other programs keep their real scores. ``workers=0`` runs in-process.
The pool comes from :func:`agents.backends.make_pool`: local worker processes, or Ray tasks (``backend="ray"``).
"""

from __future__ import annotations

import logging
from typing import Optional, Sequence

from agents.backends import Pool, check_backend, make_pool
from agents.pool import JobResult, imap_deadline
from arc_env.scoring import ProgramScore, failed_score, score_program
from arc_env.tasks import Task

logger = logging.getLogger(__name__)

#: Address space a worker may map beyond its size at start: far above what one program can hold (the
#: interpreter caps a run's values at about 150 MB), low enough to stop a runaway before the machine swaps.
WORKER_MEMORY_BYTES = 2 << 30


def _score_job(job: tuple[Task, str, float]) -> ProgramScore:
    task, program, seconds = job
    return score_program(task, program, run_test=True, seconds=seconds)


def _error_kind(result: JobResult) -> str:
    if result.error == "timeout":
        return "timeout"
    if result.error == "crash":
        return "limit"  # the worker died: out of memory, or killed by the OS
    return "runtime"


class ProgramExecutor:
    """Scores many (task, programs) jobs in parallel; never raises for a bad program.

    Args:
        workers: worker processes (0 = run in the calling process, without a deadline).
        program_seconds: the interpreter's wall-clock budget per program and input.
        slack: extra seconds a program may take beyond ``program_seconds`` x runs before it is killed.
        memory_bytes: per-worker address-space limit (see :data:`WORKER_MEMORY_BYTES`); None for none.
        backend: ``"local"`` (worker processes here) or ``"ray"`` (Ray tasks; ``workers`` is then the jobs in
            flight and a local instance's CPUs); see :func:`agents.backends.make_pool`.
        address: the Ray cluster to join (None: a local Ray instance).
    """

    def __init__(self, workers: int = 2, program_seconds: float = 0.25, slack: float = 5.0,
                 memory_bytes: Optional[int] = WORKER_MEMORY_BYTES, backend: str = "local",
                 address: Optional[str] = None) -> None:
        check_backend(backend, address)
        self.workers = workers
        self.program_seconds = program_seconds
        self.slack = slack
        self.memory_bytes = memory_bytes
        self.backend = backend
        self.address = address
        self._pool: Optional[Pool] = None

    @property
    def killed_jobs(self) -> int:
        """Programs whose worker was killed at their deadline so far."""
        return self._pool.killed if self._pool is not None else 0

    def score(self, jobs: Sequence[tuple[Task, Sequence[str]]]) -> list[list[ProgramScore]]:
        """Per job, the score of each program (test inputs are run for predictions, never compared)."""
        items = [(task, program, self.program_seconds) for task, programs in jobs for program in programs]
        if not items:
            return [[] for _ in jobs]
        runs = max(len(task.train) + len(task.test) for task, _ in jobs)
        timeout = self.slack + runs * self.program_seconds
        if self.workers <= 0:
            results = imap_deadline(_score_job, items, workers=0, timeout=None)
        else:
            if self._pool is None:
                self._pool = make_pool(self.backend, self.workers, self.address, self.memory_bytes)
            results = self._pool.imap(_score_job, items, timeout)
        flat: list[Optional[ProgramScore]] = [None] * len(items)
        for r in results:
            if r.ok:
                flat[r.index] = r.value
            else:
                task, program, _ = items[r.index]
                logger.warning("program scored %s after its job ended with %s", _error_kind(r), r.error)
                flat[r.index] = failed_score(task, program, _error_kind(r))
        out, k = [], 0
        for _, programs in jobs:
            out.append(flat[k:k + len(programs)])
            k += len(programs)
        return out

    def close(self) -> None:
        """Shut the worker processes down."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def __enter__(self) -> "ProgramExecutor":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
