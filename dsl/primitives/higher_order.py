"""Higher-order combinators: compose, fork, bind, map, filter, power.

Every closure built here charges the budget each time it runs (one unit, the data it binds, the cells of its
result) and caps its result's size, so function values that call each other exponentially (``fork(combine,
f, f)`` repeated) stop with a ``timeout`` and values doubled inside closures stop with a ``limit``. The
primitives that call a function per item charge and cap every item (see :mod:`dsl.budget`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dsl.budget import BIG_BOUND_CELLS, charge, charge_item, charge_value, check_clock, release
from dsl.registry import primitive
from dsl.values import DSLError, bounded_union, value_size

MAX_POWER = 30


@primitive("Fn[B -> C], Fn[A -> B] -> Fn[A -> C]")
def compose(outer: Callable, inner: Callable) -> Callable:
    """The function x -> outer(inner(x))."""
    def composed(x: Any) -> Any:
        return charge_value(outer(inner(x)))
    return composed


@primitive("Fn[C -> D], Fn[B -> C], Fn[A -> B] -> Fn[A -> D]")
def chain(h: Callable, g: Callable, f: Callable) -> Callable:
    """The function x -> h(g(f(x)))."""
    def chained(x: Any) -> Any:
        return charge_value(h(g(f(x))))
    return chained


@primitive("Fn[B, C -> D], Fn[A -> B], Fn[A -> C] -> Fn[A -> D]")
def fork(outer: Callable, a: Callable, b: Callable) -> Callable:
    """The function x -> outer(a(x), b(x))."""
    def forked(x: Any) -> Any:
        return charge_value(outer(a(x), b(x)))
    return forked


@primitive("Fn[A, B -> C], A -> Fn[B -> C]")
def lbind(f: Callable, fixed: Any) -> Callable:
    """Fix the first argument of a two-argument function: y -> f(fixed, y)."""
    if value_size(fixed) > BIG_BOUND_CELLS:  # each call may read all of it: keep an eye on the clock
        def big_bound(y: Any) -> Any:
            check_clock()
            return charge_value(f(fixed, y))
        return big_bound

    def bound(y: Any) -> Any:
        return charge_value(f(fixed, y))
    return bound


@primitive("Fn[A, B -> C], B -> Fn[A -> C]")
def rbind(f: Callable, fixed: Any) -> Callable:
    """Fix the second argument of a two-argument function: x -> f(x, fixed)."""
    if value_size(fixed) > BIG_BOUND_CELLS:
        def big_bound(x: Any) -> Any:
            check_clock()
            return charge_value(f(x, fixed))
        return big_bound

    def bound(x: Any) -> Any:
        return charge_value(f(x, fixed))
    return bound


@primitive("Fn[A -> B], B -> Fn[A -> Bool]")
def matcher(f: Callable, target: Any) -> Callable:
    """The predicate x -> f(x) == target."""
    big = value_size(target) > BIG_BOUND_CELLS  # the comparison may read all of it

    def matches(x: Any) -> bool:
        charge(2)
        if big:
            check_clock()
        return f(x) == target
    return matches


@primitive("Fn[A -> A], Int -> Fn[A -> A]")
def power(f: Callable, n: int) -> Callable:
    """The function applying f n times (0 <= n <= 30)."""
    if n < 0:
        raise DSLError("domain", f"power {n} < 0")
    if n > MAX_POWER:
        raise DSLError("limit", f"power {n} > {MAX_POWER}")
    times = range(int(n))

    def powered(x: Any) -> Any:
        charge()
        for _ in times:
            x = charge_value(f(x))  # every step is capped: doubling n times must not outgrow the caps
        return x
    return powered


def _collect(results: Any) -> tuple:
    """The tuple of ``results``, charging and capping each item as it comes and the total as it grows."""
    out = []
    total = 0
    try:
        for r in results:
            total = charge_item(r, total)
            out.append(r)
    finally:
        release(total)
    return tuple(out)


@primitive("Fn[A -> B], Tup[A] -> Tup[B]")
def apply(f: Callable, items: tuple) -> tuple:
    """Map a function over a tuple."""
    out = []
    total = 0
    try:  # _collect's loop, inlined: apply is the most used combinator
        for x in items:
            r = f(x)
            total = charge_item(r, total)
            out.append(r)
    finally:
        release(total)
    return tuple(out)


@primitive("Tup[Fn[A -> B]], A -> Tup[B]")
def rapply(fs: tuple, x: Any) -> tuple:
    """Apply each function of a tuple to one value."""
    big = value_size(x) > BIG_BOUND_CELLS  # each function may read all of x

    def each() -> Any:
        for f in fs:
            if big:
                check_clock()
            yield f(x)
    return _collect(each())


@primitive("Tup[A], Fn[A -> Bool] -> Tup[A]")
def sfilter(items: tuple, predicate: Callable) -> tuple:
    """The items satisfying the predicate, in order."""
    return tuple([x for x in items if predicate(x)])


@primitive("Fn[A -> P], Tup[A] -> P")
def mapply(f: Callable, items: tuple) -> Any:
    """Map a patch-valued function over a tuple and take the union of the results."""
    return bounded_union(charge_value(f(x)) for x in items)


@primitive("Tup[P], Fn[P -> Bool] -> P")
def mfilter(patches: tuple, predicate: Callable) -> Any:
    """The union of the patches satisfying the predicate."""
    return bounded_union(p for p in patches if predicate(p))


@primitive("Fn[A, B -> C], Tup[A], Tup[B] -> Tup[C]")
def papply(f: Callable, a: tuple, b: tuple) -> tuple:
    """Apply a two-argument function pairwise over two tuples (up to the shorter one's length)."""
    return _collect(f(x, y) for x, y in zip(a, b))
