"""The baseline agents: random, Mutation-d1, bottom-up enumeration and MaskablePPO."""

from __future__ import annotations

import pytest

from agents.base import Budget, Candidate, rank_candidates, task_solved
from agents.enumerative import EnumerativeAgent, Node, node_to_program
from agents.mutation_agent import MutationAgent
from agents.random_agent import RandomAgent
from arc_env.loaders import get_task
from arc_env.scoring import score_program
from dsl.program import CONST, I_REF, PRIM, Ref
from dsl.text import print_program
from dsl.values import is_arc_grid

ROT180, _ = get_task("3c9b0459", "arcagi")   # O = rot180(I)
FLIP, _ = get_task("68b16354", "arcagi")     # O = hmirror(I)
TILE, _ = get_task("007bbfb7", "arcagi")     # a two-line program: out of reach of tiny budgets
TASKS = [ROT180, FLIP, TILE]


def _check_ranked(task, ranked: list[Candidate]) -> None:
    """Candidates are ranked, distinct, and each reproduces at least one demo with the stated accuracy."""
    assert ranked == rank_candidates(ranked)
    assert len({c.program for c in ranked}) == len(ranked)
    for c in ranked:
        score = score_program(task, c.program)
        assert score.pairs_solved >= 1
        assert c.demo_accuracy == pytest.approx(score.demo_accuracy)


# --------------------------------------------------------------------------------------------------- random


def test_top_k_counts_programs_with_the_same_predictions_once():
    # Three programs predicting the same wrong grid, ranked above the right one: one attempt, not three.
    wrong = [Candidate(text, 0.5, "test", 1.0) for text in ("O = rot90(I)", "x1 = rot180(I)\nO = rot270(x1)",
                                                             "x1 = rot90(I)\nO = identity(x1)")]
    ranked = wrong + [Candidate("O = rot180(I)", 0.5, "test", 2.0)]
    assert task_solved(ROT180, ranked, 2) and not task_solved(ROT180, ranked, 1)


def test_random_agent_spends_the_program_budget_exactly():
    agent = RandomAgent(seed=3)
    ranked = agent.solve(FLIP, Budget(programs=37))
    assert agent.stats["programs"] == 37
    assert agent.stats["distinct_programs"] <= 37
    _check_ranked(FLIP, ranked)
    assert all(spent <= 37 for spent, _ in agent.trace)
    assert {c.program for _, c in agent.trace} == {c.program for c in ranked}


def test_random_agent_is_seeded_and_respects_seconds():
    a = RandomAgent(seed=1).solve(ROT180, Budget(programs=15))
    b = RandomAgent(seed=1).solve(ROT180, Budget(programs=15))
    assert a == b
    agent = RandomAgent(seed=0)
    agent.solve(ROT180, Budget(seconds=0.2))
    assert 0 < agent.stats["programs"] and agent.stats["seconds"] < 2.0


# --------------------------------------------------------------------------------------------------- mutation


def test_mutation_agent_solves_a_task_from_a_one_line_reference():
    # rot90 -> rot180 is one "replace function" away.
    agent = MutationAgent(seed=0, library={"00000000": "O = rot90(I)"})
    ranked = agent.solve(ROT180, Budget(programs=400))
    assert 0 < agent.stats["programs"] <= 400
    _check_ranked(ROT180, ranked)
    assert task_solved(ROT180, ranked, 3)


def test_mutation_agent_never_mutates_the_tasks_own_reference():
    agent = MutationAgent(seed=0, library={FLIP.id: "O = hmirror(I)"})
    assert agent.solve(FLIP, Budget(programs=10)) == []
    assert agent.stats["programs"] == 0


def test_mutation_solve_many_tries_every_mutant_on_every_task():
    agent = MutationAgent(seed=1)
    results = agent.solve_many(TASKS, Budget(programs=60))
    assert set(results) == {t.id for t in TASKS}
    assert agent.stats["programs"] == 60
    for task in TASKS:
        _check_ranked(task, results[task.id])
        assert all(spent <= 60 for spent, _ in agent.traces[task.id])
        assert {c.program for _, c in agent.traces[task.id]} == {c.program for c in results[task.id]}


# --------------------------------------------------------------------------------------------------- enumerative


@pytest.mark.parametrize("task, answer", [(ROT180, "O = rot180(I)"), (FLIP, "O = hmirror(I)")])
def test_enumerative_finds_one_line_solutions(task, answer):
    agent = EnumerativeAgent()
    ranked = agent.solve(task, Budget(programs=2000))
    assert ranked[0].program == answer and ranked[0].demo_accuracy == 1.0
    assert task_solved(task, ranked, 3)
    assert 0 < agent.stats["programs"] <= 2000
    assert agent.stats["solutions"] >= 1
    _check_ranked(task, ranked)


def test_enumerative_spends_at_most_its_budget_and_prunes_equivalent_values():
    agent = EnumerativeAgent(max_bank_per_type=200)
    agent.solve(TILE, Budget(programs=1500))
    assert agent.stats["programs"] == 1500
    assert agent.stats["evaluations"] + agent.stats["memo_hits"] >= 1500
    for ids in agent.bank_ids.values():
        assert len(ids) == len(set(ids)) <= 200  # observational equivalence: one entry per value
    grids = agent.bank_ids[("Grid",)]
    # Every bank expression really computes the value stored for it.
    for ids, node in list(zip(grids, agent.bank_nodes[("Grid",)]))[:40]:
        if isinstance(node, Ref):
            continue
        score = score_program(TILE, node_to_program(node))
        for d, out in enumerate(score.demo_outputs):
            expected = agent.vals[d][ids[d]]
            assert out == expected if is_arc_grid(expected) else out is None


def test_node_to_program_shares_subexpressions():
    x1 = Node(Ref(PRIM, "rot90"), (I_REF,))
    root = Node(Ref(PRIM, "hconcat"), (x1, x1))
    assert print_program(node_to_program(root)) == "x1 = rot90(I)\nO = hconcat(x1, x1)"
    up = Node(Ref(PRIM, "upscale"), (I_REF, Ref(CONST, "THREE")))
    assert print_program(node_to_program(up)) == "O = upscale(I, THREE)"


# --------------------------------------------------------------------------------------------------- ppo


def test_ppo_agent_learns_briefly_and_solves(tmp_path):
    from agents.ppo_agent import PPOAgent

    events = []
    agent = PPOAgent(seed=0, max_tokens=16, n_steps=128, batch_size=64, n_epochs=1,
                     tensorboard_log=str(tmp_path / "tb"))
    summary = agent.learn([ROT180, FLIP], Budget(programs=40), callbacks=[lambda e, i: events.append(e)])
    assert summary["episodes"] >= 40
    assert 128 <= summary["timesteps"] <= 40 * 16 + 128
    assert "rollout" in events and events[-1] == "learn_end"
    assert list((tmp_path / "tb").rglob("events.out.tfevents*"))
    ranked = agent.solve(ROT180, Budget(programs=8))
    assert agent.stats["programs"] == 8
    _check_ranked(ROT180, ranked)


def test_ppo_callback_can_stop_learning():
    from agents.ppo_agent import PPOAgent

    agent = PPOAgent(seed=1, max_tokens=12, n_steps=64, batch_size=32, n_epochs=1)
    summary = agent.learn([FLIP], Budget(programs=10_000), callbacks=[lambda e, i: False])
    assert summary["stopped_by_callback"] and summary["episodes"] < 10_000
