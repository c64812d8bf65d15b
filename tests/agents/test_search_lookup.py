"""The search agent's lookup closure: the whole output chosen among the demo outputs by a key of the input."""

from agents.base import Budget, task_solved
from agents.search import SearchAgent
from agents.search.agent import _KEYS, _View, _lookup_table
from arc_env.scoring import score_program
from arc_env.tasks import Pair, Task
from tests.grids import g

ONE_CELL, TWO_CELLS, THREE_CELLS = g("30", "00"), g("03", "30"), g("33", "03")
INK = dict(_KEYS)["ink"]


def task_of(pairs, tests, task_id="hand"):
    return Task(task_id, tuple(Pair(a, b) for a, b in pairs), tuple(Pair(a, b) for a, b in tests))


def _pairs():
    # The output is one of three fixed 2x2 grids, chosen by the number of ink cells of the input.
    return [(g("1000", "0000", "0000", "0000"), ONE_CELL),
            (g("0000", "0010", "0000", "0100"), TWO_CELLS),
            (g("0000", "0000", "0200", "0000"), ONE_CELL),
            (g("0100", "0000", "1000", "0001"), THREE_CELLS),
            (g("0000", "2000", "0000", "0002"), TWO_CELLS)]


def _view(pairs, tests):
    return _View(tuple(a for a, _ in pairs), tuple(b for _, b in pairs), tuple(tests))


def test_a_lookup_is_found_and_its_program_rescores():
    pairs = _pairs()
    test_in = g("0000", "0300", "0000", "3003")
    assert _lookup_table(INK, _view(pairs, [test_in])) == {1: ONE_CELL, 2: TWO_CELLS, 3: THREE_CELLS}
    task = task_of(pairs, [(test_in, THREE_CELLS)])
    cands = SearchAgent().solve(task.without_test_outputs(), Budget(programs=2000, seconds=10.0))
    lookups = [c for c in cands if c.origin.startswith("search:lookup")]
    assert lookups and all("branch" in c.program for c in lookups)
    score = score_program(task, lookups[0].program, score_test=True)
    assert score.solves_demos and score.solves_test
    assert task_solved(task, cands, 3)


def test_no_lookup_when_a_test_key_is_unseen():
    # Four ink cells were never shown.
    assert _lookup_table(INK, _view(_pairs(), [g("1100", "1100", "0000", "0000")])) is None


def test_no_lookup_when_keys_contradict():
    pairs = _pairs() + [(g("0000", "0000", "0000", "0011"), ONE_CELL)]  # two cells, but ONE_CELL
    assert _lookup_table(INK, _view(pairs, [g("1000", "0000", "0000", "0000")])) is None


def test_no_lookup_when_every_demo_has_its_own_key():
    # Keys 1, 2, 3 once each: a table that explains any three demos and predicts nothing.
    pairs = [_pairs()[k] for k in (0, 1, 3)]
    assert _lookup_table(INK, _view(pairs, [g("1000", "0000", "0000", "0000")])) is None


def test_no_lookup_when_every_output_is_the_same():
    pairs = [(a, ONE_CELL) for a, _ in _pairs()]
    assert _lookup_table(INK, _view(pairs, [g("1000", "0000", "0000", "0000")])) is None
