"""CodeIt: hindsight relabeling, priorities, the executor, one tiny meta-iteration, resume."""

import json
from dataclasses import asdict

import numpy as np
import pytest

from agents.codeit.config import CodeItConfig
from agents.codeit.executor import ProgramExecutor
from agents.codeit.policy import PolicyConfig
from agents.codeit.relabel import relabel
from agents.codeit.solutions import SolutionBook, pass_at_2, score_book, submission, top_k_solved
from agents.codeit.trainer import CodeItTrainer, evaluate_run
from arc_env.loaders import get_task
from arc_env.scoring import score_program
from replay import ReplayBuffer, demo_accuracy_priority

ROT180, _ = get_task("3c9b0459", "arcagi")      # rotate by 180 degrees
FLIP, _ = get_task("68b16354", "arcagi")        # flip upside down


def test_relabel_keeps_realized_outputs_of_a_wrong_program():
    score = score_program(ROT180, "O = rot90(I)")
    assert score.pairs_solved == 0
    exp = relabel(ROT180, score, [5, 6, 1], iteration=3)
    assert exp is not None and exp.origin == "policy" and exp.iteration == 3
    assert exp.inputs == ROT180.demo_inputs
    assert exp.outputs == tuple(tuple(zip(*g[::-1])) for g in ROT180.demo_inputs)
    assert exp.demo_accuracy == 0.0


def test_relabel_drops_failed_runs_and_ablation_keeps_only_full_solutions():
    crash = score_program(ROT180, "x1 = objects(I, T, F, T)\nx2 = sizefilter(x1, TEN)\nx3 = first(x2)\nO = subgrid(x3, I)")
    assert crash.error is not None
    assert relabel(ROT180, crash, [1], 0) is None
    wrong = score_program(ROT180, "O = rot90(I)")
    assert relabel(ROT180, wrong, [1], 0, relabel=False) is None
    right = score_program(ROT180, "O = rot180(I)")
    exp = relabel(ROT180, right, [1], 0, relabel=False)
    assert exp.outputs == ROT180.demo_outputs and exp.demo_accuracy == 1.0


def test_one_demo_ablation_uses_the_smallest_demo():
    exp = relabel(ROT180, score_program(ROT180, "O = rot90(I)"), [1], 0, one_demo=True)
    assert len(exp.inputs) == 1


def test_priority_is_demo_accuracy():
    buffer = ReplayBuffer(priority_fn=demo_accuracy_priority)
    good = relabel(ROT180, score_program(ROT180, "O = rot180(I)"), [1], 0)
    bad = relabel(ROT180, score_program(ROT180, "O = rot90(I)"), [2], 0)
    buffer.add_many([good, bad])
    priorities = dict(zip([e.program for e in buffer.iter_pool("policy")], buffer.priorities("policy")))
    assert priorities["O = rot180(I)"] > 1000 * priorities["O = rot90(I)"] > 0


def test_solutions_rank_and_score_top3_and_pass2():
    book = SolutionBook()
    for text in ("O = rot180(I)", "x1 = rot90(I)\nx2 = rot90(x1)\nO = identity(x2)"):
        book.add(ROT180.id, score_program(ROT180, text, run_test=True), iteration=0)
    ranked = book.ranked(ROT180.id)
    assert ranked[0].program == "O = rot180(I)"  # same accuracy: the shorter text wins
    assert top_k_solved(ROT180, ranked, 3) and pass_at_2(ROT180, ranked) == 1.0
    assert score_book(book, [ROT180, FLIP])["top3"] == 1
    sub = submission(book, [ROT180, FLIP])
    assert sub[ROT180.id][0]["attempt_1"] == [list(r) for r in ROT180.test[0].output]
    assert SolutionBook.from_json(json.loads(json.dumps(book.to_json()))).to_json() == book.to_json()


def test_programs_predicting_the_same_grids_are_one_attempt():
    from agents.codeit.solutions import Solution

    wrong = (tuple(tuple(0 for _ in row) for row in ROT180.test[0].output),)
    right = (ROT180.test[0].output,)
    book = SolutionBook()
    # Three programs from different iterations predict the same wrong grid and rank above the right one.
    for k, text in enumerate(("O = a(I)", "O = b(I)", "O = c(I)")):
        book.add_solution(ROT180.id, Solution(text, 1.0, k, wrong, 1.0))
    book.add_solution(ROT180.id, Solution("O = rot180(I)", 1.0, 0, right, 2.0))
    ranked = book.ranked(ROT180.id)
    assert [s.test_predictions for s in ranked[:3]] == [wrong] * 3
    assert top_k_solved(ROT180, ranked, 3) and pass_at_2(ROT180, ranked) == 1.0
    assert not top_k_solved(ROT180, ranked, 1)


def test_executor_scores_in_workers_and_kills_overdue_jobs():
    with ProgramExecutor(workers=1) as ex:
        (scores,) = ex.score([(ROT180, ["O = rot180(I)", "O = rot90("])])
        assert scores[0].solves_demos and scores[1].error == "parse"
    with ProgramExecutor(workers=1, program_seconds=0.0, slack=0.0) as ex:
        (scores,) = ex.score([(ROT180, ["O = rot180(I)"])])
        assert scores[0].error == "timeout" and ex.killed_jobs == 1


def tiny_config(**overrides):
    return CodeItConfig.from_preset("cpu", sampler="t5", use_mutants=False, iterations=1, workers=0, n_seed_draw=32,
                                    n_policy_draw=32, samples_per_task=4, policy=asdict(PolicyConfig.tiny()),
                                    **overrides)


def test_one_meta_iteration_end_to_end_and_resume(tmp_path):
    tasks = [ROT180, FLIP, get_task("a416b8f3", "arcagi")[0]]
    trainer = CodeItTrainer(tiny_config(), tmp_path, search_tasks=tasks, progress=False, log=lambda m: None)
    rows = trainer.run()
    row = rows[0]
    assert row["iteration"] == 0 and row["programs_sampled"] > 0 and row["buffer_seed"] > 100
    assert row["buffer_policy"] == row["relabeled_added"] and np.isfinite(row["loss"])
    for name in ("config.json", "buffer.db", "solutions.json", "performance.csv", "submission.json",
                 "checkpoint/state.json", "checkpoint/optimizer.pt", "checkpoint/model.safetensors"):
        assert (tmp_path / name).exists(), name
    assert list((tmp_path / "tb").iterdir())
    resumed = CodeItTrainer.resume(tmp_path, progress=False, log=lambda m: None, search_tasks=tasks)
    assert resumed.iteration == 1 and len(resumed.buffer) == len(trainer.buffer)
    assert resumed.rng.bit_generator.state == trainer.rng.bit_generator.state
    before = {k: v.clone() for k, v in resumed.policy.model.state_dict().items()}
    for k, v in trainer.policy.model.state_dict().items():
        assert (before[k] == v).all()
    resumed.run(2)
    assert resumed.iteration == 2
    assert len((tmp_path / "performance.csv").read_text().splitlines()) == 3
    assert evaluate_run(tmp_path, search_tasks=tasks)["tasks"] == 3


def test_config_overrides_and_round_trip(tmp_path):
    config = CodeItConfig.from_preset("cpu").override(["relabel=false", "samples_per_task=8", "priority=uniform"])
    assert config.relabel is False and config.samples_per_task == 8 and config.priority == "uniform"
    config.save(tmp_path / "c.json")
    assert CodeItConfig.load(tmp_path / "c.json") == config
    assert CodeItConfig.from_preset("paper").samples_per_task == 24
    with pytest.raises(ValueError):
        config.override(["nope=1"])
