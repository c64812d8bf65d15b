"""Tests for dsl/primitives/arithmetic.py."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dsl.primitives.arithmetic import (
    absolute,
    add,
    col_of,
    decrement,
    divide,
    double,
    even,
    greater,
    halve,
    increment,
    invert,
    maximum,
    minimum,
    mod,
    multiply,
    positive,
    row_of,
    scale,
    sign,
    subtract,
    toivec,
    tojvec,
    total,
    vec,
)
from dsl.registry import PRIMITIVES
from dsl.values import MAX_INT, DSLError

ints = st.integers(-100, 100)


def _kind(fn, *args):
    with pytest.raises(DSLError) as info:
        fn(*args)
    return info.value.kind


def _is_int(x):
    return type(x) is int


def test_signatures_registered():
    assert PRIMITIVES["add"].signature == "N, N -> N"
    assert PRIMITIVES["mod"].signature == "Int, Int -> Int"
    assert PRIMITIVES["vec"].signature == "Int, Int -> Vec"
    assert PRIMITIVES["maximum"].signature == "Tup[Int] -> Int"


def test_add():
    assert add(2, 3) == 5
    assert add(-4, 1) == -3
    assert add((1, 2), (3, -5)) == (4, -3)
    assert add((1, 2), 1) == (2, 3)
    assert add(True, True) == 2 and _is_int(add(True, False))
    assert add(MAX_INT, 0) == MAX_INT
    assert _kind(add, MAX_INT, 1) == "limit"
    assert _kind(add, -MAX_INT, -1) == "limit"
    assert _kind(add, (MAX_INT, 0), (1, 0)) == "limit"


def test_subtract():
    assert subtract(2, 3) == -1
    assert subtract((5, 5), (1, 2)) == (4, 3)
    assert _is_int(subtract(True, False))
    assert _kind(subtract, -MAX_INT, 1) == "limit"


def test_multiply():
    assert multiply(3, -4) == -12
    assert multiply((2, 3), (4, 5)) == (8, 15)
    assert multiply((2, 3), 2) == (4, 6)
    assert multiply(0, 7) == 0
    assert _is_int(multiply(True, True))
    assert _kind(multiply, 101, 100) == "limit"
    assert _kind(multiply, (1, 200), (1, 200)) == "limit"


def test_divide():
    assert divide(7, 2) == 3
    assert divide(-7, 2) == -4  # floor division
    assert divide((9, 4), (3, 2)) == (3, 2)
    assert divide((9, 4), 2) == (4, 2)
    assert _is_int(divide(True, 1))
    assert _kind(divide, 1, 0) == "domain"
    assert _kind(divide, (1, 1), (1, 0)) == "domain"
    assert _kind(divide, (1, 1), 0) == "domain"


def test_mod():
    assert mod(7, 3) == 1
    assert mod(-7, 3) == 2
    assert mod(6, 3) == 0
    assert _kind(mod, 5, 0) == "domain"


def test_increment_decrement():
    assert increment(4) == 5
    assert increment((1, -1)) == (2, 0)
    assert increment(True) == 2 and _is_int(increment(True))
    assert decrement(0) == -1
    assert decrement((1, 1)) == (0, 0)
    assert _kind(increment, MAX_INT) == "limit"
    assert _kind(decrement, -MAX_INT) == "limit"
    assert _kind(increment, (0, MAX_INT)) == "limit"


def test_double_halve():
    assert double(6) == 12
    assert double((1, -2)) == (2, -4)
    assert _kind(double, MAX_INT) == "limit"
    assert halve(7) == 3
    assert halve(-7) == -4
    assert halve((5, 4)) == (2, 2)
    assert _is_int(halve(True)) and halve(True) == 0


def test_invert():
    assert invert(5) == -5
    assert invert((1, -2)) == (-1, 2)
    assert invert(0) == 0
    assert invert(True) == -1 and _is_int(invert(True))


def test_sign():
    assert sign(-7) == -1
    assert sign(0) == 0
    assert sign(9) == 1
    assert sign((-3, 4)) == (-1, 1)
    assert sign((0, 0)) == (0, 0)
    assert _is_int(sign(5)) and _is_int(sign(True))
    assert all(_is_int(c) for c in sign((2, -2)))


def test_absolute():
    assert absolute(-7) == 7
    assert absolute(3) == 3
    assert absolute((-1, 2)) == (1, 2)
    assert _is_int(absolute(True))


def test_even_positive_greater():
    assert even(4) is True and even(-3) is False and even(0) is True
    assert positive(1) is True and positive(0) is False and positive(-2) is False
    assert greater(3, 2) is True and greater(2, 2) is False and greater(1, 2) is False


def test_vec_toivec_tojvec():
    assert vec(2, -3) == (2, -3)
    assert all(_is_int(c) for c in vec(True, False))
    assert toivec(4) == (4, 0)
    assert tojvec(4) == (0, 4)
    assert _kind(vec, MAX_INT + 1, 0) == "limit"
    assert _kind(toivec, -MAX_INT - 1) == "limit"
    assert _kind(tojvec, MAX_INT + 1) == "limit"


def test_row_of_col_of():
    assert row_of((3, 7)) == 3
    assert col_of((3, 7)) == 7


def test_scale():
    assert scale((2, -3), 3) == (6, -9)
    assert scale((2, -3), 0) == (0, 0)
    assert _kind(scale, (100, 0), 101) == "limit"


def test_maximum_minimum_total():
    assert maximum((3, 9, -1)) == 9
    assert minimum((3, 9, -1)) == -1
    assert total((3, 9, -1)) == 11
    assert total(()) == 0
    assert _is_int(maximum((True, False))) and _is_int(total((True, True)))
    assert _kind(maximum, ()) == "empty"
    assert _kind(minimum, ()) == "empty"
    assert _kind(total, (MAX_INT, 1)) == "limit"


@given(ints, ints)
def test_int_ops_match_python(a, b):
    assert add(a, b) == a + b
    assert subtract(a, b) == a - b
    assert multiply(a, b) == a * b
    if b:
        assert divide(a, b) == a // b
        assert mod(a, b) == a % b
        assert add(multiply(divide(a, b), b), mod(a, b)) == a


@given(ints, ints, ints, ints)
def test_vec_ops_are_elementwise(a, b, c, d):
    assert add((a, b), (c, d)) == (add(a, c), add(b, d))
    assert subtract((a, b), (c, d)) == (subtract(a, c), subtract(b, d))
    assert sign((a, b)) == (sign(a), sign(b))
    assert absolute((a, b)) == (absolute(a), absolute(b))
    assert invert(invert((a, b))) == (a, b)
