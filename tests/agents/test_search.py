"""The search agent's stages on small hand-made tasks: recipes and emission, size rules, the state graph,
stacking and colour maps, and whole solves whose programs re-score through ``score_program``."""

import numpy as np
import pytest

from agents.base import Budget, task_solved
from agents.search import SearchAgent
from agents.search.agent import _TURNS, _View, _make_view, _size_seeds
from agents.search.graph import StateGraph
from agents.search.recipe import Const, ProgramBuilder, Recipe, S, Step, X, chain_text, int_steps
from agents.search.size import predict_size
from agents.search.stacking import ALL, INK, ZEROS, colour_map, flatten, greedy_stack, idle_layers
from agents.search.transforms import GRID, LIST, build_transforms
from arc_env.scoring import score_program
from arc_env.tasks import Pair, Task
from dsl.interpreter import compile_program
from dsl.primitives.counting import count_largest, tally_grid
from dsl.primitives.grid import dmirror, hmirror, rot270
from dsl.values import DSLError
from tests.grids import g


def task_of(pairs, tests, task_id="hand"):
    return Task(task_id, tuple(Pair(a, b) for a, b in pairs), tuple(Pair(a, b) for a, b in tests))


# ------------------------------------------------------------------------------------------------- recipes


def test_recipe_runs_and_emits_the_same_calls():
    recipe = Recipe([Step("vmirror", (X,)), Step("hconcat", (X, 0))])
    grid = g("12", "30")
    value = recipe.run(grid)
    b = ProgramBuilder()
    text = b.text(b.apply(recipe, "I"))
    assert compile_program(text).run(grid).output == value == g("1221", "3003")


def test_builder_shares_identical_calls_and_emits_the_shape_rule_once():
    shape_rule = Recipe([Step("shape", (X,))])
    b = ProgramBuilder(shape_rule)
    a = b.apply(Recipe([Step("embed", (X, S))]), "I")
    c = b.apply(Recipe([Step("embed", (X, S))]), "I")
    assert a == c
    assert sum(callee == "shape" for _, callee, _ in b.lines) == 1


@pytest.mark.parametrize("n", [0, 7, 10, 13, 20, 25, 30])
def test_int_steps_build_every_size(n):
    steps, arg = int_steps(n)
    recipe = Recipe(steps + [Step("vec", (arg, Const("ONE")))])
    assert recipe.run(None) == (n, 1)


# ------------------------------------------------------------------------------------------------- sizes


def test_size_rules_simplest_first():
    ins = [g("12", "34"), g("123", "456", "789")]
    assert predict_size(ins, ins, [g("1")]).name == "input"
    outs = [g("11", "11", "11"), g("11", "11", "11")]
    rule = predict_size(ins, outs, [g("12")])
    assert rule.name == "constant" and rule.test_shapes == ((3, 2),)
    outs = [tuple(r * 2 for r in a) * 3 for a in ins]  # 3x taller, 2x wider
    rule = predict_size(ins, outs, [g("1234")])
    assert rule.name == "affine" and rule.test_shapes == ((3, 8),)


def test_size_rules_with_an_offset_a_constant_dimension_and_a_count():
    ins = [g("12", "34"), g("123", "456", "789")]
    outs = [g(*["0" * 4] * 4), g(*["0" * 5] * 5)]  # a frame: 2 more each way
    rule = predict_size(ins, outs, [g("1")])
    assert rule.name == "affine" and rule.test_shapes == ((3, 3),)
    outs = [g("0" * 2), g("0" * 3)]  # one row, the input's width
    rule = predict_size(ins, outs, [g("1234", "1234")])
    assert rule.name == "affine" and rule.test_shapes == ((1, 4),)
    ins = [g("120", "000"), g("123", "000"), g("100", "000")]  # as many rows and columns as colours with ink
    outs = [g("00", "00"), g("000", "000", "000"), g("0")]
    rule = predict_size(ins, outs, [g("12340")])
    assert rule.name.startswith("count:") and rule.test_shapes == ((4, 4),)
    assert tuple(rule.recipe.run(x, x) for x in ins) == tuple((len(o), len(o[0])) for o in outs)


def test_recipes_compose():
    first = Recipe([Step("rot90", (X,))])
    then = first.then(Recipe([Step("shape", (X,)), Step("multiply", (0, 0))]))
    assert then.run(g("123")) == (9, 1)


def test_chain_text_is_the_program_of_recipes_run_one_after_another():
    recipes = [Recipe([Step("rot90", (X,))]), Recipe([Step("hmirror", (X,))])]
    x = g("120", "003")
    want = recipes[1].run(recipes[0].run(x))
    assert compile_program(chain_text(recipes)).run(x).output == want != x


def test_size_rule_from_a_seed_transform():
    ins = [g("000", "010", "000"), g("0000", "0222", "0222", "0222")]  # 3 -> 1 and 4 -> 3: no affine rule
    outs = [g("5"), g("555", "555", "555")]
    seeds = [(t.name, t.recipe) for t in build_transforms(set(), set(), False) if t.name == "crop_ink"]
    rule = predict_size(ins, outs, [g("00000", "03330", "00000")], seeds)
    assert rule.name == "seed:crop_ink" and rule.test_shapes == ((1, 3),)


def _seeds(*names):
    return [(t.name, t.recipe) for t in build_transforms(set(range(10)), set(range(10)), False, same_shape=False)
            if t.name in names]


def _check(rule, ins, outs, name, test_shapes):
    assert rule is not None and rule.name == name and rule.test_shapes == test_shapes
    assert tuple(rule.recipe.run(x, x) for x in ins) == tuple((len(o), len(o[0])) for o in outs)
    # The rule's program lines type-check (a rule that only runs in Python would drop every program using it).
    b = ProgramBuilder(rule.recipe)
    compile_program(b.text(b.call("canvas", "ZERO", b.shape())))


def test_size_seeds_read_the_task_input_and_chain_two_crops():
    seeds = dict(_size_seeds(build_transforms({0, 2}, {0}, False, same_shape=False)))
    assert "crop_input_colour(2)" in seeds and "trim>crop_ink" in seeds
    assert not any(recipe.uses_shape for recipe in seeds.values())
    # the inside of the box spanned by four corner marks: crop to the marks, then drop the border
    ins = [g("00000", "02020", "00000", "02020"), g("2002", "0000", "0000", "2002")]
    outs = [g("1"), g("11", "11")]
    rule = predict_size(ins, outs, [g("200002", "000000", "200002")], seeds.items())
    assert rule.name.endswith(">trim") and rule.test_shapes == ((1, 4),)  # shrink or crop_ink, then trim


def test_size_rule_scales_a_seed():
    ins = [g("000", "010", "000"), g("0000", "0220", "0000")]
    outs = [g("55", "55"), g("5555", "5555")]
    rule = predict_size(ins, outs, [g("00000", "03300", "03300")], _seeds("crop_ink"))
    _check(rule, ins, outs, "seed:crop_ink*2", ((4, 4),))


def test_size_rule_adds_a_margin_to_a_seed_late():
    ins = [g("00000", "01110", "00000", "00000"), g("000000", "011000", "011000", "000000", "000000")]
    outs = [g("000", "000", "000"), g("00", "00", "00", "00")]  # the object's box, a row more on each side
    rule = predict_size(ins, outs, [g("0000", "0111", "0111", "0111", "0000", "0000")], _seeds("crop_ink"))
    _check(rule, ins, outs, "seed:crop_ink+(2, 0)", ((5, 3),))


def test_size_rule_with_dimensions_from_either_input_dimension():
    ins = [g("120000"), g("12000000"), g("1000")]  # one row: as many rows as half its width
    outs = [g(*["0" * 6] * 3), g(*["0" * 8] * 4), g(*["0" * 4] * 2)]
    rule = predict_size(ins, outs, [g("1" * 10)])
    _check(rule, ins, outs, "affine-mixed", ((5, 10),))


def test_size_rule_from_the_periods():
    ins = [g("1212", "3434"), g("123123", "456456"), g("10", "20", "10", "20", "10", "20")]  # one tile of a tiling
    outs = [g("12", "34"), g("123", "456"), g("10", "20")]
    rule = predict_size(ins, outs, [g("123123", "456456", "123123", "456456")])
    _check(rule, ins, outs, "period", ((2, 3),))


def test_size_rules_from_counts_of_empty_cells_stripes_and_largest_objects():
    ins = [g("110", "100", "100"), g("111", "110", "000"), g("111", "111", "100")]  # twice the empty cells
    outs = [g(*["0" * 10] * 10), g(*["0" * 8] * 8), g(*["0" * 4] * 4)]
    _check(predict_size(ins, outs, [g("100", "000", "000")]), ins, outs, "count:empty", ((16, 16),))
    ins = [g("1122", "1122", "1122"), g("11", "33", "44", "44"), g("22", "22")]  # one cell per colour stripe
    outs = [g("12"), g("1", "3", "4"), g("2")]
    rule = predict_size(ins, outs, [g("112233", "112233")])
    _check(rule, ins, outs, "count:stripes", ((1, 3),))
    # as many rows as the largest objects have cells, one column per such object
    ins = [g("11000", "00022", "30000"), g("10200", "10200", "10200"), g("10000", "00000", "00000")]
    outs = [g("12", "12"), g("12", "12", "12"), g("1")]
    rule = predict_size(ins, outs, [g("11100", "00000", "01110")])
    _check(rule, ins, outs, "count:largest", ((3, 2),))


def test_other_fractions_come_after_the_seeds():
    ins = [g("11111", "10011", "10011", "11111", "11111"), g("1111", "1011", "1111", "1111"),
           g("1111111", "1111111", "1100111", "1100111", "1111111", "1111111", "1111111")]
    outs = [g("11", "11"), g("1"), g("11", "11")]  # the hole; 5 -> 2, 4 -> 1, 7 -> 2 is also 2/5 of the side
    test = g("1111111", "1000111", "1000111", "1000111", "1111111", "1111111", "1111111")
    rule = predict_size(ins, outs, [test], _seeds("crop_input_colour(0)"))
    _check(rule, ins, outs, "seed:crop_input_colour(0)", ((3, 3),))


# ------------------------------------------------------------------------------------------------- graph


def test_graph_deduplicates_states_and_keeps_the_cheapest_chain():
    grid = g("12", "34")
    transforms = [t for t in build_transforms({1, 2, 3, 4}, {1}, False) if t.name in ("rot90", "rot270", "rot180")]
    graph = StateGraph([grid], transforms, max_depth=4)
    graph.expand(1000, float("inf"))
    values = [graph.values[st.ids[0]] for st in graph.states]
    assert len(values) == len(set(values)) == 4  # the four rotations, each once
    for k, st in enumerate(graph.states):
        assert len(graph.chain(k)) == st.depth <= 2


def test_step_costs_order_the_expansion_but_a_state_s_cost_stays_its_chain_s_own():
    # A prior makes rot180 nearly free: it is tried first, yet its state still costs one transform, so a
    # prior never makes a found program look simpler than it is (ranking and closures read ``cost``).
    grid = g("12", "34")
    transforms = [t for t in build_transforms({1, 2, 3, 4}, {1}, False) if t.name in ("rot90", "rot180")]
    favour = [0.1 if t.name == "rot180" else 1.0 for t in transforms]
    graph = StateGraph([grid], transforms, max_depth=2, step_costs=np.tile(favour, (len(transforms) + 1, 1)))
    graph.expand(1, float("inf"))
    first = graph.states[1]
    assert graph.transforms[first.transform].name == "rot180"
    assert first.cost == 1.0 and first.priority == pytest.approx(0.1)
    graph.expand(1000, float("inf"))
    for st in graph.states:
        assert st.cost == st.depth  # every transform's own cost is 1


def test_a_depth_limit_drops_deeper_edges_but_still_tries_the_shallower_ones_a_prior_put_behind_them():
    grid = g("12", "34")
    transforms = [t for t in build_transforms({1, 2, 3, 4}, {1}, False) if t.name in ("rot90", "rot180")]
    k90, k180 = (next(k for k, t in enumerate(transforms) if t.name == n) for n in ("rot90", "rot180"))
    costs = np.ones((len(transforms) + 1, len(transforms)))
    costs[0, k90], costs[0, k180] = 0.1, 0.9  # first steps: rot90 is likely, rot180 not
    costs[k90 + 1, :] = 0.01                  # anything after rot90 is very likely: a depth-2 edge comes next
    graph = StateGraph([grid], transforms, max_depth=3, step_costs=costs)
    graph.expand(1000, float("inf"), stop_depth=lambda: 1)
    assert sorted(graph.transforms[st.transform].name for st in graph.states[1:]) == ["rot180", "rot90"]
    assert all(st.depth <= 1 for st in graph.states)


def test_a_transform_failing_on_one_example_fails_for_the_state():
    transforms = [t for t in build_transforms(set(), set(), False) if t.name == "crop_ink"]
    graph = StateGraph([g("010"), g("000")], transforms)
    graph.expand(10, float("inf"))
    assert len(graph.states) == 1


def test_leaves_of_the_wrong_shape_are_dropped():
    # Depth 1 is the last depth here: only grids of the leaf shape on every example become states.
    names = ("rot90", "crop_ink", "vmirror")
    transforms = [t for t in build_transforms({1}, {1}, False) if t.name in names]
    assert len(transforms) == 3
    inputs = [g("100", "000"), g("010", "000")]
    pruned = StateGraph(inputs, transforms, max_depth=1, leaf_shapes=[(2, 3), (2, 3)])
    pruned.expand(100, float("inf"))
    kept = {pruned.transforms[pruned.states[k].transform].name for k in range(1, len(pruned.states))}
    assert kept == {"vmirror"}
    full = StateGraph(inputs, transforms, max_depth=1)
    full.expand(100, float("inf"))
    assert len(full.states) == 4 and full.applications > pruned.applications


def test_no_list_transform_is_tried_at_the_last_depth():
    transforms = [t for t in build_transforms({1, 2}, {1}, False) if t.src == GRID]
    assert any(t.dst == LIST for t in transforms)
    graph = StateGraph([g("12", "00")], transforms, max_depth=1, leaf_shapes=[(2, 2)])
    graph.expand(100, float("inf"))
    assert all(st.kind == GRID for st in graph.states)


def test_transform_kinds_are_consistent_with_their_recipes():
    transforms = build_transforms({0, 1, 2}, {0, 3}, True)
    grid = g("0120", "0120", "3333")
    for t in transforms:
        assert t.src in (GRID, LIST) and t.dst in (GRID, LIST)
        if t.src == GRID:
            try:
                value = t.recipe.run(grid, grid, (4, 8))
            except DSLError:
                continue  # a transform may fail on a grid; it must not return a non-value
            assert type(value) is tuple


# ------------------------------------------------------------------------------------------------- closures


def test_greedy_stack_modes_and_order():
    target = flatten([g("12", "00")])
    ink_piece = flatten([g("10", "00")])
    all_piece = flatten([g("22", "00")])
    layers = greedy_stack(np.stack([ink_piece, all_piece]), target, [1.0, 1.0])
    assert layers is not None
    # Reproduce the target from the layers (top first) over a zero canvas.
    out = np.zeros_like(target)
    pieces = [ink_piece, all_piece]
    for k, mode in reversed(layers):
        p = pieces[k]
        if mode == INK:
            out = np.where(p != 0, p, out)
        elif mode == ZEROS:
            out = np.where(p == 0, 0, out)
        else:
            out = p.copy()
        assert mode in (INK, ZEROS, ALL)
    assert (out == target).all()


def test_greedy_stack_only_lays_the_given_modes():
    target = flatten([g("1200")])
    mask = flatten([g("3300")])  # its zeros cover the most cells, but it says nothing about the ink
    ink = flatten([g("1000")])
    base = flatten([g("0200")])
    pieces = np.stack([mask, ink, base])
    assert greedy_stack(pieces, target, [1.0, 1.0, 1.0])[0] == (0, ZEROS)  # the mask covers the most
    layers = greedy_stack(pieces, target, [1.0, 1.0, 1.0], modes=(INK, ALL))
    assert layers is not None and all(mode != ZEROS for _, mode in layers)
    assert greedy_stack(np.stack([mask]), target, [1.0], modes=(INK, ALL)) is None


def test_greedy_stack_refuses_contradictions():
    target = flatten([g("12")])
    assert greedy_stack(np.stack([flatten([g("21")])]), target, [1.0]) is None


def test_idle_layers_counts_layers_that_write_nothing_new():
    top = flatten([g("1000")])
    covered = flatten([g("2000")])  # its only ink is under the top layer's
    blank = flatten([g("0000")])  # no ink at all
    base = flatten([g("0303")])
    assert idle_layers([top, base], [INK, ALL]) == 0
    assert idle_layers([top, covered, blank, base], [INK, INK, INK, ALL]) == 2
    assert idle_layers([top, blank], [INK, ZEROS]) == 0  # a mask of zeros writes its zero cells
    assert idle_layers([top, base, covered], [INK, ALL, INK]) == 1  # nothing is left under a full layer


def test_colour_map_is_consistent_or_none():
    assert colour_map(flatten([g("1102")]), flatten([g("3304")])) == {1: 3, 2: 4}
    assert colour_map(flatten([g("11")]), flatten([g("34")])) is None


# ------------------------------------------------------------------------------------------------- solves


def _solve(task, states=2000, seconds=20.0, **kw):
    agent = SearchAgent(**kw)
    return agent, agent.solve(task, Budget(programs=states, seconds=seconds))


def test_solves_a_depth_two_task_and_its_program_rescores():
    pairs = [(g("12", "34"), g("3311", "3311", "4422", "4422")),
             (g("50", "06"), g("0055", "0055", "6600", "6600"))]
    task = task_of(pairs, [(g("78", "90"), g("9977", "9977", "0088", "0088"))])
    agent, cands = _solve(task)
    assert cands and cands[0].demo_accuracy == 1.0
    score = score_program(task, cands[0].program, score_test=True)
    assert score.solves_demos and score.solves_test
    assert task_solved(task, cands, 3)
    assert agent.trace and agent.stats["programs"] > 0


def test_found_programs_predict_what_the_graph_computed():
    pairs = [(g("100", "000"), g("111", "000")), (g("000", "020"), g("000", "222"))]
    task = task_of(pairs, [(g("003", "000"), None)])
    agent, cands = _solve(task)
    assert cands
    graph, view, _ = agent._last
    score = score_program(task, cands[0].program, run_test=True)
    assert score.solves_demos
    exact = [k for k, st in enumerate(graph.states)
             if st.kind == GRID and all(graph.values[i] == o for i, o in zip(st.ids, view.demo_outputs))]
    predictions = {tuple(graph.values[i] for i in graph.states[k].ids[len(view.demo_inputs):]) for k in exact}
    assert score.test_outputs in predictions


def test_stacking_solves_a_union_of_two_pieces():
    # Output = the left half's ink laid over the right half's ink, recoloured: stacking + recolour chains.
    pairs = [(g("1000", "0001"), g("11", "01")), (g("0010", "1000"), g("11", "00")),
             (g("1001", "0000"), g("11", "00"))]
    task = task_of(pairs, [(g("0001", "1000"), None)])
    _, cands = _solve(task, states=3000)
    assert cands and cands[0].demo_accuracy == 1.0
    assert score_program(task, cands[0].program).solves_demos


def test_colour_map_closure():
    pairs = [(g("120", "012"), g("021", "102")), (g("211", "000"), g("112", "000"))]
    task = task_of(pairs, [(g("012", "210"), None)])
    _, cands = _solve(task, stack=True)
    assert cands and cands[0].demo_accuracy == 1.0


def _tally_task(turn_back):
    """Count the largest 5-objects and paint that many cells of a 2x3 grid with 8, in an order that is reading
    order only after ``turn_back``'s inverse: its program is one transform inside the matching turned view."""
    def answer(grid):
        return turn_back(tally_grid(count_largest(grid, 5), 8, (2, 3), 1))
    # Largest 5-objects: three of size 1; four of size 1; one of size 3; two of size 2 (the test).
    inputs = [g("5005", "0000", "0050", "0000"), g("5050", "0000", "5050", "0000"), g("0000", "0555", "0000", "0050"),
              g("5500", "0000", "0550", "0000")]
    return task_of([(x, answer(x)) for x in inputs[:3]], [(inputs[3], answer(inputs[3]))])


@pytest.mark.parametrize("turn", sorted(_TURNS))
def test_turned_views_wrap_programs_that_rescore(turn):
    # Each turned view's program reads the turned input and turns its answer back: it re-scores on the task.
    pairs = [(g("12", "34", "56"), g("13", "24", "56")), (g("56", "78", "90"), g("57", "68", "90"))]
    task = task_of(pairs, [(g("90", "12", "34"), None)])
    plain = _View(tuple(p.input for p in task.train), tuple(p.output for p in task.train), task.test_inputs)
    view = _make_view(plain, turn)
    assert view.wrap == turn and view.demo_inputs[0] != plain.demo_inputs[0]
    found = SearchAgent()._search(view, 150, float("inf"))
    assert found and found[0].fits
    assert f"{turn}(I)" in found[0].program
    assert score_program(task, found[0].program).solves_demos


@pytest.mark.parametrize("turn,back", [("dmirror", dmirror), ("rot90", rot270), ("hmirror", hmirror)])
def test_a_turned_view_solves_what_the_plain_search_cannot_reach(turn, back):
    # A column-major (or bottom-up) tally needs tally + turn in the plain task, but one step in the turned view.
    task = _tally_task(back)
    # (Without peeled last steps, which find the same tally + turn one depth earlier in the plain task.)
    _, plain_only = _solve(task, max_depth=1, stack=False, peel=False, views=(("plain", 1.0),))
    assert not plain_only or plain_only[0].demo_accuracy < 1.0
    _, cands = _solve(task, max_depth=1, stack=False, peel=False, views=(("plain", 0.5), (turn, 0.5)))
    assert cands and cands[0].demo_accuracy == 1.0 and f"{turn}(I)" in cands[0].program
    assert score_program(task, cands[0].program, score_test=True).solves_test


def test_a_turned_view_equal_to_the_plain_task_is_skipped():
    symmetric = g("121", "222", "121")
    plain = _View((symmetric,), (symmetric,), (symmetric,))
    assert all(_make_view(plain, turn) is None for turn in _TURNS)
    with pytest.raises(ValueError):
        SearchAgent(views=(("plain", 0.5), ("sideways", 0.5)))


def test_the_agent_never_reads_test_outputs():
    class Guarded(Pair):
        @property
        def output(self):
            raise AssertionError("test output read")

    pairs = [(g("12", "34"), g("21", "43"))]
    test = object.__new__(Guarded)
    object.__setattr__(test, "input", g("56", "78"))
    task = Task("guarded", tuple(Pair(a, b) for a, b in pairs), (test,))
    _, cands = _solve(task)
    assert cands


def test_budget_and_deadline_bound_the_search():
    pairs = [(g("1234", "5678", "9012"), g("9"))]
    task = task_of(pairs, [(g("1111", "2222", "3333"), None)])
    agent, _ = _solve(task, states=5, seconds=30)
    assert agent.stats["programs"] <= 5 * 2  # the plain search and at most one augmented one
    agent, _ = _solve(task, states=10**9, seconds=0.5)
    assert agent.stats["seconds"] < 5


def test_hindsight_pairs_are_programs_with_their_realized_outputs():
    pairs = [(g("12", "34"), g("99")), (g("56", "78"), g("99"))]
    task = task_of(pairs, [(g("11", "22"), None)])
    agent, _ = _solve(task, states=30)
    pairs_out = agent.hindsight(limit=50)
    assert pairs_out
    for program, chain, outputs in pairs_out[:20]:
        score = score_program(task, program)
        assert score.demo_outputs == outputs
        assert chain and all(isinstance(name, str) for name in chain)
    chosen = agent.hindsight(limit=50, choose=lambda outputs: [len(outputs) - 1])
    assert [c[2] for c in chosen] == [pairs_out[-1][2]]


def test_colour_normalised_view_solves_role_coloured_tasks():
    # Keep the most common non-zero colour, whichever it is: no fixed colour works for every demo.
    pairs = [(g("3305", "0033", "3500"), g("3300", "0033", "3000")),
             (g("7702", "0077", "0777"), g("7700", "0077", "0777")),
             (g("1104", "4011", "1011"), g("1100", "0011", "1011"))]
    task = task_of(pairs, [(g("6608", "0066", "8060"), g("6600", "0066", "0060"))])
    _, cands = _solve(task, states=400)
    assert cands and cands[0].demo_accuracy == 1.0
    assert "normalise_colours" in cands[0].program
    assert score_program(task, cands[0].program, score_test=True).solves_test


def test_trace_holds_every_returned_candidate():
    # A stacking solution is only known after the search: it must still reach the trace (compare's curves).
    pairs = [(g("1000", "0001"), g("11", "01")), (g("0010", "1000"), g("11", "00")),
             (g("1001", "0000"), g("11", "00"))]
    task = task_of(pairs, [(g("0001", "1000"), None)])
    agent, cands = _solve(task, states=3000)
    traced = {c.program for _, c in agent.trace}
    assert cands and all(c.program in traced for c in cands)
    assert all(spent <= agent.stats["programs"] for spent, _ in agent.trace)


def _template_task():
    # Every output is the input with the same irregular 7s and 3s drawn over it: only a constant template
    # (the cells on which all demo outputs agree) can supply them.
    pairs = [(g("00000", "01000", "00000", "00010", "00000"), g("70037", "01000", "00007", "30010", "07000")),
             (g("00000", "00000", "01100", "00000", "00000"), g("70037", "00000", "01107", "30000", "07000")),
             (g("00000", "00001", "00000", "01000", "00000"), g("70037", "00001", "00007", "31000", "07000"))]
    return task_of(pairs, [(g("00000", "00100", "00000", "00000", "01000"),
                            g("70037", "00100", "00007", "30000", "07000"))])


def test_template_piece_solves_a_task_with_fixed_cells_and_its_program_rescores():
    task = _template_task()
    _, cands = _solve(task, states=3000)
    assert cands and cands[0].demo_accuracy == 1.0
    assert "fill_box" in cands[0].program
    score = score_program(task, cands[0].program, score_test=True)
    assert score.solves_demos and score.solves_test
    assert task_solved(task, cands, 3)


def test_without_constant_pieces_the_template_task_is_not_solved(monkeypatch):
    import agents.search.agent as agent_module
    monkeypatch.setattr(agent_module, "_constants", lambda view, rule: [])
    _, cands = _solve(_template_task(), states=3000)
    assert not task_solved(_template_task(), cands, 3)


def test_blank_demo_outputs_of_a_fixed_shape_do_not_break_stacking():
    # Every demo output is a blank 3x3 grid: greedy stacking has nothing to cover and returns no layers,
    # which once crashed the closures (an empty stack has no cost).
    pairs = [(g("10203", "00000", "30001", "00100", "02000"), g("000", "000", "000")),
             (g("1020", "0000", "3001", "0010", "0200", "0003"), g("000", "000", "000")),
             (g("1020300", "0000000", "3000100", "0010020"), g("000", "000", "000"))]
    task = task_of(pairs, [(g("10203", "00000", "30010"), g("000", "000", "000"))])
    cands = SearchAgent().solve(task.without_test_outputs(), Budget(seconds=1.0))
    assert all(c.demo_accuracy < 1.0 or score_program(task, c.program).solves_demos for c in cands)


def test_a_graph_stops_at_its_memory_cap_and_the_agent_says_so():
    pairs = [(g("12", "34"), g("3311", "3311", "4422", "4422")),
             (g("50", "06"), g("0055", "0055", "6600", "6600"))]
    task = task_of(pairs, [(g("78", "90"), None)])
    agent = SearchAgent(max_memory_mb=1)  # below any process's resident size: the first check stops the graph
    agent.solve(task, Budget(programs=2000, seconds=20.0))
    assert agent.stats["out_of_memory"] and agent.stats["programs"] == 0
    agent = SearchAgent()
    agent.solve(task, Budget(programs=2000, seconds=20.0))
    assert not agent.stats["out_of_memory"] and agent.stats["programs"] > 0
