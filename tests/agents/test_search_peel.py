"""Peeled last steps (agents/search/peel.py): subgoals read off the demo outputs, and whole solves that find a
chain ending in such a step one depth earlier."""

from agents.base import Budget, task_solved
from agents.search import SearchAgent
from agents.search.peel import find_peels
from arc_env.scoring import score_program
from arc_env.tasks import Pair, Task
from dsl.primitives.grid import rot90, upscale
from dsl.primitives.layers import mirror_tile
from tests.grids import g


def _names(peels):
    return [p.name for p in peels]


def test_a_mirror_tiled_output_peels_to_its_top_left_quadrant():
    outs = [mirror_tile(g("120", "030")), mirror_tile(g("5", "6"))]
    peels = {p.name: p for p in find_peels(outs, [(4, 2)])}
    assert peels["mirror_tile"].subgoals == (g("120", "030"), g("5", "6"))
    assert peels["mirror_tile"].test_shapes == ((2, 1),)
    # Every peel rebuilds every demo output from its subgoals with the recipe the program will run.
    for p in peels.values():
        assert tuple(p.recipe.run(s) for s in p.subgoals) == tuple(outs)


def test_only_turns_peel_an_output_without_repeats_and_symmetric_turns_are_skipped():
    names = _names(find_peels([g("12", "34")]))
    assert names == ["rot90", "rot180", "rot270", "hmirror", "vmirror", "dmirror", "cmirror"]
    # A grid equal to its own left-right mirror has no vmirror subgoal (it would be the output itself).
    assert "vmirror" not in _names(find_peels([g("121", "343")]))


def test_an_upscale_peels_only_when_every_demo_and_the_test_shape_allow_it():
    outs = [upscale(g("12", "30"), 2), upscale(g("4"), 2)]
    assert "upscale(2)" in _names(find_peels(outs, [(6, 4)]))
    assert "upscale(2)" not in _names(find_peels(outs, [(5, 4)]))  # a test shape no upscale by 2 makes
    assert "upscale(2)" not in _names(find_peels(outs + [g("12", "34")]))


def _task(answer, inputs, test):
    return Task("peel", tuple(Pair(x, answer(x)) for x in inputs), (Pair(test, answer(test)),))


def test_a_chain_ending_in_a_peelable_step_is_found_one_depth_earlier():
    def answer(x):
        return mirror_tile(rot90(x))
    task = _task(answer, [g("120", "300"), g("045", "000")], g("607", "080"))
    budget = Budget(programs=500, seconds=20.0)
    without = SearchAgent(max_depth=1, stack=False, peel=False).solve(task.without_test_outputs(), budget)
    assert not without or without[0].demo_accuracy < 1.0
    agent = SearchAgent(max_depth=1, stack=False)
    cands = agent.solve(task.without_test_outputs(), budget)
    assert cands and cands[0].demo_accuracy == 1.0 and "mirror_tile" in cands[0].program
    assert score_program(task, cands[0].program).solves_demos
    assert task_solved(task, cands, 1)
    # The search's own test prediction is what the emitted program computes.
    assert agent.predictions[cands[0].program] == score_program(task, cands[0].program, run_test=True).test_outputs
