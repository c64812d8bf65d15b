"""Ordered containers: size, access, combination, selection by key, counting.

Containers are tuples and keep their order. Ties (argmax, mostcommon, ...) go to the first item in
container order. ``intersection`` and ``difference`` filter the first container (keeping its order and any
repeats) by membership in the second.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dsl.registry import primitive
from dsl.values import MAX_VALUE_CELLS, DSLError, check_container_size, value_size


def _check_cells(n: int) -> None:
    """Refuse to build a value of ``n`` cells (copies of a value count in full: hashing visits each)."""
    if n > MAX_VALUE_CELLS:
        raise DSLError("limit", f"value of {n} cells exceeds {MAX_VALUE_CELLS}")


def _members(items: tuple) -> Any:
    """A fast membership view of a tuple (a set when it is large enough to pay off)."""
    return set(items) if len(items) > 8 else items


@primitive("Tup[A] -> Int")
def count(items: tuple) -> int:
    """The number of items in a tuple."""
    return len(items)


@primitive("Tup[A] -> A")
def first(items: tuple) -> Any:
    """The first item of a non-empty tuple."""
    if not items:
        raise DSLError("empty", "first of an empty tuple")
    return items[0]


@primitive("Tup[A] -> A")
def last(items: tuple) -> Any:
    """The last item of a non-empty tuple."""
    if not items:
        raise DSLError("empty", "last of an empty tuple")
    return items[-1]


@primitive("Tup[A], Int -> A")
def get(items: tuple, index: int) -> Any:
    """The item at an index (negative indices count from the end)."""
    n = len(items)
    if not -n <= index < n:
        raise DSLError("empty" if n == 0 else "domain", f"index {index} out of range for {n} items")
    return items[index]


@primitive("Tup[A], Tup[A] -> Tup[A]")
def combine(a: tuple, b: tuple) -> tuple:
    """Concatenate two tuples."""
    check_container_size(len(a) + len(b))
    return a + b


@primitive("Tup[A] -> Tup[A]")
def dedupe(items: tuple) -> tuple:
    """Drop repeated items, keeping first occurrences in order."""
    return tuple(dict.fromkeys(items))


@primitive("Tup[A] -> Tup[A]")
def reverse(items: tuple) -> tuple:
    """The tuple in reverse order."""
    return items[::-1]


@primitive("A -> Tup[A]")
def singleton(x: Any) -> tuple:
    """The one-item tuple holding the value."""
    return (x,)


@primitive("A, A -> Tup[A]")
def pair(a: Any, b: Any) -> tuple:
    """The two-item tuple of the values."""
    return (a, b)


@primitive("Tup[A], A -> Tup[A]")
def append(items: tuple, x: Any) -> tuple:
    """The tuple with one more item at the end."""
    check_container_size(len(items) + 1)
    return items + (x,)


@primitive("Tup[A], A -> Tup[A]")
def remove(items: tuple, x: Any) -> tuple:
    """The tuple without any item equal to the value."""
    return tuple(y for y in items if y != x)


@primitive("Tup[A], A -> A")
def other(items: tuple, x: Any) -> Any:
    """The first item different from the value."""
    for y in items:
        if y != x:
            return y
    raise DSLError("empty", "no other item")


@primitive("A, Tup[A] -> Bool")
def contained(x: Any, items: tuple) -> bool:
    """True if the value is an item of the tuple."""
    return x in items


@primitive("Int, Int, Int -> Tup[Int]")
def interval(start: int, stop: int, step: int) -> tuple:
    """The integers from start (inclusive) to stop (exclusive) by step."""
    if step == 0:
        raise DSLError("domain", "interval step 0")
    r = range(int(start), int(stop), int(step))
    check_container_size(len(r))
    return tuple(r)


@primitive("A, Int -> Tup[A]")
def repeat(x: Any, n: int) -> tuple:
    """The tuple of n copies of the value."""
    if n < 0:
        raise DSLError("domain", f"repeat count {n} < 0")
    check_container_size(n)
    _check_cells(n * value_size(x))
    return (x,) * n


@primitive("Tup[A], Fn[A -> Int] -> A")
def argmax(items: tuple, key: Callable[[Any], int]) -> Any:
    """The item with the largest key (the first one on ties)."""
    if not items:
        raise DSLError("empty", "argmax of an empty tuple")
    best = items[0]
    best_key = key(best)
    for y in items[1:]:
        k = key(y)
        if k > best_key:
            best, best_key = y, k
    return best


@primitive("Tup[A], Fn[A -> Int] -> A")
def argmin(items: tuple, key: Callable[[Any], int]) -> Any:
    """The item with the smallest key (the first one on ties)."""
    if not items:
        raise DSLError("empty", "argmin of an empty tuple")
    best = items[0]
    best_key = key(best)
    for y in items[1:]:
        k = key(y)
        if k < best_key:
            best, best_key = y, k
    return best


@primitive("Tup[A], Fn[A -> Int] -> Int")
def valmax(items: tuple, key: Callable[[Any], int]) -> int:
    """The largest key over the items."""
    if not items:
        raise DSLError("empty", "valmax of an empty tuple")
    return int(max([key(y) for y in items]))


@primitive("Tup[A], Fn[A -> Int] -> Int")
def valmin(items: tuple, key: Callable[[Any], int]) -> int:
    """The smallest key over the items."""
    if not items:
        raise DSLError("empty", "valmin of an empty tuple")
    return int(min([key(y) for y in items]))


@primitive("Tup[A], Fn[A -> Int] -> Tup[A]")
def sort_by(items: tuple, key: Callable[[Any], int]) -> tuple:
    """The items sorted by ascending key (stable)."""
    return tuple(sorted(items, key=key))


def _counts(items: tuple) -> dict:
    counts: dict = {}
    for y in items:
        counts[y] = counts.get(y, 0) + 1
    return counts


@primitive("Tup[A] -> A")
def mostcommon(items: tuple) -> Any:
    """The most frequent item (the first occurring one on ties)."""
    if not items:
        raise DSLError("empty", "mostcommon of an empty tuple")
    counts = _counts(items)
    return max(counts, key=counts.__getitem__)


@primitive("Tup[A] -> A")
def leastcommon(items: tuple) -> Any:
    """The least frequent item (the first occurring one on ties)."""
    if not items:
        raise DSLError("empty", "leastcommon of an empty tuple")
    counts = _counts(items)
    return min(counts, key=counts.__getitem__)


@primitive("Tup[A], Tup[A] -> Tup[A]")
def intersection(a: tuple, b: tuple) -> tuple:
    """The items of the first tuple that occur in the second, in the first's order."""
    members = _members(b)
    return tuple(y for y in a if y in members)


@primitive("Tup[A], Tup[A] -> Tup[A]")
def difference(a: tuple, b: tuple) -> tuple:
    """The items of the first tuple that do not occur in the second, in the first's order."""
    members = _members(b)
    return tuple(y for y in a if y not in members)


@primitive("Tup[A], Fn[A -> Bool] -> A")
def extract(items: tuple, predicate: Callable[[Any], bool]) -> Any:
    """The first item satisfying the predicate."""
    for y in items:
        if predicate(y):
            return y
    raise DSLError("empty", "no item satisfies the predicate")


@primitive("Tup[A], Int -> Tup[A]")
def take(items: tuple, n: int) -> tuple:
    """The first n items (all of them if there are fewer)."""
    if n < 0:
        raise DSLError("domain", f"take count {n} < 0")
    return items[:n]


@primitive("Tup[A], Tup[A] -> Tup[Tup[A]]")
def product(a: tuple, b: tuple) -> tuple:
    """All pairs (x, y) with x from the first tuple and y from the second, first-major order."""
    check_container_size(len(a) * len(b))
    _check_cells(len(b) * value_size(a) + len(a) * value_size(b))
    return tuple((x, y) for x in a for y in b)
