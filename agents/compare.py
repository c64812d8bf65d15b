"""Compare agents on the same tasks with the same per-task program budget (``codeit compare``).

Every agent gets ``N`` programs per task. An agent that learns (it overrides :meth:`Agent.learn`) spends
``learn_fraction`` of them learning over all the tasks (``floor(N * learn_fraction) * tasks`` programs; the
reward only ever uses demo pairs) and the rest solving each task. The mutation baseline runs the paper's
protocol (:meth:`MutationAgent.solve_many`: every distinct mutant is tried on every task, so each task sees
``N`` programs). Test outputs are used here, in the harness, and nowhere else: top-3
(:func:`agents.base.task_solved` with ``attempts=3``, the paper's rule) and pass@2
(:func:`agents.base.task_solved_pass2`, the ARC Prize rule; a task scores the fraction of its test inputs
answered, so a two-test task can score 0.5).

Outputs in the chosen directory:

- ``comparison.md``: one Markdown table row per agent (tasks, budget, solved top-3, pass@2, programs
  sampled, seconds);
- ``comparison.json``: the same figures, per-task results and the curves;
- ``comparison.png``: tasks solved (top-3) against programs sampled per task, one line per agent. Agents
  that record when each candidate was found (``agent.trace``: ``(programs spent, candidate)``; every
  baseline here does) are evaluated at budget checkpoints from a single run; other agents contribute their
  final point only.

Agents are built through :data:`AGENT_FACTORIES` (name -> ``factory(seed, budget)``), shared by the CLI and
the tests. ``codeit`` is built from :class:`agents.codeit.agent.CodeItAgent` when that module exists and is
skipped with a logged note otherwise.
"""

from __future__ import annotations

import json
import logging
import math
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from agents.base import Agent, Budget, Candidate, rank_candidates, task_solved, task_solved_pass2
from arc_env.tasks import Task

__all__ = [
    "AGENT_FACTORIES",
    "AgentResult",
    "AgentUnavailable",
    "budget_checkpoints",
    "build_agent",
    "markdown_table",
    "run_agent",
    "run_comparison",
    "write_report",
]

AgentFactory = Callable[[int, Budget], Agent]
logger = logging.getLogger(__name__)


class AgentUnavailable(RuntimeError):
    """An agent that cannot be built in this checkout (e.g. its module does not exist yet)."""


# --------------------------------------------------------------------------------------------------- registry


def _random(seed: int, budget: Budget) -> Agent:
    from agents.random_agent import RandomAgent

    return RandomAgent(seed=seed)


def _mutation(seed: int, budget: Budget) -> Agent:
    from agents.mutation_agent import MutationAgent

    return MutationAgent(seed=seed)


def _enumerative(seed: int, budget: Budget) -> Agent:
    from agents.enumerative import EnumerativeAgent

    return EnumerativeAgent(seed=seed)


def _ppo(seed: int, budget: Budget) -> Agent:
    from agents.ppo_agent import PPOAgent

    return PPOAgent(seed=seed)


def _search(seed: int, budget: Budget) -> Agent:
    from agents.search import SearchAgent

    return SearchAgent(seed=seed)


def _codeit(seed: int, budget: Budget) -> Agent:
    module = Path(__file__).parent / "codeit" / "agent.py"
    if not module.is_file():
        raise AgentUnavailable("agents/codeit/agent.py does not exist yet")
    try:
        from agents.codeit.agent import CodeItAgent
        from agents.codeit.config import CodeItConfig
    except ImportError as exc:
        raise AgentUnavailable(f"agents.codeit.agent has no usable CodeItAgent ({exc})") from exc
    # The cpu preset, with shorter training per meta-iteration so that several iterations fit a comparison
    # budget of a few hundred programs per task on a CPU.
    config = CodeItConfig.from_preset("cpu", sampler="t5", seed=seed, samples_per_task=8, max_train_seconds=30.0,
                                      n_seed_draw=600, n_policy_draw=600, workers=1)
    return CodeItAgent(config=config)


#: name -> factory(seed, budget per task) for every agent ``codeit compare`` knows.
AGENT_FACTORIES: dict[str, AgentFactory] = {
    "random": _random,
    "mutation": _mutation,
    "enumerative": _enumerative,
    "ppo": _ppo,
    "codeit": _codeit,
    "search": _search,
}


def build_agent(name: str, seed: int, budget: Budget) -> Agent:
    """Build a registered agent; raises ``KeyError`` for an unknown name and :class:`AgentUnavailable`."""
    if name not in AGENT_FACTORIES:
        raise KeyError(f"unknown agent {name!r}; expected one of {', '.join(AGENT_FACTORIES)}")
    return AGENT_FACTORIES[name](seed, budget)


def _learns(agent: Agent) -> bool:
    return type(agent).learn is not Agent.learn


# --------------------------------------------------------------------------------------------------- running


def budget_checkpoints(n: int) -> list[int]:
    """Per-task program budgets at which curves are evaluated: 1, 2, 5, 10, 20, 50, ... below ``n``, and ``n``."""
    points: set[int] = {n}
    k = 0
    while True:
        for m in (1, 2, 5):
            value = m * 10**k
            if value >= n:
                return sorted(points)
            points.add(value)
        k += 1


@dataclass
class AgentResult:
    """One agent's run over the tasks."""

    agent: str
    tasks: int
    budget: int
    learn_programs_per_task: int
    solved_top3: int
    pass2: float
    programs_sampled: int
    seconds: float
    per_task: dict[str, dict[str, Any]]
    curve: list[tuple[int, int]]
    traced: bool

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        out = dict(self.__dict__)
        out["curve"] = [list(p) for p in self.curve]
        return out


def _trace_curve(tasks: Sequence[Task], traces: dict[str, list[tuple[int, Candidate]]], offset: int,
                 checkpoints: Sequence[int]) -> list[tuple[int, int]]:
    """Tasks solved (top-3) at each checkpoint, re-ranking the candidates found within it."""
    curve = []
    for b in checkpoints:
        solved = 0
        for task in tasks:
            found = [c for spent, c in traces.get(task.id, ()) if offset + spent <= b]
            if found and task_solved(task, rank_candidates(found), 3):
                solved += 1
        curve.append((b, solved))
    return curve


def run_agent(name: str, tasks: Sequence[Task], budget: int, seed: int = 0, learn_fraction: float = 0.5,
              seconds_per_task: Optional[float] = None, tensorboard_dir: Optional[Path] = None,
              log: Callable[[str], None] = logger.info, workers: Optional[int] = None, backend: str = "local",
              address: Optional[str] = None) -> AgentResult:
    """Run one agent on ``tasks`` with ``budget`` programs per task and score it.

    Agents that neither learn nor solve tasks jointly run one task per job in ``workers`` processes (default:
    one per core; :func:`agents.solve.solve_tasks`, hard per-task deadlines when ``seconds_per_task`` is set);
    ``workers=1`` keeps everything in this process. With ``backend="ray"`` those jobs run as Ray tasks (a local
    instance, or the cluster at ``address``) whatever ``workers`` is; learning agents stay in this process."""
    per_task_budget = Budget(programs=budget, seconds=seconds_per_task)
    agent = build_agent(name, seed, per_task_budget)
    # Agents see tasks without test outputs; the full ``tasks`` stay here, with the scorer.
    views = [t.without_test_outputs() for t in tasks]
    if tensorboard_dir is not None and getattr(agent, "tensorboard_log", "absent") is None:
        agent.tensorboard_log = str(tensorboard_dir)  # type: ignore[attr-defined]
    started = time.perf_counter()
    learn_per_task = 0
    learned_programs = 0
    if _learns(agent):
        learn_per_task = math.floor(budget * learn_fraction)
        if learn_per_task > 0:
            seconds = None if seconds_per_task is None else seconds_per_task * learn_fraction * len(tasks)
            log(f"[{name}] learning on {len(tasks)} tasks for {learn_per_task * len(tasks)} programs")
            summary = agent.learn(views, Budget(programs=learn_per_task * len(tasks), seconds=seconds))
            learned_programs = int(next((summary[k] for k in ("episodes", "programs", "programs_sampled")
                                         if k in summary), learn_per_task * len(tasks)))
    solve_budget = Budget(programs=max(1, budget - learn_per_task), seconds=seconds_per_task)
    ranked: dict[str, list[Candidate]] = {}
    traces: dict[str, list[tuple[int, Candidate]]] = {}
    spent: dict[str, int] = {}
    traced = True
    solve_many = getattr(agent, "solve_many", None)
    if workers is None and backend == "local":
        from agents.solve import default_workers

        workers = default_workers()
    if not callable(solve_many) and not _learns(agent) and (backend != "local" or (workers or 0) > 1):
        from agents.solve import solve_tasks

        results = solve_tasks(name, views, solve_budget, seed=seed, workers=workers, backend=backend,
                              address=address)
        for task in tasks:
            r = results[task.id]
            ranked[task.id] = r.candidates
            traces[task.id] = r.trace
            spent[task.id] = int(r.stats.get("programs", solve_budget.programs if r.error is None else 0))
            log(f"[{name}] {task.id}: {len(r.candidates)} candidates" + (f" ({r.error})" if r.error else ""))
    elif callable(solve_many):
        ranked = solve_many(views, solve_budget)
        traces = dict(getattr(agent, "traces", {}))
        per_task_spent = int(getattr(agent, "stats", {}).get("programs", solve_budget.programs))
        spent = {t.id: per_task_spent for t in tasks}
        traced = hasattr(agent, "traces")
    else:
        for k, (task, view) in enumerate(zip(tasks, views)):
            ranked[task.id] = agent.solve(view, solve_budget)
            trace = getattr(agent, "trace", None)
            if trace is None:
                traced = False
            else:
                traces[task.id] = list(trace)
            spent[task.id] = int(getattr(agent, "stats", {}).get("programs", solve_budget.programs))
            log(f"[{name}] {k + 1}/{len(tasks)} {task.id}: {len(ranked[task.id])} candidates")
    seconds = time.perf_counter() - started
    per_task: dict[str, dict[str, Any]] = {}
    solved = 0
    pass2 = 0.0
    for task in tasks:
        cands = ranked.get(task.id, [])
        top3 = task_solved(task, cands, 3)
        p2 = task_solved_pass2(task, cands)
        solved += int(top3)
        pass2 += p2
        per_task[task.id] = {
            "solved_top3": top3, "pass2": p2, "candidates": len(cands), "programs": spent.get(task.id, 0),
            "best_demo_accuracy": cands[0].demo_accuracy if cands else 0.0,
            "top_programs": [c.program for c in cands[:3]],
        }
    programs = learned_programs + sum(spent.values())
    if traced:
        checkpoints = [b for b in budget_checkpoints(budget) if b >= learn_per_task] or [budget]
        curve = _trace_curve(tasks, traces, learn_per_task, checkpoints)
        if learn_per_task and curve[0][0] > learn_per_task:
            curve.insert(0, (learn_per_task, 0))  # nothing is proposed while learning
        # The checkpoint at the full budget re-ranks every candidate found, so it must be the final figure.
        if curve[-1][1] != solved:
            log(f"warning: {name}'s trace gives {curve[-1][1]} solved at the full budget, not {solved}")
            curve[-1] = (curve[-1][0], solved)
    else:
        curve = [(budget, solved)]
    log(f"[{name}] solved {solved}/{len(tasks)} (top-3), pass@2 {pass2:.2f}, {programs} programs, {seconds:.1f}s")
    return AgentResult(name, len(tasks), budget, learn_per_task, solved, pass2, programs, seconds, per_task,
                       curve, traced)


def run_comparison(agent_names: Sequence[str], tasks: Sequence[Task], budget: int, seed: int = 0,
                   out_dir: Optional[str | Path] = None, learn_fraction: float = 0.5,
                   seconds_per_task: Optional[float] = None,
                   log: Callable[[str], None] = logger.info, workers: Optional[int] = None,
                   backend: str = "local", address: Optional[str] = None) -> dict[str, Any]:
    """Run every agent on ``tasks`` with ``budget`` programs per task; write the report if ``out_dir``.

    Unavailable agents (see :class:`AgentUnavailable`) are skipped with a note to ``log``. Returns the report
    as a dict (what ``comparison.json`` holds)."""
    for name in agent_names:
        if name not in AGENT_FACTORIES:
            raise KeyError(f"unknown agent {name!r}; expected one of {', '.join(AGENT_FACTORIES)}")
    out = Path(out_dir) if out_dir is not None else None
    results: list[AgentResult] = []
    skipped: dict[str, str] = {}
    for name in agent_names:
        try:
            results.append(run_agent(name, tasks, budget, seed, learn_fraction, seconds_per_task,
                                     tensorboard_dir=None if out is None else out / "tensorboard", log=log,
                                     workers=workers, backend=backend, address=address))
        except AgentUnavailable as exc:
            skipped[name] = str(exc)
            log(f"note: skipping {name}: {exc}")
    report = {
        "tasks": [t.id for t in tasks], "budget_per_task": budget, "seed": seed,
        "learn_fraction": learn_fraction, "seconds_per_task": seconds_per_task,
        "scoring": {"top3": "any of the 3 best-ranked candidates reproduces every test output",
                    "pass2": "per task, the fraction of test inputs one of the 2 best candidates gets right"},
        "agents": [r.to_json() for r in results], "skipped": skipped,
    }
    if out is not None:
        write_report(report, out)
    return report


# --------------------------------------------------------------------------------------------------- report


def markdown_table(report: dict[str, Any]) -> str:
    """The comparison as a Markdown table (one row per agent)."""
    lines = [
        "| agent | tasks | budget | solved top-3 | pass@2 | programs sampled | seconds |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in report["agents"]:
        lines.append(f"| {r['agent']} | {r['tasks']} | {r['budget']} | {r['solved_top3']} | {r['pass2']:.2f} "
                     f"| {r['programs_sampled']} | {r['seconds']:.1f} |")
    return "\n".join(lines) + "\n"


def write_report(report: dict[str, Any], out_dir: str | Path) -> dict[str, Path]:
    """Write ``comparison.md``, ``comparison.json`` and ``comparison.png`` into ``out_dir``."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FixedLocator, MaxNLocator, NullLocator, ScalarFormatter

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"md": out / "comparison.md", "json": out / "comparison.json", "png": out / "comparison.png"}
    n_tasks = len(report["tasks"])
    header = (f"# Agent comparison\n\n{n_tasks} tasks, {report['budget_per_task']} programs per task, "
              f"seed {report['seed']}. Learning agents spend {report['learn_fraction']:.0%} of the budget "
              f"learning over all tasks. Top-3: one of the three best-ranked candidates reproduces every "
              f"test output. pass@2: per task, the fraction of test inputs one of the two best candidates "
              f"gets right (summed over tasks).\n\n")
    skipped = "".join(f"\nSkipped {name}: {why}.\n" for name, why in report.get("skipped", {}).items())
    paths["md"].write_text(header + markdown_table(report) + skipped)
    paths["json"].write_text(json.dumps(report, indent=1))

    fig = Figure(figsize=(7, 4.5))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    # Agents often tie (e.g. all at 0): distinct markers and dashes, drawn largest first, keep every line visible.
    markers, dashes = "os^Dv<>p*h", ("-", "--", "-.", ":")
    n_agents = len(report["agents"])
    for k, r in enumerate(report["agents"]):
        xs = [p[0] for p in r["curve"]]
        ys = [p[1] for p in r["curve"]]
        ax.plot(xs, ys, marker=markers[k % len(markers)], linestyle=dashes[k % len(dashes)],
                markersize=4 + 2 * (n_agents - k), linewidth=1 + 0.6 * (n_agents - k), alpha=0.8,
                label=r["agent"], zorder=2 + k)
    ax.set_xscale("log")
    # Budgets are whole program counts: tick them as integers, not as 10^0.3-style fractions.
    ticks = sorted({p[0] for r in report["agents"] for p in r["curve"]}) or [report["budget_per_task"]]
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_formatter(ScalarFormatter())
    ax.set_xlabel("programs sampled per task")
    ax.set_ylabel(f"tasks solved (top-3, of {n_tasks})")
    ax.set_title(f"Tasks solved vs programs sampled ({report['budget_per_task']} per task)")
    ax.set_ylim(bottom=-0.05 * max(1, n_tasks), top=max(1, max((p[1] for r in report["agents"]
                                                                     for p in r["curve"]), default=0)) + 0.5)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(True, alpha=0.3)
    if report["agents"]:
        ax.legend()
    fig.tight_layout()
    fig.savefig(paths["png"], dpi=100)
    return paths
