"""Running sampled programs in a pool of worker processes with hard timeouts.

Each job scores a batch of programs on one task through :func:`arc_env.scoring.score_program` (the scorer
every agent uses). The interpreter already stops each program at its call and time budget; the process
pool is the backstop for anything that still hangs (a pathological primitive, a memory blow-up): a job that
outlives its deadline gets its pool killed and its programs scored as ``timeout``, and a fresh pool takes
over. ``workers=0`` runs in-process.
"""

from __future__ import annotations

import multiprocessing as mp
from typing import Optional, Sequence

from arc_env.scoring import ProgramScore, score_program
from arc_env.tasks import Task


def _score_job(task: Task, programs: Sequence[str], seconds: float) -> list[ProgramScore]:
    return [score_program(task, p, run_test=True, seconds=seconds) for p in programs]


def _timeout_score(task: Task, program: str) -> ProgramScore:
    n = len(task.train)
    return ProgramScore(program, "timeout", (None,) * n, ("timeout",) * n, (False,) * n, (0.0,) * n)


class ProgramExecutor:
    """Scores many (task, programs) jobs in parallel; never raises for a bad program.

    Args:
        workers: worker processes (0 = run in the calling process).
        program_seconds: the interpreter's wall-clock budget per program and input.
        slack: extra seconds a job may take beyond ``program_seconds`` x runs before it is killed.
    """

    def __init__(self, workers: int = 2, program_seconds: float = 0.25, slack: float = 10.0) -> None:
        self.workers = workers
        self.program_seconds = program_seconds
        self.slack = slack
        self._pool: Optional[mp.pool.Pool] = None
        self.killed_jobs = 0

    def _ensure_pool(self) -> mp.pool.Pool:
        if self._pool is None:
            # spawn: workers must not inherit the trainer's torch threads or open files
            self._pool = mp.get_context("spawn").Pool(self.workers)
        return self._pool

    def _deadline(self, task: Task, n_programs: int) -> float:
        runs = len(task.train) + len(task.test)
        return self.slack + n_programs * runs * self.program_seconds

    def score(self, jobs: Sequence[tuple[Task, Sequence[str]]]) -> list[list[ProgramScore]]:
        """Per job, the score of each program (test inputs are run for predictions, never compared)."""
        if self.workers <= 0:
            return [_score_job(task, programs, self.program_seconds) for task, programs in jobs]
        pool = self._ensure_pool()
        pending = [pool.apply_async(_score_job, (task, list(programs), self.program_seconds))
                   for task, programs in jobs]
        results: list[list[ProgramScore]] = []
        for (task, programs), handle in zip(jobs, pending):
            try:
                results.append(handle.get(timeout=self._deadline(task, len(programs))))
            except mp.TimeoutError:
                self.killed_jobs += 1
                results.append([_timeout_score(task, p) for p in programs])
                self._restart()
                # The jobs queued on the killed pool are lost: rescore the rest on the fresh pool.
                rest = jobs[len(results):]
                return results + self.score(rest) if rest else results
        return results

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
        self._pool = None

    def close(self) -> None:
        """Shut the worker processes down."""
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> "ProgramExecutor":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
