"""Evaluation integrity: agents never see test outputs, and no search task reaches CodeIt's seed pool."""

from dataclasses import asdict

import pytest

from agents import compare
from agents.base import Agent, Budget, Candidate
from agents.codeit.config import CodeItConfig
from agents.codeit.policy import PolicyConfig
from agents.codeit.trainer import CodeItTrainer
from arc_env.loaders import get_task
from arc_env.tasks import Task
from dsl.library import load_library

ROT180, _ = get_task("3c9b0459", "arcagi")
FLIP, _ = get_task("68b16354", "arcagi")


def test_without_test_outputs_keeps_inputs_and_hides_answers():
    view = ROT180.without_test_outputs()
    assert view.train == ROT180.train and view.test_inputs == ROT180.test_inputs
    assert all(out is None for out in view.test_outputs) and not view.has_test_outputs
    assert ROT180.has_test_outputs  # the original is untouched


class Spy(Agent):
    name = "spy"
    seen: list = []

    def solve(self, task: Task, budget: Budget) -> list[Candidate]:
        Spy.seen.append(task)
        return [Candidate(load_library()[task.id], 1.0)]


def test_compare_hands_agents_no_test_outputs_but_scores_with_them(monkeypatch):
    monkeypatch.setitem(compare.AGENT_FACTORIES, "spy", lambda seed, budget: Spy())
    Spy.seen = []
    # workers=1: the spy must run in this process to be seen (the pool path: tests/agents/test_solve.py).
    report = compare.run_comparison(["spy"], [ROT180, FLIP], budget=1, log=lambda m: None, workers=1)
    assert [t.id for t in Spy.seen] == [ROT180.id, FLIP.id]
    assert all(out is None for t in Spy.seen for out in t.test_outputs)
    assert report["agents"][0]["solved_top3"] == 2


@pytest.mark.parametrize("sampler", ["t5", "search"])
def test_seed_pool_never_holds_a_search_task(tmp_path, sampler):
    # ROT180 and FLIP are ARC-AGI-1 training tasks with reference programs: the search_split=training case.
    # A renamed copy must be caught by its inputs, not its id.
    renamed = Task("renamed-copy", get_task("a416b8f3", "arcagi")[0].train, get_task("a416b8f3", "arcagi")[0].test)
    search = [ROT180, FLIP, renamed]
    config = CodeItConfig.from_preset("cpu", sampler=sampler, iterations=0, workers=0, mutants=60,
                                      search_split="training", policy=asdict(PolicyConfig.tiny()),
                                      seed_random_chains=400, seed_search_seconds=0.02)
    trainer = CodeItTrainer(config, tmp_path, search_tasks=search, progress=False, log=lambda m: None)
    trainer.fill_seed_pool()
    demo_pairs = {(p.input, p.output) for t in search for p in t.train}
    test_inputs = {g for t in search for g in t.test_inputs}
    seeds = list(trainer.buffer.iter_pool("seed"))
    assert seeds and any(e.origin == "mutant" for e in seeds)
    for exp in seeds:
        assert exp.parent_id not in {"3c9b0459", "68b16354", "a416b8f3"}
        assert not test_inputs & set(exp.inputs)
        assert not demo_pairs & set(zip(exp.inputs, exp.outputs))
    trainer.buffer.close()


def test_a_renamed_duplicate_is_caught_and_a_shared_small_grid_is_not():
    from agents.codeit.trainer import leaks_search_task, search_fingerprint

    # ARC-AGI-1 training 40853293 is evaluation 070dd51e under another id.
    evaluation = search_fingerprint([get_task("070dd51e", "arcagi")[0]])
    assert leaks_search_task(get_task("40853293", "arcagi")[0], evaluation)
    # feca6190 shares one 1x5 input with evaluation c1990cce, with a different output: a different task.
    assert not leaks_search_task(get_task("feca6190", "arcagi")[0],
                                 search_fingerprint([get_task("c1990cce", "arcagi")[0]]))
