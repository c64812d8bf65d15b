"""SumTree against numpy cumsum, and the vectorized samplers."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replay.sum_tree import SumTree, gumbel_top_k, uniform_without_replacement


@settings(max_examples=100, deadline=None)
@given(
    weights=st.lists(st.integers(0, 20), min_size=1, max_size=70).filter(lambda w: sum(w) > 0),
    data=st.data(),
)
def test_find_matches_cumsum_searchsorted(weights: list[int], data) -> None:
    # Integer-valued weights make every partial sum exact, so boundaries compare exactly.
    w = np.asarray(weights, dtype=np.float64)
    tree = SumTree(capacity=1)
    for x in w:
        tree.append(float(x))
    cum = np.cumsum(w)
    assert tree.total == cum[-1]
    assert np.array_equal(tree.weights, w)
    prefixes = np.asarray(
        data.draw(st.lists(st.integers(0, int(cum[-1]) - 1), min_size=1, max_size=30)), dtype=np.float64
    )
    prefixes = np.concatenate([prefixes, prefixes + 0.5])
    expected = np.searchsorted(cum, prefixes, side="right")
    assert np.array_equal(tree.find_many(prefixes), expected)
    assert [tree.find(float(p)) for p in prefixes] == expected.tolist()
    # the chosen leaf never has zero weight
    assert np.all(w[expected] > 0)


@settings(max_examples=60, deadline=None)
@given(
    weights=st.lists(st.floats(0, 1e3), min_size=1, max_size=100),
    updates=st.lists(st.tuples(st.integers(0, 10_000), st.floats(0, 1e3)), max_size=40),
)
def test_updates_keep_sums_consistent(weights: list[float], updates) -> None:
    w = np.asarray(weights, dtype=np.float64)
    single = SumTree.from_weights(w)
    batch = SumTree.from_weights(w)
    idx = np.array([i % len(w) for i, _ in updates], dtype=np.int64)
    vals = np.array([v for _, v in updates], dtype=np.float64)
    for i, v in zip(idx.tolist(), vals.tolist()):
        single.update(i, v)
        w[i] = v
    # with duplicates the last write wins, as in the sequential loop
    last = {i: v for i, v in zip(idx.tolist(), vals.tolist())}
    batch.update_many(np.array(list(last), dtype=np.int64), np.array(list(last.values())))
    for t in (single, batch):
        assert np.array_equal(t.weights, w)
        assert t.total == pytest.approx(w.sum(), rel=1e-12, abs=1e-9)
        # every internal node equals the sum of its children
        cap = t.capacity
        tree = t._tree
        assert np.allclose(tree[1:cap], tree[2 : 2 * cap : 2] + tree[3 : 2 * cap : 2], rtol=1e-12, atol=1e-9)


def test_growth_and_extend() -> None:
    t = SumTree(capacity=2)
    t.extend(np.arange(5, dtype=np.float64))
    for x in range(5, 40):
        t.append(float(x))
    assert len(t) == 40 and t.capacity == 64
    assert t.total == sum(range(40))
    assert np.array_equal(t.weights, np.arange(40, dtype=np.float64))
    with pytest.raises(IndexError):
        t.update(40, 1.0)
    with pytest.raises(ValueError):
        t.update(0, -1.0)


def test_sample_with_replacement_is_proportional() -> None:
    w = np.array([1.0, 0.0, 3.0, 6.0])
    rng = np.random.default_rng(0)
    draws = SumTree.from_weights(w).sample(200_000, rng)
    freq = np.bincount(draws, minlength=4) / len(draws)
    assert freq[1] == 0.0
    assert np.allclose(freq, w / w.sum(), atol=0.005)


def test_gumbel_top_k_first_draw_is_proportional_and_distinct() -> None:
    w = np.array([10.0, 1.0, 1.0, 1.0, 1.0, 0.0])
    rng = np.random.default_rng(1)
    first = np.zeros(len(w))
    for _ in range(20_000):
        idx = gumbel_top_k(w, 3, rng)
        assert len(set(idx.tolist())) == 3
        assert 5 not in idx.tolist()
        first[idx[0]] += 1
    assert np.allclose(first / first.sum(), w / w.sum(), atol=0.01)


def test_gumbel_top_k_takes_positives_before_zeros() -> None:
    w = np.array([0.0, 2.0, 0.0, 0.0, 1.0, 0.0])
    rng = np.random.default_rng(2)
    seen_zero = set()
    for _ in range(200):
        idx = gumbel_top_k(w, 4, rng).tolist()
        assert sorted(idx[:2]) == [1, 4] and len(set(idx)) == 4
        seen_zero.update(idx[2:])
    assert seen_zero == {0, 2, 3, 5}
    assert sorted(gumbel_top_k(w, 100, rng).tolist()) == list(range(6))
    assert len(gumbel_top_k(w, 0, rng)) == 0
    assert len(gumbel_top_k(np.zeros(0), 3, rng)) == 0


def test_uniform_without_replacement() -> None:
    rng = np.random.default_rng(3)
    idx = uniform_without_replacement(10, 7, rng)
    assert len(set(idx.tolist())) == 7 and idx.max() < 10
    assert sorted(uniform_without_replacement(5, 50, rng).tolist()) == [0, 1, 2, 3, 4]
