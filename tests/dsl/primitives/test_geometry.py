"""Tests for the patch geometry primitives."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dsl.primitives.geometry import (
    adjacent,
    bordering,
    center,
    centerofmass,
    corners,
    gravitate,
    height,
    hline,
    hmatching,
    is_rectangle,
    leftmost,
    llcorner,
    lowermost,
    lrcorner,
    manhattan,
    normalize,
    portrait,
    position,
    rightmost,
    shape,
    shift,
    square,
    ulcorner,
    uppermost,
    urcorner,
    vline,
    vmatching,
    width,
)
from dsl.values import DSLError

E = frozenset()
# An L: rows 1-3, columns 2-4.
IND = frozenset({(1, 2), (2, 2), (3, 2), (3, 3), (3, 4)})
OBJ = frozenset({(5, (1, 2)), (5, (2, 2)), (6, (3, 2)), (6, (3, 3)), (6, (3, 4))})
GRID = ((0, 0, 0, 0, 0),
        (0, 0, 0, 0, 0),
        (0, 0, 0, 0, 0),
        (0, 0, 0, 0, 0))


def raises_empty(fn, *args):
    with pytest.raises(DSLError) as e:
        fn(*args)
    assert e.value.kind == "empty"


def test_ulcorner():
    assert ulcorner(IND) == (1, 2)
    assert ulcorner(OBJ) == (1, 2)
    assert ulcorner(frozenset({(0, 5), (4, 1)})) == (0, 1)  # not necessarily a cell
    raises_empty(ulcorner, E)


def test_urcorner():
    assert urcorner(IND) == (1, 4)
    assert urcorner(OBJ) == (1, 4)
    raises_empty(urcorner, E)


def test_llcorner():
    assert llcorner(IND) == (3, 2)
    assert llcorner(frozenset({(-2, 7)})) == (-2, 7)
    raises_empty(llcorner, E)


def test_lrcorner():
    assert lrcorner(OBJ) == (3, 4)
    raises_empty(lrcorner, E)


def test_uppermost():
    assert uppermost(IND) == 1
    assert uppermost(OBJ) == 1
    raises_empty(uppermost, E)


def test_lowermost():
    assert lowermost(IND) == 3
    raises_empty(lowermost, E)


def test_leftmost():
    assert leftmost(OBJ) == 2
    raises_empty(leftmost, E)


def test_rightmost():
    assert rightmost(IND) == 4
    raises_empty(rightmost, E)


def test_center():
    assert center(IND) == (2, 3)
    assert center(frozenset({(0, 0), (1, 1)})) == (0, 0)  # rounded down
    assert center(frozenset({(0, 0), (2, 5)})) == (1, 2)
    assert center(frozenset({(-3, -3), (-2, -2)})) == (-3, -3)  # floor, also below zero
    raises_empty(center, E)


def test_centerofmass():
    assert centerofmass(IND) == (12 // 5, 13 // 5)
    assert centerofmass(OBJ) == (2, 2)
    assert centerofmass(frozenset({(0, 0), (1, 1)})) == (0, 0)
    raises_empty(centerofmass, E)


def test_corners():
    assert corners(IND) == frozenset({(1, 2), (1, 4), (3, 2), (3, 4)})
    assert corners(frozenset({(2, 2)})) == frozenset({(2, 2)})
    assert corners(frozenset({(0, 1), (0, 3)})) == frozenset({(0, 1), (0, 3)})
    raises_empty(corners, E)


def test_normalize():
    assert normalize(IND) == frozenset({(0, 0), (1, 0), (2, 0), (2, 1), (2, 2)})
    assert normalize(OBJ) == frozenset({(5, (0, 0)), (5, (1, 0)), (6, (2, 0)), (6, (2, 1)), (6, (2, 2))})
    assert normalize(frozenset({(-1, -4)})) == frozenset({(0, 0)})
    assert normalize(E) == E


def test_shift():
    assert shift(frozenset({(0, 0), (1, 2)}), (2, -1)) == frozenset({(2, -1), (3, 1)})
    assert shift(frozenset({(7, (0, 0))}), (1, 1)) == frozenset({(7, (1, 1))})
    assert shift(IND, (0, 0)) == IND
    assert shift(E, (3, 3)) == E


def test_height():
    assert height(GRID) == 4
    assert height(IND) == 3
    assert height(frozenset({(9, (5, 5))})) == 1
    assert height(E) == 0


def test_width():
    assert width(GRID) == 5
    assert width(OBJ) == 3
    assert width(E) == 0


def test_shape():
    assert shape(GRID) == (4, 5)
    assert shape(frozenset({(0, 0), (0, 6)})) == (1, 7)
    assert shape(E) == (0, 0)


def test_portrait():
    assert portrait(((1,), (2,)))
    assert not portrait(GRID)
    assert not portrait(IND)  # 3x3
    assert portrait(frozenset({(0, 0), (1, 0)}))
    raises_empty(portrait, E)


def test_square():
    assert square(((1, 2), (3, 4)))
    assert not square(GRID)
    assert square(IND)  # the bounding box is 3x3, filled or not
    assert not square(frozenset({(0, 0), (1, 0)}))
    raises_empty(square, E)


def test_hline():
    assert hline(frozenset({(2, 1), (2, 2), (2, 3)}))
    assert hline(frozenset({(4, (0, 0))}))
    assert not hline(frozenset({(2, 1), (2, 3)}))  # gap
    assert not hline(IND)
    assert not hline(E)


def test_vline():
    assert vline(frozenset({(1, (0, 3)), (1, (1, 3))}))
    assert not vline(frozenset({(0, 3), (2, 3)}))
    assert not vline(frozenset({(0, 0), (0, 1)}))
    assert not vline(E)


def test_hmatching():
    assert hmatching(IND, frozenset({(3, 9)}))
    assert hmatching(OBJ, frozenset({(1, (1, 0))}))
    assert not hmatching(IND, frozenset({(0, 2), (4, 2)}))
    assert not hmatching(IND, E)


def test_vmatching():
    assert vmatching(IND, frozenset({(9, 4)}))
    assert not vmatching(IND, frozenset({(2, 0), (2, 5)}))
    assert not vmatching(E, IND)


def test_manhattan():
    assert manhattan(frozenset({(0, 0)}), frozenset({(2, 3)})) == 5
    assert manhattan(IND, frozenset({(0, 0), (5, 6)})) == 3
    assert manhattan(IND, OBJ) == 0
    raises_empty(manhattan, IND, E)
    # Large patches go through the row-wise path.
    a = frozenset((i, j) for i in range(10) for j in range(10))
    b = frozenset((i, j) for i in range(12, 20) for j in range(14, 30))
    assert manhattan(a, b) == 3 + 5
    assert manhattan(a, shift(a, (0, 10))) == 1
    assert manhattan(a, shift(a, (3, 4))) == 0


@settings(max_examples=200, deadline=None)
@given(st.frozensets(st.tuples(st.integers(-5, 5), st.integers(-5, 5)), min_size=1, max_size=15),
       st.frozensets(st.tuples(st.integers(-5, 5), st.integers(-5, 5)), min_size=1, max_size=15))
def test_manhattan_and_adjacent_match_brute_force(a, b):
    d = min(abs(i - k) + abs(j - m) for i, j in a for k, m in b)
    assert manhattan(a, b) == d
    assert adjacent(a, b) == (d == 1)
    big_a = frozenset((i * 3 + x, j * 3 + y) for i, j in a for x in range(3) for y in range(3))
    big_b = frozenset((i * 3 + x, j * 3 + y) for i, j in b for x in range(3) for y in range(3))
    assert manhattan(big_a, big_b) == min(abs(i - k) + abs(j - m) for i, j in big_a for k, m in big_b)


def test_adjacent():
    assert adjacent(frozenset({(0, 0)}), frozenset({(0, 1)}))
    assert not adjacent(frozenset({(0, 0)}), frozenset({(1, 1)}))  # diagonal only
    assert not adjacent(IND, OBJ)  # overlapping
    assert adjacent(frozenset({(3, (1, 1))}), frozenset({(2, (2, 1)), (2, (5, 5))}))
    assert not adjacent(E, IND)


def test_bordering():
    assert bordering(frozenset({(0, 2)}), GRID)
    assert bordering(frozenset({(2, 4)}), GRID)
    assert bordering(frozenset({(3, 2)}), GRID)
    assert not bordering(frozenset({(1, 1), (2, 3)}), GRID)
    assert not bordering(E, GRID)


def test_position():
    a = frozenset({(0, 0)})
    assert position(a, frozenset({(5, 5)})) == (1, 1)
    assert position(a, frozenset({(0, 3)})) == (0, 1)
    assert position(frozenset({(4, 4)}), a) == (-1, -1)
    assert position(a, a) == (0, 0)
    raises_empty(position, a, E)


def test_gravitate():
    a = frozenset({(0, 0), (0, 1)})
    b = frozenset({(5, 1), (5, 2)})
    assert gravitate(a, b) == (4, 0)  # down until touching from above
    assert gravitate(b, a) == (-4, 0)
    assert gravitate(frozenset({(2, 0)}), frozenset({(1, 6), (2, 6), (3, 6)})) == (0, 5)
    assert gravitate(frozenset({(2, 9)}), frozenset({(2, 6)})) == (0, -2)
    assert gravitate(frozenset({(0, 0)}), frozenset({(0, 1)})) == (0, 0)  # already adjacent
    # Contact through the row next to the shared one counts (4-adjacency).
    assert gravitate(frozenset({(0, 0), (1, 0)}), frozenset({(1, 5), (0, 6)})) == (0, 4)
    # Objects work too.
    assert gravitate(frozenset({(3, (0, 0))}), frozenset({(4, (9, 0))})) == (8, 0)
    for args in ((frozenset({(0, 0)}), frozenset({(3, 3)})),  # share no row or column
                 (frozenset({(0, 0), (0, 1)}), frozenset({(0, 1)}))):  # overlap
        with pytest.raises(DSLError) as e:
            gravitate(*args)
        assert e.value.kind == "domain"
    raises_empty(gravitate, E, a)


def _simulate(a, b, step):
    for k in range(200):
        moved = shift(a, (step[0] * k, step[1] * k))
        if adjacent(moved, b):
            return (step[0] * k, step[1] * k)
        if moved & b:
            return None
    return None


@settings(max_examples=300, deadline=None)
@given(st.frozensets(st.tuples(st.integers(0, 6), st.integers(0, 6)), min_size=1, max_size=6),
       st.frozensets(st.tuples(st.integers(0, 6), st.integers(0, 6)), min_size=1, max_size=6),
       st.integers(-9, 9), st.integers(-9, 9))
def test_gravitate_matches_step_by_step_simulation(a, b, di, dj):
    b = shift(b, (di, dj))
    try:
        got = gravitate(a, b)
    except DSLError:
        return
    assert got[0] == 0 or got[1] == 0
    k = max(abs(got[0]), abs(got[1]))
    step = ((got[0] > 0) - (got[0] < 0), (got[1] > 0) - (got[1] < 0)) if k else (0, 0)
    if k:
        assert _simulate(a, b, step) == got
    assert adjacent(shift(a, got), b)


def test_is_rectangle():
    assert is_rectangle(frozenset({(0, 0), (0, 1), (1, 0), (1, 1)}))
    assert is_rectangle(frozenset({(4, (3, 3))}))
    assert not is_rectangle(IND)
    assert not is_rectangle(E)


def test_mirror_about():
    from dsl.primitives.geometry import hmirror_about, vmirror_about
    pivot = frozenset({(2, 2), (3, 3)})  # centre line between rows 2 and 3, columns 2 and 3
    obj = frozenset({(5, (0, 1))})
    assert hmirror_about(obj, pivot) == frozenset({(5, (5, 1))})
    assert vmirror_about(obj, pivot) == frozenset({(5, (0, 4))})
    assert vmirror_about(frozenset({(1, 0)}), frozenset({(9, 1)})) == frozenset({(1, 2)})
    with pytest.raises(Exception):
        hmirror_about(obj, frozenset())
