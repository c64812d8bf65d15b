"""Higher-order combinators: compose, fork, bind, map, filter, power.

Every closure built here calls :func:`dsl.budget.charge` each time it runs, so function values that call
each other exponentially (``fork(combine, f, f)`` repeated) stop with a ``timeout`` error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dsl.budget import charge
from dsl.registry import primitive
from dsl.values import DSLError, bounded_union

MAX_POWER = 30


@primitive("Fn[B -> C], Fn[A -> B] -> Fn[A -> C]")
def compose(outer: Callable, inner: Callable) -> Callable:
    """The function x -> outer(inner(x))."""
    def composed(x: Any) -> Any:
        charge()
        return outer(inner(x))
    return composed


@primitive("Fn[C -> D], Fn[B -> C], Fn[A -> B] -> Fn[A -> D]")
def chain(h: Callable, g: Callable, f: Callable) -> Callable:
    """The function x -> h(g(f(x)))."""
    def chained(x: Any) -> Any:
        charge()
        return h(g(f(x)))
    return chained


@primitive("Fn[B, C -> D], Fn[A -> B], Fn[A -> C] -> Fn[A -> D]")
def fork(outer: Callable, a: Callable, b: Callable) -> Callable:
    """The function x -> outer(a(x), b(x))."""
    def forked(x: Any) -> Any:
        charge()
        return outer(a(x), b(x))
    return forked


@primitive("Fn[A, B -> C], A -> Fn[B -> C]")
def lbind(f: Callable, fixed: Any) -> Callable:
    """Fix the first argument of a two-argument function: y -> f(fixed, y)."""
    def bound(y: Any) -> Any:
        charge()
        return f(fixed, y)
    return bound


@primitive("Fn[A, B -> C], B -> Fn[A -> C]")
def rbind(f: Callable, fixed: Any) -> Callable:
    """Fix the second argument of a two-argument function: x -> f(x, fixed)."""
    def bound(x: Any) -> Any:
        charge()
        return f(x, fixed)
    return bound


@primitive("Fn[A -> B], B -> Fn[A -> Bool]")
def matcher(f: Callable, target: Any) -> Callable:
    """The predicate x -> f(x) == target."""
    def matches(x: Any) -> bool:
        charge()
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
        charge(1 + n)
        for _ in times:
            x = f(x)
        return x
    return powered


@primitive("Fn[A -> B], Tup[A] -> Tup[B]")
def apply(f: Callable, items: tuple) -> tuple:
    """Map a function over a tuple."""
    return tuple([f(x) for x in items])


@primitive("Tup[Fn[A -> B]], A -> Tup[B]")
def rapply(fs: tuple, x: Any) -> tuple:
    """Apply each function of a tuple to one value."""
    return tuple([f(x) for f in fs])


@primitive("Tup[A], Fn[A -> Bool] -> Tup[A]")
def sfilter(items: tuple, predicate: Callable) -> tuple:
    """The items satisfying the predicate, in order."""
    return tuple([x for x in items if predicate(x)])


@primitive("Fn[A -> P], Tup[A] -> P")
def mapply(f: Callable, items: tuple) -> Any:
    """Map a patch-valued function over a tuple and take the union of the results."""
    return bounded_union(f(x) for x in items)


@primitive("Tup[P], Fn[P -> Bool] -> P")
def mfilter(patches: tuple, predicate: Callable) -> Any:
    """The union of the patches satisfying the predicate."""
    return bounded_union(p for p in patches if predicate(p))


@primitive("Fn[A, B -> C], Tup[A], Tup[B] -> Tup[C]")
def papply(f: Callable, a: tuple, b: tuple) -> tuple:
    """Apply a two-argument function pairwise over two tuples (up to the shorter one's length)."""
    return tuple([f(x, y) for x, y in zip(a, b)])
