"""The comparison harness and ``codeit compare``."""

from __future__ import annotations

import json

import pytest

from agents import compare
from agents.base import Budget
from agents.cli import main
from agents.compare import (
    AGENT_FACTORIES,
    AgentUnavailable,
    budget_checkpoints,
    build_agent,
    markdown_table,
    run_comparison,
)
from arc_env.loaders import get_task

TASKS = [get_task(i, "arcagi")[0] for i in ("3c9b0459", "68b16354", "007bbfb7")]


def test_budget_checkpoints():
    assert budget_checkpoints(20) == [1, 2, 5, 10, 20]
    assert budget_checkpoints(1) == [1]
    assert budget_checkpoints(7) == [1, 2, 5, 7]


def test_registry_builds_every_baseline():
    for name in ("random", "mutation", "enumerative", "ppo"):
        agent = build_agent(name, 0, Budget(programs=5))
        assert agent.name == name
    with pytest.raises(KeyError):
        build_agent("nope", 0, Budget(programs=5))


def test_compare_random_and_enumerative_writes_consistent_files(tmp_path):
    report = run_comparison(["random", "enumerative"], TASKS, budget=20, seed=0, out_dir=tmp_path,
                            log=lambda message: None)
    md = (tmp_path / "comparison.md").read_text()
    data = json.loads((tmp_path / "comparison.json").read_text())
    png = (tmp_path / "comparison.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert data == json.loads(json.dumps(report))
    assert data["tasks"] == [t.id for t in TASKS] and data["budget_per_task"] == 20
    assert [a["agent"] for a in data["agents"]] == ["random", "enumerative"]
    assert markdown_table(data) in md
    for a in data["agents"]:
        per_task = a["per_task"]
        assert a["tasks"] == 3 and a["budget"] == 20
        assert a["solved_top3"] == sum(p["solved_top3"] for p in per_task.values())
        assert a["pass2"] == pytest.approx(sum(p["pass2"] for p in per_task.values()))
        assert a["programs_sampled"] == sum(p["programs"] for p in per_task.values()) <= 60
        assert a["traced"] and a["curve"][-1] == [20, a["solved_top3"]]
        xs = [x for x, _ in a["curve"]]
        assert xs == sorted(xs) and xs[0] >= 1
        row = f"| {a['agent']} | 3 | 20 | {a['solved_top3']} | {a['pass2']:.2f} | {a['programs_sampled']} |"
        assert row in md
    random_row = data["agents"][0]
    assert random_row["programs_sampled"] == 60  # the random agent spends its budget exactly


def test_compare_skips_unavailable_agents(tmp_path, monkeypatch):
    def unavailable(seed, budget):
        raise AgentUnavailable("not built yet")

    monkeypatch.setitem(AGENT_FACTORIES, "codeit", unavailable)
    notes = []
    report = run_comparison(["codeit", "mutation"], TASKS[:2], budget=5, out_dir=tmp_path, log=notes.append)
    assert report["skipped"] == {"codeit": "not built yet"}
    assert [a["agent"] for a in report["agents"]] == ["mutation"]
    assert any("skipping codeit" in n for n in notes)
    assert "Skipped codeit" in (tmp_path / "comparison.md").read_text()


def test_learning_agents_split_the_budget(tmp_path, monkeypatch):
    from agents.ppo_agent import PPOAgent

    monkeypatch.setitem(AGENT_FACTORIES, "ppo",
                        lambda seed, budget: PPOAgent(seed=seed, max_tokens=12, n_steps=64, batch_size=32,
                                                      n_epochs=1))
    report = run_comparison(["ppo"], TASKS[:2], budget=6, out_dir=tmp_path, log=lambda m: None)
    (row,) = report["agents"]
    assert row["learn_programs_per_task"] == 3
    assert row["programs_sampled"] >= 2 * 6
    assert row["curve"][0] == [3, 0]
    assert list((tmp_path / "tensorboard").rglob("events.out.tfevents*"))


def test_cli_compare(tmp_path, capsys):
    out = tmp_path / "cmp"
    code = main(["compare", "--agents", "random,mutation", "--budget", "4", "--split", "training",
                 "--dataset", "arcagi", "--tasks", "2", "--out", str(out), "--seed", "1"])
    assert code == 0
    assert {p.name for p in out.iterdir()} >= {"comparison.md", "comparison.json", "comparison.png"}
    data = json.loads((out / "comparison.json").read_text())
    assert len(data["tasks"]) == 2 and data["seed"] == 1
    assert "| random | 2 | 4 |" in capsys.readouterr().out
    assert main(["compare", "--agents", "bogus", "--budget", "4", "--split", "training"]) == 2


def test_module_exports():
    assert set(compare.__all__) <= set(dir(compare))
