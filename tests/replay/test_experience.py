"""Experience construction, validation, JSON round trips and priority functions."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replay import PRIORITY_EPSILON, Experience, demo_accuracy_priority, read_jsonl, uniform_priority, write_jsonl


def _grid(rows: int, cols: int, v: int = 1) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple((v + i + j) % 10 for j in range(cols)) for i in range(rows))


def test_key_pool_and_normalisation() -> None:
    e = Experience("task", "O = f(I)", [3, 4], [[[1, 2]]], [[[2, 1]]], origin="mutant", demo_accuracy=1)
    assert e.key == ("task", "O = f(I)")
    assert e.pool == "seed"
    assert e.tokens == (3, 4) and e.inputs == (((1, 2),),) and e.outputs == (((2, 1),),)
    assert isinstance(e.demo_accuracy, float)
    assert Experience("t", "p", (), (), (), origin="policy").pool == "policy"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"origin": "other"},
        {"priority": -1.0},
        {"priority": float("nan")},
        {"priority": float("inf")},
        {"demo_accuracy": 1.5},
        {"outputs": ()},
    ],
)
def test_validation(kwargs: dict) -> None:
    base = {"parent_id": "t", "program": "p", "tokens": (1,), "inputs": (_grid(1, 1),), "outputs": (_grid(1, 1),)}
    base.update(kwargs)
    with pytest.raises(ValueError):
        Experience(**base)


def test_json_round_trip_and_jsonl(tmp_path) -> None:
    e = Experience("t", "x1 = f(I)\nO = g(x1)", (5, 6, 7), (_grid(2, 3),), (_grid(3, 2, 4),), 0.25, "policy", 3, 0.5)
    text = e.to_json()
    assert "\n" not in text
    assert json.loads(text)["outputs"] == [[[4, 5], [5, 6], [6, 7]]]
    assert Experience.from_json(text) == e
    assert Experience.from_dict(e.to_dict()) == e
    path = tmp_path / "x.jsonl"
    assert write_jsonl([e, e.with_priority(2.0)], str(path)) == 2
    back = list(read_jsonl(str(path)))
    assert back == [e, e.with_priority(2.0)]


grids = st.integers(1, 4).flatmap(
    lambda r: st.integers(1, 4).flatmap(lambda c: st.tuples(*[st.tuples(*[st.integers(0, 9)] * c)] * r))
)


@settings(max_examples=50, deadline=None)
@given(
    parent=st.text(max_size=8),
    program=st.text(max_size=30),
    tokens=st.lists(st.integers(0, 50_000), max_size=10).map(tuple),
    pairs=st.lists(st.tuples(grids, grids), max_size=3),
    acc=st.floats(0, 1),
    origin=st.sampled_from(["seed", "mutant", "policy"]),
    iteration=st.integers(0, 200),
)
def test_json_round_trip_property(parent, program, tokens, pairs, acc, origin, iteration) -> None:
    e = Experience(
        parent,
        program,
        tokens,
        tuple(p[0] for p in pairs),
        tuple(p[1] for p in pairs),
        demo_accuracy_priority(Experience(parent, program, tokens, (), (), demo_accuracy=acc)),
        origin,
        iteration,
        acc,
    )
    assert Experience.from_json(e.to_json()) == e


def test_signature_depends_on_pairs_only() -> None:
    a = Experience("t", "p1", (1,), (_grid(2, 2),), (_grid(2, 2, 3),), demo_accuracy=0.0)
    b = Experience("t", "longer p2", (1, 2), (_grid(2, 2),), (_grid(2, 2, 3),), demo_accuracy=1.0, origin="seed")
    c = Experience("t", "p1", (1,), (_grid(2, 2),), (_grid(2, 2, 4),))
    assert a.signature == b.signature
    assert a.signature != c.signature


def test_priority_functions() -> None:
    e0 = Experience("t", "p", (), (), (), demo_accuracy=0.0)
    e1 = Experience("t", "p", (), (), (), demo_accuracy=0.75)
    assert demo_accuracy_priority(e0) == PRIORITY_EPSILON > 0
    assert demo_accuracy_priority(e1) == pytest.approx(0.75 + PRIORITY_EPSILON)
    assert uniform_priority(e0) == uniform_priority(e1) == 1.0
