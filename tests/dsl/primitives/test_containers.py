"""Tests for dsl/primitives/containers.py."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dsl.primitives.containers import (
    append,
    argmax,
    argmin,
    combine,
    contained,
    count,
    dedupe,
    difference,
    extract,
    first,
    get,
    intersection,
    interval,
    last,
    leastcommon,
    mostcommon,
    other,
    pair,
    remove,
    repeat,
    reverse,
    singleton,
    sort_by,
    take,
    valmax,
    valmin,
)
from dsl.registry import PRIMITIVES
from dsl.values import MAX_CONTAINER, DSLError

small = st.lists(st.integers(-5, 5), max_size=20).map(tuple)


def _kind(fn, *args):
    with pytest.raises(DSLError) as info:
        fn(*args)
    return info.value.kind


def test_signatures_registered():
    assert PRIMITIVES["argmax"].signature == "Tup[A], Fn[A -> Int] -> A"
    assert PRIMITIVES["interval"].signature == "Int, Int, Int -> Tup[Int]"
    assert PRIMITIVES["contained"].signature == "A, Tup[A] -> Bool"


def test_count():
    assert count(()) == 0
    assert count((1, 1, 2)) == 3
    assert type(count((1,))) is int


def test_first_last():
    assert first((4, 5, 6)) == 4
    assert last((4, 5, 6)) == 6
    assert first((7,)) == last((7,)) == 7
    assert _kind(first, ()) == "empty"
    assert _kind(last, ()) == "empty"


def test_get():
    assert get((4, 5, 6), 0) == 4
    assert get((4, 5, 6), 2) == 6
    assert get((4, 5, 6), -1) == 6
    assert get((4, 5, 6), -3) == 4
    assert _kind(get, (4, 5, 6), 3) == "domain"
    assert _kind(get, (4, 5, 6), -4) == "domain"
    assert _kind(get, (), 0) == "empty"


def test_combine():
    assert combine((1, 2), (2, 3)) == (1, 2, 2, 3)
    assert combine((), ()) == ()
    half = (0,) * (MAX_CONTAINER // 2)
    assert len(combine(half, half)) == MAX_CONTAINER
    assert _kind(combine, half, half + (1,)) == "limit"


def test_dedupe():
    assert dedupe((3, 1, 3, 2, 1)) == (3, 1, 2)
    assert dedupe(()) == ()


def test_reverse():
    assert reverse((1, 2, 3)) == (3, 2, 1)
    assert reverse(()) == ()


def test_singleton_pair():
    assert singleton(5) == (5,)
    assert singleton((1, 2)) == ((1, 2),)
    assert pair(1, 2) == (1, 2)
    assert pair((0, 0), (1, 1)) == ((0, 0), (1, 1))


def test_append():
    assert append((1, 2), 3) == (1, 2, 3)
    assert append((), 0) == (0,)
    assert _kind(append, (0,) * MAX_CONTAINER, 1) == "limit"


def test_remove():
    assert remove((1, 2, 1, 3), 1) == (2, 3)
    assert remove((1, 2), 9) == (1, 2)
    assert remove((), 1) == ()


def test_other():
    assert other((4, 4, 5, 6), 4) == 5
    assert other((4, 5), 5) == 4
    assert _kind(other, (4, 4), 4) == "empty"
    assert _kind(other, (), 4) == "empty"


def test_contained():
    assert contained(2, (1, 2, 3)) is True
    assert contained(4, (1, 2, 3)) is False
    assert contained(1, ()) is False


def test_interval():
    assert interval(0, 5, 1) == (0, 1, 2, 3, 4)
    assert interval(5, 0, -2) == (5, 3, 1)
    assert interval(3, 3, 1) == ()
    assert interval(0, 5, -1) == ()
    assert all(type(v) is int for v in interval(True, 3, True))
    assert _kind(interval, 0, 5, 0) == "domain"
    assert len(interval(0, MAX_CONTAINER, 1)) == MAX_CONTAINER
    assert _kind(interval, 0, MAX_CONTAINER + 1, 1) == "limit"


def test_repeat():
    assert repeat(7, 3) == (7, 7, 7)
    assert repeat((1, 2), 2) == ((1, 2), (1, 2))
    assert repeat(7, 0) == ()
    assert _kind(repeat, 7, -1) == "domain"
    assert _kind(repeat, 7, MAX_CONTAINER + 1) == "limit"


def test_argmax_argmin():
    items = ("bb", "a", "cc", "d")
    assert argmax(items, len) == "bb"  # first on ties
    assert argmin(items, len) == "a"
    assert argmax((3, -5, 4), abs) == -5
    assert argmin((3, -5, 4), abs) == 3
    assert _kind(argmax, (), len) == "empty"
    assert _kind(argmin, (), len) == "empty"


def test_valmax_valmin():
    assert valmax(("bb", "a", "ccc"), len) == 3
    assert valmin(("bb", "a", "ccc"), len) == 1
    assert type(valmax((1, 2), lambda x: x > 1)) is int
    assert _kind(valmax, (), len) == "empty"
    assert _kind(valmin, (), len) == "empty"


def test_sort_by():
    assert sort_by((3, -1, 2), abs) == (-1, 2, 3)
    assert sort_by(("bb", "a", "cc", "d"), len) == ("a", "d", "bb", "cc")  # stable
    assert sort_by((), abs) == ()


def test_mostcommon_leastcommon():
    assert mostcommon((1, 2, 2, 3, 3)) == 2  # tie: first occurring
    assert mostcommon((5, 1, 1)) == 1
    assert leastcommon((1, 1, 2, 3)) == 2  # tie: first occurring
    assert leastcommon((4,)) == 4
    assert _kind(mostcommon, ()) == "empty"
    assert _kind(leastcommon, ()) == "empty"


def test_intersection_difference():
    assert intersection((3, 1, 2, 1), (1, 3)) == (3, 1, 1)
    assert difference((3, 1, 2, 1), (1, 3)) == (2,)
    assert intersection((1, 2), ()) == ()
    assert difference((1, 2), ()) == (1, 2)
    big = tuple(range(20))
    assert intersection((25, 5, 19), big) == (5, 19)
    assert difference((25, 5, 19), big) == (25,)


def test_extract():
    assert extract((1, 4, 6), lambda x: x % 2 == 0) == 4
    assert _kind(extract, (1, 3), lambda x: x % 2 == 0) == "empty"
    assert _kind(extract, (), lambda x: True) == "empty"


def test_take():
    assert take((1, 2, 3), 2) == (1, 2)
    assert take((1, 2, 3), 0) == ()
    assert take((1, 2, 3), 5) == (1, 2, 3)
    assert _kind(take, (1, 2), -1) == "domain"


@given(small, small)
def test_set_like_properties(a, b):
    assert sorted(combine(intersection(a, b), difference(a, b))) == sorted(a)
    assert len(intersection(a, b)) + len(difference(a, b)) == len(a)
    assert set(dedupe(a)) == set(a) and len(dedupe(a)) == len(set(a))
    assert reverse(reverse(a)) == a
    if a:
        assert contained(mostcommon(a), a)
        assert a.count(mostcommon(a)) == max(a.count(x) for x in a)
        assert a.count(leastcommon(a)) == min(a.count(x) for x in a)
        assert valmax(a, abs) == abs(argmax(a, abs))
        assert valmin(a, abs) == abs(argmin(a, abs))


def test_product_pairs_in_first_major_order():
    from dsl.primitives.containers import product
    assert product((1, 2), (3, 4)) == ((1, 3), (1, 4), (2, 3), (2, 4))
    assert product((), (1,)) == ()
