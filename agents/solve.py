"""Solve many tasks with one agent in worker processes, each task under a hard deadline (``codeit solve``).

Every task is one job of :func:`agents.pool.imap_deadline`: a worker builds the agent once (by name, through
:data:`agents.compare.AGENT_FACTORIES`), runs ``solve`` on ``Task.without_test_outputs()`` (demo pairs
and test inputs; test outputs never leave this process), and sends back the ranked candidates, the agent's trace and
its stats. A task past its deadline kills only its own worker and counts as unsolved; the others keep their
results. Scoring (top-3, pass@2) happens here, in the parent, which alone holds the test outputs.

:func:`write_solve_outputs` writes what ``codeit solve`` leaves in its output directory: ``submission.json``
(ARC Prize format: per task, one ``{"attempt_1": grid, "attempt_2": grid}`` per test input),
``solutions.json`` (the ranked programs per task), ``summary.json`` and ``summary.md``.

Jobs run on a backend of :mod:`agents.backends`: the local process pool (default) or Ray (``backend="ray"``,
optionally on a cluster at ``address``). :func:`run_solve` streams each task's result to ``results.jsonl`` in
the output directory as it finishes, so a crashed run loses at most the tasks in flight; run again with
``resume=True`` (``codeit solve --resume``) to solve only the tasks not in that file.
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional, Sequence, Union

from agents.backends import imap_jobs
from agents.base import Agent, Budget, Candidate, task_solved, task_solved_pass2
from arc_env.scoring import score_program
from arc_env.tasks import Task

__all__ = ["TaskResult", "default_workers", "load_streamed_results", "run_solve", "solve_tasks", "write_solve_outputs"]

logger = logging.getLogger(__name__)

# A task may overrun its own soft deadline by this factor (plus the grace seconds) before it is killed.
_DEADLINE_FACTOR = 1.5
_DEADLINE_GRACE = 5.0


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class TaskResult:
    """What one agent did on one task."""

    task_id: str
    candidates: list[Candidate] = field(default_factory=list)
    trace: list[tuple[int, Candidate]] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    error: Optional[str] = None
    seconds: float = 0.0


AgentSpec = Union[str, Callable[[int, Budget], Agent]]
_AGENTS: dict[tuple[Any, int, Budget], Agent] = {}


def _solve_job(job: tuple[AgentSpec, int, Budget, Task]) -> dict[str, Any]:
    """Worker side: build (once per process) the agent and solve one task."""
    from agents.compare import build_agent

    spec, seed, budget, task = job
    agent = _AGENTS.get((spec, seed, budget))
    if agent is None:
        agent = build_agent(spec, seed, budget) if isinstance(spec, str) else spec(seed, budget)
        _AGENTS[(spec, seed, budget)] = agent
    candidates = agent.solve(task, budget)
    trace = getattr(agent, "trace", None)
    return {
        "candidates": [(c.program, c.demo_accuracy, c.origin, c.cost) for c in candidates],
        "trace": None if trace is None else [(int(s), c.program, c.demo_accuracy, c.origin, c.cost)
                                             for s, c in trace],
        "stats": dict(getattr(agent, "stats", {})),
    }


def solve_tasks(agent: AgentSpec, tasks: Sequence[Task], budget: Budget, *, seed: int = 0,
                workers: Optional[int] = None, progress: bool = False,
                on_result: Optional[Callable[[TaskResult], None]] = None, backend: str = "local",
                address: Optional[str] = None) -> dict[str, TaskResult]:
    """Run an agent (a registered name, or a picklable top-level ``factory(seed, budget)``) on every task in
    ``workers`` processes (default: one per core) of ``backend`` (``"local"`` or ``"ray"``, see
    :func:`agents.backends.make_pool`; with Ray, ``workers=None`` uses the cluster's CPUs).

    Each task gets ``budget``; with ``budget.seconds`` set, a task still running after
    ``1.5 * seconds + 5`` seconds is killed and recorded with ``error="timeout"`` (never retried).
    ``on_result`` is called with each task's result as it finishes."""
    agent_name = agent if isinstance(agent, str) else getattr(agent, "__name__", "agent")
    if backend == "local":
        workers = default_workers() if workers is None else workers
    timeout = None if budget.seconds is None else budget.seconds * _DEADLINE_FACTOR + _DEADLINE_GRACE
    jobs = [(agent, seed, budget, t.without_test_outputs()) for t in tasks]
    results: dict[str, TaskResult] = {}
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(tasks), unit="task", desc=agent_name)
    solved = 0
    for job in imap_jobs(_solve_job, jobs, backend=backend, workers=workers, timeout=timeout, address=address):
        task = tasks[job.index]
        result = TaskResult(task.id, error=job.error, seconds=job.seconds)
        if job.ok:
            value = job.value
            result.candidates = [Candidate(*c) for c in value["candidates"]]
            if value["trace"] is not None:
                result.trace = [(t[0], Candidate(*t[1:])) for t in value["trace"]]
            result.stats = value["stats"]
        results[task.id] = result
        if bar is not None:
            solved += int(bool(result.candidates) and result.candidates[0].demo_accuracy == 1.0)
            bar.set_postfix(fits_demos=solved)
            bar.update(1)
        if on_result is not None:
            on_result(result)
    if bar is not None:
        bar.close()
    return results


def _attempts(task: Task, candidates: Sequence[Candidate]) -> list[dict[str, Any]]:
    """ARC Prize attempts for each test input from the two best candidates (``[[0]]`` where none)."""
    preds = [score_program(task, c.program, run_test=True).test_outputs for c in candidates[:2]]
    out = []
    for k in range(len(task.test)):
        entry = {}
        for a in range(2):
            grid = preds[a][k] if a < len(preds) and k < len(preds[a]) else None
            entry[f"attempt_{a + 1}"] = [list(row) for row in grid] if grid is not None else [[0]]
        out.append(entry)
    return out


def write_solve_outputs(out_dir: str | Path, agent_name: str, tasks: Sequence[Task],
                        results: dict[str, TaskResult], settings: dict[str, Any]) -> dict[str, Any]:
    """Write ``submission.json``, ``solutions.json``, ``summary.json`` and ``summary.md``; returns the summary."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    submission = {}
    solutions = {}
    per_task = {}
    solved = 0
    pass2 = 0.0
    scored = all(t.has_test_outputs for t in tasks)
    for task in tasks:
        r = results.get(task.id, TaskResult(task.id, error="missing"))
        submission[task.id] = _attempts(task, r.candidates)
        solutions[task.id] = [{"program": c.program, "demo_accuracy": c.demo_accuracy} for c in r.candidates]
        row: dict[str, Any] = {"candidates": len(r.candidates), "seconds": round(r.seconds, 3), "error": r.error,
                               "fits_demos": bool(r.candidates) and r.candidates[0].demo_accuracy == 1.0,
                               "states": r.stats.get("programs")}
        if scored:
            row["solved_top3"] = task_solved(task, r.candidates, 3)
            row["pass2"] = task_solved_pass2(task, r.candidates)
            solved += int(row["solved_top3"])
            pass2 += row["pass2"]
        per_task[task.id] = row
    seconds = [r.seconds for r in results.values()]
    summary = {
        "agent": agent_name, "tasks": len(tasks), "settings": settings,
        "solved_top3": solved if scored else None, "pass2": round(pass2, 3) if scored else None,
        "fits_demos": sum(row["fits_demos"] for row in per_task.values()),
        "timeouts": sum(r.error == "timeout" for r in results.values()),
        "median_task_seconds": _quantile(seconds, 0.5), "p95_task_seconds": _quantile(seconds, 0.95),
        "states_expanded": sum(int(r.stats.get("programs", 0)) for r in results.values()),
        "per_task": per_task,
    }
    (out / "submission.json").write_text(json.dumps(submission))
    (out / "solutions.json").write_text(json.dumps(solutions, indent=1))
    (out / "summary.json").write_text(json.dumps(summary, indent=1))
    (out / "summary.md").write_text(_markdown(summary, tasks, results))
    return summary


def _quantile(values: Sequence[float], q: float) -> Optional[float]:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3)


def _markdown(summary: dict[str, Any], tasks: Sequence[Task], results: dict[str, TaskResult]) -> str:
    lines = [f"# {summary['agent']} on {summary['tasks']} tasks", "",
             f"Settings: {json.dumps(summary['settings'])}", ""]
    if summary["solved_top3"] is not None:
        lines.append(f"Solved (top-3, every test output right): **{summary['solved_top3']}/{summary['tasks']}**; "
                     f"pass@2: {summary['pass2']}.")
    lines += [(f"Programs reproducing every demo: {summary['fits_demos']}; tasks killed at the deadline: "
               f"{summary['timeouts']}; median / p95 seconds per task: {summary['median_task_seconds']} / "
               f"{summary['p95_task_seconds']}."), "", "| task | solved | program |", "|---|---|---|"]
    for task in tasks:
        row = summary["per_task"][task.id]
        r = results.get(task.id)
        if r is None or not r.candidates or r.candidates[0].demo_accuracy < 1.0:
            continue
        program = r.candidates[0].program.replace("\n", "; ")
        lines.append(f"| {task.id} | {row.get('solved_top3', '?')} | `{program}` |")
    return "\n".join(lines) + "\n"


STREAM_FILE = "results.jsonl"


def _result_json(r: TaskResult) -> dict[str, Any]:
    return {"task_id": r.task_id, "error": r.error, "seconds": round(r.seconds, 3), "stats": r.stats,
            "candidates": [[c.program, c.demo_accuracy, c.origin, c.cost] for c in r.candidates],
            "trace": [[s, c.program, c.demo_accuracy, c.origin, c.cost] for s, c in r.trace]}


def load_streamed_results(path: str | Path, header: dict[str, Any]) -> dict[str, TaskResult]:
    """The task results in a ``results.jsonl`` written by :func:`run_solve` with the same ``header`` (agent,
    budget, seed); {} if the file is missing or was written with other settings. A line cut short by a crash
    is ignored."""
    path = Path(path)
    if not path.exists():
        return {}
    lines = path.read_text().splitlines()
    try:
        if not lines or json.loads(lines[0]) != {"header": header}:
            return {}
    except json.JSONDecodeError:
        return {}
    results: dict[str, TaskResult] = {}
    for line in lines[1:]:
        try:
            row = json.loads(line)
            results[row["task_id"]] = TaskResult(
                row["task_id"], [Candidate(*c) for c in row["candidates"]],
                [(int(t[0]), Candidate(*t[1:])) for t in row["trace"]], row["stats"], row["error"], row["seconds"])
        except (json.JSONDecodeError, KeyError, TypeError, ValueError):
            continue  # the last line of a killed run may be incomplete
    return results


def run_solve(agent_name: str, tasks: Sequence[Task], budget: Budget, out_dir: str | Path, *, seed: int = 0,
              workers: Optional[int] = None, progress: bool = True, backend: str = "local",
              address: Optional[str] = None, resume: bool = False) -> dict[str, Any]:
    """:func:`solve_tasks` then :func:`write_solve_outputs` (what ``codeit solve`` runs).

    Each result is appended to ``out_dir/results.jsonl`` as its task finishes; with ``resume``, tasks already
    there (from a run with the same agent, budget and seed) are not solved again."""
    started = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    header = {"agent": agent_name, "budget_states": budget.programs, "seconds_per_task": budget.seconds,
              "seed": seed}
    stream = out / STREAM_FILE
    done = load_streamed_results(stream, header) if resume else {}
    done = {t.id: done[t.id] for t in tasks if t.id in done}
    todo = [t for t in tasks if t.id not in done]
    if done:
        logger.info("resuming: %d of %d tasks already in %s", len(done), len(tasks), stream)
    with stream.open("a" if done else "w") as f:
        if not done:
            f.write(json.dumps({"header": header}) + "\n")
            f.flush()

        def record(result: TaskResult) -> None:
            f.write(json.dumps(_result_json(result), default=str) + "\n")
            f.flush()

        results = solve_tasks(agent_name, todo, budget, seed=seed, workers=workers, progress=progress,
                              on_result=record, backend=backend, address=address) if todo else {}
    results = {**done, **results}
    settings = {"budget_states": budget.programs, "seconds_per_task": budget.seconds, "seed": seed,
                "workers": default_workers() if workers is None and backend == "local" else workers,
                "backend": backend, "resumed_tasks": len(done),
                "wall_seconds": round(time.perf_counter() - started, 1)}
    return write_solve_outputs(out_dir, agent_name, tasks, results, settings)
