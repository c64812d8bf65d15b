"""``codeit solve``: tasks in a deadline pool, a stuck task killed alone, outputs in ARC Prize format."""

import json
import time

from agents.base import Agent, Budget, Candidate
from agents.cli import main
from agents.solve import solve_tasks, write_solve_outputs
from arc_env.tasks import Pair, Task
from tests.grids import g


def _task(task_id: str, stuck: bool = False) -> Task:
    src = g("12", "34") if not stuck else g("99", "99")
    return Task(task_id, (Pair(src, tuple(r[::-1] for r in src)),), (Pair(g("56", "78"), g("65", "87")),))


class _MirrorOrHang(Agent):
    """Answers vmirror, but hangs on an all-9 task (a stand-in for an agent stuck inside C code)."""

    name = "mirror_or_hang"

    def solve(self, task, budget):
        assert all(p.output is None for p in task.test), "the agent saw a test output"
        if task.train[0].input == g("99", "99"):
            time.sleep(600)
        return [Candidate("O = vmirror(I)", 1.0, self.name, 1.0)]


def make_mirror_or_hang(seed, budget):
    return _MirrorOrHang()


def test_a_stuck_task_is_killed_and_the_others_keep_their_results(tmp_path):
    tasks = [_task("a"), _task("b", stuck=True), _task("c")]
    started = time.perf_counter()
    results = solve_tasks(make_mirror_or_hang, tasks, Budget(programs=10, seconds=0.5), workers=2)
    assert time.perf_counter() - started < 60
    assert results["b"].error == "timeout" and not results["b"].candidates
    for tid in ("a", "c"):
        assert results[tid].error is None and results[tid].candidates[0].program == "O = vmirror(I)"
    summary = write_solve_outputs(tmp_path, "mirror_or_hang", tasks, results, {})
    assert summary["solved_top3"] == 2 and summary["timeouts"] == 1
    submission = json.loads((tmp_path / "submission.json").read_text())
    assert submission["a"] == [{"attempt_1": [[6, 5], [8, 7]], "attempt_2": [[0]]}]
    assert submission["b"] == [{"attempt_1": [[0]], "attempt_2": [[0]]}]


def test_codeit_solve_with_the_search_agent(tmp_path):
    code = main(["solve", "--agent", "search", "--split", "training", "--tasks", "2", "--seconds", "2",
                 "--workers", "1", "--out", str(tmp_path)])
    assert code == 0
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["tasks"] == 2 and summary["solved_top3"] is not None
    assert set(json.loads((tmp_path / "submission.json").read_text())) == set(summary["per_task"])
    assert (tmp_path / "summary.md").read_text().startswith("# search on 2 tasks")


def test_codeit_solve_rejects_bad_arguments(capsys):
    assert main(["solve", "--agent", "nope"]) == 2
    assert main(["solve", "--seconds", "0"]) == 2


def test_compare_runs_the_search_agent_in_the_pool(tmp_path):
    from agents.compare import run_comparison

    tasks = [_task("a"), _task("c")]
    report = run_comparison(["search"], tasks, budget=50, seconds_per_task=5, out_dir=tmp_path, workers=2,
                            log=lambda s: None)
    row = report["agents"][0]
    assert row["agent"] == "search" and row["solved_top3"] == 2
    assert row["curve"][-1][1] == 2  # the trace re-ranks to the same final figure
