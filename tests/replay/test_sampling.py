"""The priority array and the vectorized samplers."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replay.sampling import PriorityArray, gumbel_top_k, uniform_without_replacement


@settings(max_examples=60, deadline=None)
@given(
    weights=st.lists(st.floats(0, 1e3), min_size=1, max_size=100),
    updates=st.lists(st.tuples(st.integers(0, 10_000), st.floats(0, 1e3)), max_size=40),
)
def test_appends_and_updates_keep_the_array(weights: list[float], updates) -> None:
    w = np.asarray(weights, dtype=np.float64)
    grown = PriorityArray()
    for x in w:
        grown.append(float(x))
    built = PriorityArray(w)
    for i, v in updates:
        for a in (grown, built):
            a.update(i % len(w), v)
        w[i % len(w)] = v
    for a in (grown, built):
        assert np.array_equal(a.weights, w) and len(a) == len(w)
        assert a.total == pytest.approx(w.sum(), rel=1e-12, abs=1e-9)


def test_growth_and_bad_updates() -> None:
    a = PriorityArray(np.arange(5, dtype=np.float64))
    for x in range(5, 3000):
        a.append(float(x))
    assert len(a) == 3000 and np.array_equal(a.weights, np.arange(3000, dtype=np.float64))
    with pytest.raises(IndexError):
        a.update(3000, 1.0)
    with pytest.raises(ValueError):
        a.update(0, -1.0)


def test_sample_with_replacement_is_proportional_and_skips_zeros() -> None:
    w = np.array([1.0, 0.0, 3.0, 6.0, 0.0])
    rng = np.random.default_rng(0)
    draws = PriorityArray(w).sample(200_000, rng)
    freq = np.bincount(draws, minlength=5) / len(draws)
    assert freq[1] == 0.0 and freq[4] == 0.0
    assert np.allclose(freq, w / w.sum(), atol=0.005)
    with pytest.raises(ValueError):
        PriorityArray(np.zeros(3)).sample(1, rng)


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
