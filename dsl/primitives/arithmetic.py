"""Integer and vector arithmetic, comparisons and parity.

``N`` is Int or Vec: binary operations work elementwise on vectors (an Int operand is broadcast to both
components). Results never exceed ``MAX_INT`` in absolute value; an overflow is a ``limit`` error, never a
silent clamp. Int results are plain ``int`` even when a ``bool`` sneaks in as an operand.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from dsl.registry import primitive
from dsl.values import MAX_INT, DSLError, Vec

_NEG_MAX = -MAX_INT


def _int(x: int) -> int:
    """Check an Int result against the cap (and drop a bool to int)."""
    if x > MAX_INT or x < _NEG_MAX:
        raise DSLError("limit", f"integer {x} exceeds {MAX_INT}")
    return int(x)


def _vec(i: int, j: int) -> Vec:
    """Build a Vec result, checking both components against the cap."""
    if i > MAX_INT or i < _NEG_MAX or j > MAX_INT or j < _NEG_MAX:
        raise DSLError("limit", f"vector ({i}, {j}) exceeds {MAX_INT}")
    return (int(i), int(j))


def _lift(a: Any, b: Any, op: Callable[[int, int], int]) -> Any:
    """Apply ``op`` elementwise; at least one operand is a Vec, an Int operand is broadcast."""
    if type(a) is tuple:
        if type(b) is tuple:
            return _vec(op(a[0], b[0]), op(a[1], b[1]))
        return _vec(op(a[0], b), op(a[1], b))
    return _vec(op(a, b[0]), op(a, b[1]))


def _floordiv(a: int, b: int) -> int:
    if b == 0:
        raise DSLError("domain", "division by zero")
    return a // b


@primitive("N, N -> N")
def add(a: Any, b: Any) -> Any:
    """Add two numbers or vectors (elementwise)."""
    if type(a) is tuple or type(b) is tuple:
        return _lift(a, b, operator.add)
    return _int(a + b)


@primitive("N, N -> N")
def subtract(a: Any, b: Any) -> Any:
    """Subtract the second number or vector from the first (elementwise)."""
    if type(a) is tuple or type(b) is tuple:
        return _lift(a, b, operator.sub)
    return _int(a - b)


@primitive("N, N -> N")
def multiply(a: Any, b: Any) -> Any:
    """Multiply two numbers or vectors (elementwise)."""
    if type(a) is tuple or type(b) is tuple:
        return _lift(a, b, operator.mul)
    return _int(a * b)


@primitive("N, N -> N")
def divide(a: Any, b: Any) -> Any:
    """Floor-divide the first number or vector by the second (elementwise); dividing by zero fails."""
    if type(a) is tuple or type(b) is tuple:
        return _lift(a, b, _floordiv)
    if b == 0:
        raise DSLError("domain", "division by zero")
    return int(a // b)


@primitive("Int, Int -> Int")
def mod(a: int, b: int) -> int:
    """The remainder of floor division (sign of the divisor); modulo zero fails."""
    if b == 0:
        raise DSLError("domain", "modulo by zero")
    return int(a % b)


@primitive("N -> N")
def increment(x: Any) -> Any:
    """Add one (to both components of a vector)."""
    if type(x) is tuple:
        return _vec(x[0] + 1, x[1] + 1)
    return _int(x + 1)


@primitive("N -> N")
def decrement(x: Any) -> Any:
    """Subtract one (from both components of a vector)."""
    if type(x) is tuple:
        return _vec(x[0] - 1, x[1] - 1)
    return _int(x - 1)


@primitive("N -> N")
def double(x: Any) -> Any:
    """Multiply by two (both components of a vector)."""
    if type(x) is tuple:
        return _vec(x[0] * 2, x[1] * 2)
    return _int(x * 2)


@primitive("N -> N")
def halve(x: Any) -> Any:
    """Floor-divide by two (both components of a vector)."""
    if type(x) is tuple:
        return (x[0] // 2, x[1] // 2)
    return int(x // 2)


@primitive("N -> N")
def invert(x: Any) -> Any:
    """Negate a number or both components of a vector."""
    if type(x) is tuple:
        return (-x[0], -x[1])
    return int(-x)


@primitive("N -> N")
def sign(x: Any) -> Any:
    """The sign (-1, 0 or 1) of a number or of each component of a vector."""
    if type(x) is tuple:
        i, j = x
        return ((i > 0) - (i < 0), (j > 0) - (j < 0))
    return (x > 0) - (x < 0)


@primitive("N -> N")
def absolute(x: Any) -> Any:
    """The absolute value of a number or of each component of a vector."""
    if type(x) is tuple:
        return (abs(x[0]), abs(x[1]))
    return int(abs(x))


@primitive("Int -> Bool")
def even(x: int) -> bool:
    """True if the integer is even."""
    return x % 2 == 0


@primitive("Int -> Bool")
def positive(x: int) -> bool:
    """True if the integer is strictly positive."""
    return x > 0


@primitive("Int, Int -> Bool")
def greater(a: int, b: int) -> bool:
    """True if the first integer is strictly greater than the second."""
    return a > b


@primitive("Int, Int -> Vec")
def vec(i: int, j: int) -> Vec:
    """Build the vector (i, j)."""
    return _vec(i, j)


@primitive("Int -> Vec")
def toivec(i: int) -> Vec:
    """The vertical vector (i, 0)."""
    return _vec(i, 0)


@primitive("Int -> Vec")
def tojvec(j: int) -> Vec:
    """The horizontal vector (0, j)."""
    return _vec(0, j)


@primitive("Vec -> Int")
def row_of(v: Vec) -> int:
    """The row (first) component of a vector."""
    return int(v[0])


@primitive("Vec -> Int")
def col_of(v: Vec) -> int:
    """The column (second) component of a vector."""
    return int(v[1])


@primitive("Vec, Int -> Vec")
def scale(v: Vec, k: int) -> Vec:
    """Multiply both components of a vector by an integer."""
    return _vec(v[0] * k, v[1] * k)


@primitive("Tup[Int] -> Int")
def maximum(values: tuple) -> int:
    """The largest integer of a non-empty tuple."""
    if not values:
        raise DSLError("empty", "maximum of an empty tuple")
    return int(max(values))


@primitive("Tup[Int] -> Int")
def minimum(values: tuple) -> int:
    """The smallest integer of a non-empty tuple."""
    if not values:
        raise DSLError("empty", "minimum of an empty tuple")
    return int(min(values))


@primitive("Tup[Int] -> Int")
def total(values: tuple) -> int:
    """The sum of a tuple of integers (0 for an empty tuple)."""
    return _int(sum(values))
