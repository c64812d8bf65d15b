"""Tests for dsl/primitives/higher_order.py."""

import pytest

from dsl import budget as budget_module
from dsl.budget import budget
from dsl.primitives.arithmetic import add, double, increment, multiply
from dsl.primitives.containers import combine, count, singleton
from dsl.primitives.higher_order import (
    MAX_POWER,
    apply,
    chain,
    compose,
    fork,
    lbind,
    mapply,
    matcher,
    mfilter,
    papply,
    power,
    rapply,
    rbind,
    sfilter,
)
from dsl.primitives.logic import both, identity
from dsl.registry import PRIMITIVES
from dsl.values import DSLError


def _kind(fn, *args):
    with pytest.raises(DSLError) as info:
        fn(*args)
    return info.value.kind


def _calls_used(fn, *args):
    """How many work units one invocation charges."""
    with budget(calls=10_000):
        fn(*args)
        return 10_000 - budget_module.units_left()


def test_signatures_registered():
    assert PRIMITIVES["compose"].signature == "Fn[B -> C], Fn[A -> B] -> Fn[A -> C]"
    assert PRIMITIVES["fork"].signature == "Fn[B, C -> D], Fn[A -> B], Fn[A -> C] -> Fn[A -> D]"
    assert PRIMITIVES["mapply"].signature == "Fn[A -> P], Tup[A] -> P"
    assert PRIMITIVES["mfilter"].signature == "Tup[P], Fn[P -> Bool] -> P"


def test_compose():
    f = compose(double, increment)  # outer first: double(increment(x))
    assert f(3) == 8
    assert compose(increment, double)(3) == 7
    assert _calls_used(f, 3) == 2  # one call, one cell of result


def test_chain():
    f = chain(count, singleton, double)  # count(singleton(double(x)))
    assert f(5) == 1
    assert chain(increment, double, increment)(1) == 5
    assert _calls_used(f, 5) == 2


def test_fork():
    f = fork(add, double, increment)
    assert f(4) == 8 + 5
    g = fork(combine, singleton, singleton)
    assert g(1) == (1, 1)
    assert _calls_used(f, 4) == 2


def test_lbind_rbind():
    from dsl.primitives.arithmetic import subtract
    assert lbind(subtract, 10)(3) == 7
    assert rbind(subtract, 10)(3) == -7
    assert _calls_used(lbind(subtract, 10), 3) == 2
    assert _calls_used(rbind(subtract, 10), 3) == 2


def test_matcher():
    is_two_long = matcher(count, 2)
    assert is_two_long((1, 2)) is True
    assert is_two_long((1,)) is False
    assert _calls_used(is_two_long, (1, 2)) == 2


def test_power():
    assert power(double, 3)(1) == 8
    assert power(increment, 0)(5) == 5
    assert power(increment, MAX_POWER)(0) == MAX_POWER
    assert _kind(power, increment, MAX_POWER + 1) == "limit"
    assert _kind(power, increment, -1) == "domain"
    assert _calls_used(power(double, 3), 1) >= 1
    # Nested powers of closures still charge the budget per inner call.
    inner = compose(increment, identity)
    assert _calls_used(power(inner, 5), 0) >= 5


def test_apply():
    assert apply(double, (1, 2, 3)) == (2, 4, 6)
    assert apply(double, ()) == ()


def test_rapply():
    assert rapply((double, increment), 5) == (10, 6)
    assert rapply((), 5) == ()


def test_sfilter():
    assert sfilter((1, 2, 3, 4), lambda x: x % 2 == 0) == (2, 4)
    assert sfilter((), lambda x: True) == ()


def test_mapply():
    def neighbours(v):
        return frozenset({v, (v[0] + 1, v[1])})
    assert mapply(neighbours, ((0, 0), (5, 5))) == frozenset({(0, 0), (1, 0), (5, 5), (6, 5)})
    assert mapply(neighbours, ((0, 0), (1, 0))) == frozenset({(0, 0), (1, 0), (2, 0)})
    assert mapply(neighbours, ()) == frozenset()
    obj = frozenset({(3, (0, 0))})
    assert mapply(identity, (obj,)) == obj


def test_mfilter():
    a = frozenset({(0, 0)})
    b = frozenset({(1, 1), (1, 2)})
    c = frozenset({(5, 5), (5, 6)})
    assert mfilter((a, b, c), lambda p: len(p) == 2) == b | c
    assert mfilter((a, b), lambda p: False) == frozenset()
    assert mfilter((), lambda p: True) == frozenset()


def test_papply():
    assert papply(add, (1, 2, 3), (10, 20, 30)) == (11, 22, 33)
    assert papply(multiply, (1, 2, 3), (2, 2)) == (2, 4)  # up to the shorter length
    assert papply(add, (), ()) == ()


def test_exponential_fork_times_out():
    f = identity
    for _ in range(40):  # 2**40 calls without a budget
        f = fork(both, f, f)
    with budget(calls=1000), pytest.raises(DSLError) as info:
        f(True)
    assert info.value.kind == "timeout"


def test_exponential_power_times_out():
    f = compose(increment, identity)
    g = power(power(power(power(f, 30), 30), 30), 30)
    with budget(calls=1000), pytest.raises(DSLError) as info:
        g(0)
    assert info.value.kind == "timeout"


def test_small_fork_within_budget():
    f = identity
    for _ in range(5):
        f = fork(both, f, f)
    with budget(calls=1000):
        assert f(True) is True
