"""CodeIt's search sampler: the prior, step costs, guided search, hindsight relabelling, the loop and resume."""

from dataclasses import asdict

import numpy as np
import pytest
import torch

from agents.base import Budget
from agents.codeit.config import CodeItConfig
from agents.codeit.prior import PriorConfig, SearchPrior, TransformVocab
from agents.codeit.search_sampler import (ChainJob, FirstStepJob, SearchJob, choose_hindsight, pixel_accuracy,
                                          random_chain_rows, run_chain_job, run_first_step_job, run_search_job)
from agents.codeit.trainer import CodeItTrainer, RunStateError
from agents.search.agent import SearchAgent
from agents.search.costs import StepCosts, transform_vocabulary
from arc_env.loaders import get_task
from arc_env.scoring import score_program
from arc_env.tasks import Pair, Task
from dsl.registry import PRIMITIVES
from tests.grids import g


def _turn_and_recolour(grid):
    return PRIMITIVES["recolour_ink"].fn(PRIMITIVES["rot90"].fn(grid), 4)


# Output = the input turned a quarter and recoloured: a depth-2 chain (rot90, then recolour_ink(4)).
_INPUTS = (g("120", "003"), g("10", "22"), g("305", "000", "011"))
TWO_STEP = Task("two-step", tuple(Pair(x, _turn_and_recolour(x)) for x in _INPUTS),
                (Pair(g("11", "02"), _turn_and_recolour(g("11", "02"))),))


def tiny_search_config(**overrides):
    settings = dict(sampler="search", iterations=1, workers=0, n_seed_draw=64, n_policy_draw=64,
                    search_seconds=0.3, seed_random_chains=150, seed_search_seconds=0.0, max_train_seconds=None,
                    prior_model=asdict(PriorConfig.tiny()), hindsight_close=4, hindsight_random=2)
    return CodeItConfig.from_preset("cpu", **{**settings, **overrides})


def test_uniform_step_costs_are_one_and_a_favoured_transform_is_cheap():
    names = transform_vocabulary()
    v = len(names)
    uniform = StepCosts(names, np.zeros(v), np.zeros((v + 1, v)))
    table = uniform.table(names[:40])
    assert table.shape == (41, 40) and np.allclose(table, 1.0)
    first = np.zeros(v)
    first[names.index("rot90")] = 6.0
    favoured = StepCosts(names, first, np.zeros((v + 1, v))).table(names[:40])
    k = list(names[:40]).index("rot90")
    assert favoured[0, k] < 0.5 and (np.delete(favoured[0], k) > 1.0).all()
    with pytest.raises(ValueError):
        StepCosts(names, np.zeros(3), np.zeros((v + 1, v)))


def test_a_prior_that_favours_the_right_transforms_finds_them_in_fewer_states():
    names = transform_vocabulary()
    v = len(names)
    first = np.zeros(v)
    first[[names.index("rot90"), names.index("recolour_ink(4)")]] = 8.0
    prior = StepCosts(names, first, np.zeros((v + 1, v)))

    assert _states_to_solve(prior) * 3 < _states_to_solve(None)


def _states_to_solve(costs):
    agent = SearchAgent(stack=False, prior=costs, views=(("plain", 1.0),))
    cands = agent.solve(TWO_STEP, Budget(programs=10**6, seconds=60))
    assert cands and cands[0].demo_accuracy == 1.0
    # States before the first fit: after it, the search still tries shallower edges (alternatives).
    return agent.stats["first_fit_states"]


def _first_steps_grids(task, name):
    from agents.search.agent import view_transforms

    _, transforms = view_transforms(tuple(p.input for p in task.train), tuple(p.output for p in task.train), ())
    t = next(t for t in transforms if t.name == name)
    return tuple(t.recipe.run(p.input, p.input) for p in task.train)


def test_after_rows_order_a_depth1_state_by_the_task_it_leaves():
    names = transform_vocabulary()
    v = len(names)
    first = np.zeros(v)
    first[names.index("rot90")] = 8.0  # the prior knows the first step only
    after_row = np.zeros(v, dtype=np.float32)
    after_row[names.index("recolour_ink(4)")] = 8.0  # ... and, reading rot90's grids, the second
    plain = StepCosts(names, first, np.zeros((v + 1, v)))
    reading = StepCosts(names, first, np.zeros((v + 1, v)), after={"rot90": after_row})
    local = [n for n in names[:60] if n not in ("rot90", "recolour_ink(4)")] + ["rot90", "recolour_ink(4)"]
    k = len(local) - 2
    rows = reading.after_rows(local)
    assert list(rows) == [k] and rows[k][k + 1] < 0.5 and (np.delete(rows[k], k + 1) > 1.0).all()
    assert plain.after_rows(local) == {} and np.allclose(plain.table(local), reading.table(local))
    with pytest.raises(ValueError, match="after"):
        StepCosts(names, first, np.zeros((v + 1, v)), after={"rot90": np.zeros(3)})
    assert _states_to_solve(reading) * 3 < _states_to_solve(plain)


def test_a_first_step_job_keeps_the_distinct_grids_of_the_named_steps_in_order():
    task = TWO_STEP.without_test_outputs()
    names = ("no such step", "rot90", "rot90", "rot270", "rot180", "recolour_ink(4)")
    task_id, kept = run_first_step_job(FirstStepJob(task, names, 3))
    assert task_id == "two-step" and [n for n, _ in kept] == ["rot90", "rot270", "rot180"]
    assert kept[0][1] == _first_steps_grids(task, "rot90")
    assert len({mids for _, mids in kept}) == 3


def test_chain_suffixes_are_tasks_of_their_own():
    tasks = [get_task(i, "arcagi")[0] for i in ("a416b8f3", "3c9b0459", "68b16354")]
    assert all(r.suffix is None for r in random_chain_rows(tasks, 100, np.random.default_rng(1)))
    rows = random_chain_rows(tasks, 200, np.random.default_rng(1), suffixes=True)
    with_suffix = [r for r in rows if r.suffix is not None]
    assert len(with_suffix) > 5 and all(len(r.chain) >= 2 for r in with_suffix)
    for r in with_suffix[:10]:
        assert r.suffix.chain == r.chain[1:] and r.suffix.inputs != r.inputs
        left = Task("left", tuple(Pair(i, o) for i, o in zip(r.suffix.inputs, r.outputs)), ())
        assert score_program(left, r.suffix.program).demo_outputs == r.outputs
    # The search's states: the rest of a deeper chain, run on its first step's grids, gives the state's outputs.
    assert all(r.suffix is None for r in run_search_job(SearchJob(TWO_STEP.without_test_outputs(), 0.2)).relabelled)
    outcome = run_search_job(SearchJob(TWO_STEP.without_test_outputs(), 0.5, close=4, random=40, suffixes=True))
    suffixes = [r for r in outcome.relabelled if r.suffix is not None]
    assert suffixes and all(len(r.chain) >= 2 for r in suffixes)
    assert all(r.suffix is None for r in outcome.relabelled if len(r.chain) == 1)
    for r in suffixes:
        left = Task("left", tuple(Pair(i, o) for i, o in zip(r.suffix.inputs, r.outputs)), ())
        assert r.suffix.chain == r.chain[1:] and score_program(left, r.suffix.program).demo_outputs == r.outputs


def test_prior_learns_a_chain_and_round_trips_through_save_pretrained(tmp_path):
    prior = SearchPrior(PriorConfig.tiny(), seed=0)
    pairs = [[(p.input, p.output) for p in TWO_STEP.train]]
    chain = [prior.vocab.encode(["rot90", "recolour_ink(4)"])]
    opt = torch.optim.AdamW(prior.model.parameters(), lr=1e-2)
    before = prior.loss(pairs, chain).item()
    for _ in range(60):
        loss = prior.loss(pairs, chain)
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert loss.item() < before / 2
    (costs,) = prior.step_costs(pairs)
    table = costs.table(prior.vocab.names)
    rot90, ink = prior.vocab.ids["rot90"], prior.vocab.ids["recolour_ink(4)"]
    assert table[0].argmin() == rot90 and table[rot90 + 1].argmin() == ink
    prior.save_pretrained(tmp_path / "p")
    loaded = SearchPrior.from_pretrained(tmp_path / "p")
    assert torch.allclose(loaded.logits(pairs), prior.logits(pairs))
    (tmp_path / "p" / "model.safetensors").write_bytes(b"garbage")
    with pytest.raises(ValueError, match="model.safetensors"):
        SearchPrior.from_pretrained(tmp_path / "p")
    with pytest.raises(KeyError, match="not in the prior's vocabulary"):
        TransformVocab(["a"]).encode(["b"])


def test_the_vocabulary_knows_its_names_and_refuses_others():
    vocab = TransformVocab(["rot90", "trim"])
    assert vocab.knows(("rot90", "trim")) and vocab.encode(("trim", "rot90")) == (1, 0)
    assert not vocab.knows(("rot90", "elbow_connect(2,3,8)"))  # colour triples are not all listed
    with pytest.raises(KeyError, match="elbow_connect"):
        vocab.encode(("elbow_connect(2,3,8)",))


def test_hindsight_rows_are_the_states_realized_outputs_closest_first():
    task = get_task("a416b8f3", "arcagi")[0]
    outcome = run_search_job(SearchJob(task.without_test_outputs(), seconds=2.0, close=3, random=4, seed=1))
    rows = outcome.relabelled
    assert 3 < len(rows) <= 7 and len({r.program for r in rows}) == len(rows)
    targets = [p.output for p in task.train]
    for r in rows:
        assert score_program(task, r.program).demo_outputs == r.outputs  # the program realizes the outputs
        assert r.pixel_accuracy == pytest.approx(pixel_accuracy(r.outputs, targets))
    assert rows[0].demo_accuracy == 1.0  # hconcat of the input with itself solves it
    assert [r.pixel_accuracy for r in rows[:3]] == sorted((r.pixel_accuracy for r in rows[:3]), reverse=True)
    assert outcome.candidates and outcome.candidates[0].test_predictions[0] == task.test[0].output


def test_choose_hindsight_takes_the_closest_then_random_others():
    target = (g("11", "11"),)
    outputs = [(g("00", "00"),), (g("11", "10"),), (g("11", "11"),), (g("1"),), (g("01", "00"),)]
    chosen = choose_hindsight(outputs, target, close=2, random=2, rng=np.random.default_rng(0))
    assert chosen[:2] == [2, 1] and len(chosen) == 4 and len(set(chosen)) == 4
    assert choose_hindsight([], target, 2, 2, np.random.default_rng(0)) == []


def test_random_chains_reproduce_their_outputs():
    tasks = [get_task(i, "arcagi")[0] for i in ("a416b8f3", "3c9b0459", "68b16354")]
    # About 3 in 10 random chains run on every demo and change it (most transforms are gated to few inputs).
    rows = random_chain_rows(tasks, 120, np.random.default_rng(0))
    assert len(rows) > 20
    for task_id, program, chain, inputs, outputs, accuracy, _ in rows[:20]:
        task = next(t for t in tasks if t.id == task_id)
        score = score_program(task, program)
        assert score.demo_outputs == outputs and outputs != inputs and 1 <= len(chain) <= 3


def test_a_chain_job_is_its_share_of_random_chains():
    tasks = tuple(get_task(i, "arcagi")[0] for i in ("a416b8f3", "68b16354"))
    assert run_chain_job(ChainJob(tasks, 40, 3)) == random_chain_rows(tasks, 40, np.random.default_rng(3))


def test_the_seed_pool_holds_random_chains_and_the_seed_searchs_states(tmp_path, monkeypatch):
    import agents.codeit.trainer as trainer_module

    training = [get_task(i, "arcagi")[0] for i in ("a416b8f3", "68b16354", "3c9b0459")]
    monkeypatch.setattr(trainer_module.CodeItTrainer, "_seed_tasks", lambda self: training)
    config = tiny_search_config(seed_random_chains=60, seed_search_seconds=0.2, hindsight_random=1,
                                seed_hindsight_random=5, prior_states=8)
    trainer = CodeItTrainer(config, tmp_path, search_tasks=[TWO_STEP], progress=False, log=lambda m: None)
    added = trainer.fill_seed_pool()
    rows = list(trainer.buffer.iter_pool("seed"))
    trainer.buffer.close()
    assert added == len(rows) > 0
    # Random chains are one share per job, in a fixed order whatever order the shares finish in.
    chains = [r for share in (run_chain_job(ChainJob(tuple(t.without_test_outputs() for t in training), len(s),
                                                     config.seed * 1_000 + k))
                              for k, s in enumerate(np.array_split(np.arange(60), 1))) for r in share]
    assert {e.program for e in rows} >= {program for _, program, *_ in chains}
    # The seed search keeps hindsight_close + seed_hindsight_random states per task (not hindsight_random).
    searched = {}
    assert any("+" in e.parent_id for e in rows)  # suffixes: the tasks left after a chain's first step
    for e in rows:
        if e.program not in {program for _, program, *_ in chains} and "+" not in e.parent_id:
            searched[e.parent_id] = searched.get(e.parent_id, 0) + 1
    assert max(searched.values()) > config.hindsight_close + config.hindsight_random
    assert max(searched.values()) <= config.hindsight_close + config.seed_hindsight_random


@pytest.mark.parametrize("priority", ["demo_accuracy", "pixel_accuracy"])
def test_search_sampler_meta_iterations_relabel_learn_and_resume(tmp_path, priority):
    tasks = [TWO_STEP, get_task("a416b8f3", "arcagi")[0]]
    config = tiny_search_config(iterations=2, priority=priority, prior_states=4)
    trainer = CodeItTrainer(config, tmp_path, search_tasks=tasks, progress=False, log=lambda m: None)
    rows = trainer.run()
    assert [r["iteration"] for r in rows] == [0, 1]
    assert rows[0]["solved_top3"] >= 1 and np.isfinite(rows[0]["loss"]) and rows[0]["states_total"] > 0
    assert rows[1]["tasks_searched"] < len(tasks)  # tasks already fitted are skipped
    policy = list(trainer.buffer.iter_pool("policy"))
    assert policy and all(e.origin == "policy" and e.tokens for e in policy)
    per_task = {}
    for e in policy:
        per_task.setdefault((e.parent_id, e.iteration), []).append(e)
        assert all(o is not None for o in e.outputs)
        if priority == "pixel_accuracy":  # a suffix (parent "<task>+<first step>") has its chain's priority
            assert e.priority == pytest.approx(pixel_accuracy(e.outputs, [p.output for p in next(
                t for t in tasks if t.id == e.parent_id.split("+")[0]).train]) + 1e-6)
    assert max(len(v) for v in per_task.values()) <= config.hindsight_close + config.hindsight_random
    assert (tmp_path / "checkpoint" / "model.safetensors").is_file()
    trainer.buffer.close()
    resumed = CodeItTrainer.resume(tmp_path, progress=False, log=lambda m: None, search_tasks=tasks)
    assert resumed.iteration == 2 and resumed.states_total == rows[1]["states_total"]
    assert torch.allclose(next(resumed.policy.model.parameters()), next(trainer.policy.model.parameters()))
    row = resumed.run(3)[0]
    assert row["iteration"] == 2
    resumed.buffer.close()


def test_uniform_prior_is_the_unguided_search_and_learns_nothing(tmp_path):
    config = tiny_search_config(prior="uniform", search_seconds=5.0)
    trainer = CodeItTrainer(config, tmp_path, search_tasks=[TWO_STEP], progress=False, log=lambda m: None)
    before = [p.detach().clone() for p in trainer.policy.model.parameters()]
    row = trainer.run()[0]
    assert np.isnan(row["loss"]) and row["solved_top3"] == 1
    assert all(torch.equal(a, b) for a, b in zip(before, trainer.policy.model.parameters()))
    trainer.buffer.close()


@pytest.mark.parametrize("epochs", [0, 3])
def test_iteration_zero_pretrains_the_prior_on_the_whole_seed_pool(tmp_path, epochs):
    config = tiny_search_config(prior_pretrain_epochs=epochs, n_seed_draw=16)
    trainer = CodeItTrainer(config, tmp_path, search_tasks=[TWO_STEP], progress=False, log=lambda m: None)
    trainer.fill_seed_pool()
    pool = trainer.buffer.pool_sizes()["seed"]
    assert pool > 16
    row = trainer.meta_iteration()
    trainer.buffer.close()
    # With pretraining: every seed row once per epoch; without: one epoch on the usual draw.
    assert row["train_examples"] == (epochs * pool if epochs else 16)
    assert np.isfinite(row["loss"])


@pytest.mark.parametrize("states", [0, 4])
def test_the_prior_reads_the_tasks_left_after_the_likeliest_first_steps(tmp_path, states):
    config = tiny_search_config(prior_states=states)
    trainer = CodeItTrainer(config, tmp_path, search_tasks=[TWO_STEP], progress=False, log=lambda m: None)
    trainer.run()
    (costs,) = trainer.prior_costs([TWO_STEP])
    suffixes = [e for e in trainer.buffer.iter_pool("seed") if "+" in e.parent_id]
    trainer.buffer.close()
    assert len(costs.after) == states and bool(suffixes) == (states > 0)
    if states:
        vocab = trainer.policy.vocab
        ranked = [vocab.names[i] for i in np.argsort(-costs.first, kind="stable")]
        # The likeliest first steps that give a grid, each with the logits of the task its grids leave.
        name = next(iter(costs.after))
        assert ranked.index(name) < 4 * states
        left = [tuple(zip(_first_steps_grids(TWO_STEP, name), (p.output for p in TWO_STEP.train)))]
        np.testing.assert_allclose(costs.after[name], trainer.policy.task_logits(left)[0], rtol=1e-4, atol=1e-5)


def test_later_iterations_search_with_the_later_strength(tmp_path, monkeypatch):
    config = tiny_search_config(iterations=2, skip_fitted=False, prior_strength_later=0.9)
    trainer = CodeItTrainer(config, tmp_path, search_tasks=[TWO_STEP], progress=False, log=lambda m: None)
    strengths = []
    run_jobs = trainer._run_search_jobs

    def record(jobs, label):
        if label.startswith("search"):
            strengths.append([j.prior.strength for j in jobs])
        return run_jobs(jobs, label)

    monkeypatch.setattr(trainer, "_run_search_jobs", record)
    trainer.run()
    trainer.buffer.close()
    assert strengths == [[PriorConfig.tiny().strength], [0.9]]


def test_a_state_budget_grows_with_the_iterations_like_the_seconds(tmp_path, monkeypatch):
    config = tiny_search_config(iterations=3, prior="uniform", search_states=10, search_growth=2.0,
                                skip_fitted=False)
    trainer = CodeItTrainer(config, tmp_path, search_tasks=[TWO_STEP], progress=False, log=lambda m: None)
    budgets = []
    run_jobs = trainer._run_search_jobs

    def record(jobs, label):
        budgets.append([(j.seconds, j.states) for j in jobs])
        return run_jobs(jobs, label)

    monkeypatch.setattr(trainer, "_run_search_jobs", record)
    trainer.run()
    trainer.buffer.close()
    assert budgets == [[(0.3, 10)], [(0.6, 20)], [(1.2, 40)]]


def test_a_t5_run_directory_cannot_be_resumed_as_a_search_run(tmp_path):
    config = tiny_search_config()
    trainer = CodeItTrainer(config, tmp_path, search_tasks=[TWO_STEP], progress=False, log=lambda m: None)
    trainer.run()
    trainer.buffer.close()
    (tmp_path / "checkpoint" / "search_prior.json").write_text("{not json")
    with pytest.raises(RunStateError):
        CodeItTrainer.resume(tmp_path, progress=False, log=lambda m: None, search_tasks=[TWO_STEP])


@pytest.mark.parametrize("item", ["sampler=gpt", "prior=smart", "priority=loud", "search_seconds=0",
                                  "prior_model.width=3", "search_growth=-1",
                                  "prior_pretrain_epochs=-1", "prior_pretrain_seconds=0", "seed_hindsight_random=-1",
                                  "prior_strength_later=5"])
def test_bad_search_settings_are_one_line_config_errors(item):
    from agents.codeit.config import ConfigError

    with pytest.raises(ConfigError):
        CodeItConfig.from_preset("cpu").override([item])


def test_presets_pick_their_samplers():
    assert CodeItConfig.from_preset("cpu").sampler == "search"
    assert CodeItConfig.from_preset("paper").sampler == "t5"
    assert CodeItConfig.from_preset("cpu").override(["prior_model.hidden=64"]).prior_model["hidden"] == 64
