"""ReplayBuffer: pools, priority-proportional sampling, training sets and deduplication (in memory)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from replay import Experience, ReplayBuffer, TrainingMix, uniform_priority


def exp(
    parent: str,
    program: str,
    acc: float = 0.0,
    origin: str = "policy",
    out: int = 0,
    priority: float = 0.0,
    iteration: int = 1,
) -> Experience:
    """A small experience whose single relabelled output is filled with colour ``out``."""
    return Experience(
        parent_id=parent,
        program=program,
        tokens=tuple(ord(c) for c in program),
        inputs=(((1, 2), (3, 4)),),
        outputs=(((out, out), (out, out)),),
        priority=priority,
        origin=origin,
        iteration=iteration,
        demo_accuracy=acc,
    )


def policy_buffer(priorities: list[float]) -> ReplayBuffer:
    buf = ReplayBuffer(priority_fn=None)
    buf.add_many(exp("t", f"p{i}", priority=p) for i, p in enumerate(priorities))
    return buf


def test_pools_and_default_priority() -> None:
    buf = ReplayBuffer()
    assert buf.add(exp("train1", "seed prog", 1.0, "seed"))
    assert buf.add(exp("train1", "mutant prog", 1.0, "mutant"))
    assert buf.add_many([exp("eval1", "a", 0.5), exp("eval1", "b", 0.0)]) == 2
    assert len(buf) == 4
    assert buf.pool_sizes() == {"seed": 2, "policy": 2}
    assert buf.get(("eval1", "a")).priority == pytest.approx(0.5 + 1e-6)
    assert buf.get(("eval1", "b")).priority == pytest.approx(1e-6)
    assert ("eval1", "b") in buf and ("eval1", "zzz") not in buf
    assert [e.program for e in buf] == ["seed prog", "mutant prog", "a", "b"]
    assert np.allclose(buf.priorities("policy"), [0.5 + 1e-6, 1e-6])


def test_ten_times_priority_is_drawn_far_more_often() -> None:
    buf = policy_buffer([10.0] + [1.0] * 99)
    rng = np.random.default_rng(0)
    counts = Counter(e.program for e in buf.sample(50_000, "policy", rng, replace=True))
    low_mean = np.mean([counts[f"p{i}"] for i in range(1, 100)])
    assert 8.5 < counts["p0"] / low_mean < 11.5
    # without replacement: the first draw follows the same proportions
    first = Counter(buf.sample(5, "policy", rng)[0].program for _ in range(5_000))
    assert first["p0"] / 5_000 == pytest.approx(10 / 109, abs=0.015)
    assert first["p0"] > 5 * max(first[f"p{i}"] for i in range(1, 100))


def test_zero_accuracy_entries_are_still_drawable() -> None:
    buf = ReplayBuffer()
    buf.add_many(exp("t", f"solved{i}", 1.0) for i in range(5))
    buf.add_many(exp("t", f"zero{i}", 0.0) for i in range(20))
    rng = np.random.default_rng(1)
    seen = Counter()
    for _ in range(300):
        draw = [e.program for e in buf.sample(8, "policy", rng)]
        assert len(set(draw)) == 8
        # solved programs come first (weight ratio 10^6), then zero-accuracy ones fill the rest
        assert sorted(draw[:5]) == [f"solved{i}" for i in range(5)]
        seen.update(draw[5:])
    assert set(seen) == {f"zero{i}" for i in range(20)}
    only_zero = ReplayBuffer()
    only_zero.add_many(exp("t", f"z{i}", 0.0) for i in range(10))
    counts = Counter(e.program for e in only_zero.sample(20_000, "policy", rng, replace=True))
    assert set(counts) == {f"z{i}" for i in range(10)}
    assert min(counts.values()) > 1_500


def test_without_replacement_has_no_duplicates_and_caps_at_pool_size() -> None:
    buf = policy_buffer(list(np.random.default_rng(2).random(500) + 0.01))
    rng = np.random.default_rng(3)
    for n in (1, 17, 250, 499, 500):
        keys = [e.key for e in buf.sample(n, "policy", rng)]
        assert len(keys) == n == len(set(keys))
    assert len(buf.sample(10_000, "policy", rng)) == 500
    assert buf.sample(0, "policy", rng) == []
    assert ReplayBuffer().sample(5, "seed", rng) == []
    with pytest.raises(ValueError):
        buf.sample(1, "nope", rng)


def test_seed_pool_is_uniform_whatever_the_priorities() -> None:
    buf = ReplayBuffer(priority_fn=None)
    buf.add_many(exp("train", f"s{i}", origin="seed", priority=100.0 if i == 0 else 1.0) for i in range(10))
    rng = np.random.default_rng(4)
    counts = Counter(e.program for e in buf.sample(30_000, "seed", rng, replace=True))
    assert max(counts.values()) / min(counts.values()) < 1.15
    first = Counter(buf.sample(3, "seed", rng)[0].program for _ in range(5_000))
    assert first["s0"] / 5_000 == pytest.approx(0.1, abs=0.02)
    weighted = Counter(e.program for e in buf.sample(10_000, "seed", rng, replace=True, weighted=True))
    assert weighted["s0"] > 5_000


def test_training_set_follows_the_paper() -> None:
    buf = ReplayBuffer()
    buf.add_many(exp(f"train{i}", f"s{i}", 1.0, "seed" if i % 3 else "mutant") for i in range(300))
    buf.add_many(exp(f"eval{i % 7}", f"p{i}", (i % 4) / 3) for i in range(120))
    rng = np.random.default_rng(5)
    ts = buf.training_set(100, 1_000, rng)
    seeds = [e for e in ts if e.pool == "seed"]
    policy = [e for e in ts if e.pool == "policy"]
    assert len(seeds) == 100 and len({e.key for e in seeds}) == 100
    # n_policy >= policy size: every policy entry exactly once
    assert sorted(e.key for e in policy) == sorted(e.key for e in buf.iter_pool("policy"))
    # n_policy < policy size: distinct draws, higher-accuracy entries preferred
    ts = buf.training_set(10, 60, rng)
    policy = [e for e in ts if e.pool == "policy"]
    assert len(policy) == 60 == len({e.key for e in policy})
    assert all(e.demo_accuracy > 0 for e in policy)  # 90 entries have accuracy > 0
    # the seed draw is capped at the pool size
    assert len(buf.training_set(10_000, 0, rng)) == 300
    # a mix with backfill keeps the total fixed
    ts = buf.training_set(rng=rng, mix=TrainingMix(n_seed=50, n_policy=200, backfill_seed=True))
    assert len(ts) == 250 and sum(e.pool == "policy" for e in ts) == 120
    mix = TrainingMix.from_fraction(1_000, 0.9)
    assert (mix.n_seed, mix.n_policy) == (100, 900)


def test_training_set_is_reproducible() -> None:
    buf = ReplayBuffer()
    buf.add_many(exp("train", f"s{i}", 1.0, "seed") for i in range(50))
    buf.add_many(exp("eval", f"p{i}", (i % 5) / 4) for i in range(200))
    a = buf.training_set(20, 100, np.random.default_rng(9))
    b = buf.training_set(20, 100, np.random.default_rng(9))
    assert a == b


def test_overwrite_dedup_by_parent_and_program() -> None:
    buf = ReplayBuffer()
    assert buf.add(exp("eval1", "prog", 0.0, iteration=1))
    assert buf.add(exp("eval1", "prog", 0.5, iteration=2))
    assert buf.add(exp("eval2", "prog", 0.0))
    assert len(buf) == 2 and buf.pool_sizes() == {"seed": 0, "policy": 2}
    e = buf.get(("eval1", "prog"))
    assert e.iteration == 2 and e.priority == pytest.approx(0.5 + 1e-6)
    assert buf.priorities("policy")[0] == pytest.approx(0.5 + 1e-6)
    # the same key changing pool moves it
    assert buf.add(exp("eval1", "prog", 1.0, origin="mutant"))
    assert len(buf) == 2 and buf.pool_sizes() == {"seed": 1, "policy": 1}
    assert buf.remove(("eval1", "prog")) and not buf.remove(("eval1", "prog"))
    assert len(buf) == 1 and buf.pool_sizes() == {"seed": 0, "policy": 1}


def test_output_dedup_shorter_program_wins() -> None:
    buf = ReplayBuffer(dedup_outputs=True)
    assert buf.add(exp("eval1", "a much longer program", 0.5, out=3))
    assert buf.add(exp("eval1", "short", 0.5, out=3))  # same outputs, shorter: replaces
    assert len(buf) == 1 and buf.get(("eval1", "short")) is not None
    assert buf.get(("eval1", "a much longer program")) is None
    assert not buf.add(exp("eval1", "longer again", 0.5, out=3))  # longer: rejected
    assert not buf.add(exp("eval1", "equal", 0.5, out=3))  # tie: the first one stays
    assert buf.add(exp("eval1", "short", 0.5, out=3, iteration=7))  # same key: overwrite
    assert buf.get(("eval1", "short")).iteration == 7
    assert buf.add(exp("eval1", "other outputs", 0.0, out=4))  # different outputs: kept
    assert buf.add(exp("eval2", "longer program", 0.5, out=3))  # other parent: kept
    assert len(buf) == 3
    # without output dedup everything is kept
    plain = ReplayBuffer()
    assert plain.add_many([exp("e", "aa", out=1), exp("e", "a", out=1), exp("e", "aaa", out=1)]) == 3
    # sampling after removals only sees live entries
    keys = {e.key for e in buf.sample(10, "policy", np.random.default_rng(0))}
    assert keys == {("eval1", "short"), ("eval1", "other outputs"), ("eval2", "longer program")}


def test_uniform_priority_and_reprioritize() -> None:
    buf = ReplayBuffer(priority_fn=uniform_priority)
    buf.add_many(exp("e", f"p{i}", i / 10) for i in range(10))
    assert np.all(buf.priorities("policy") == 1.0)
    buf.reprioritize(lambda e: e.demo_accuracy * 2)
    assert np.allclose(buf.priorities("policy"), np.arange(10) / 5)
    assert buf.get(("e", "p3")).priority == pytest.approx(0.6)
    # an all-zero pool still samples (uniformly)
    buf.reprioritize(lambda e: 0.0)
    assert len(buf.sample(5, "policy", 0)) == 5
    assert len(buf.sample(5, "policy", 0, replace=True)) == 5
