"""Colour properties: most and least common colour, palette, colour counts."""

from collections import Counter
from itertools import chain

from dsl.background import background
from dsl.registry import primitive
from dsl.values import DSLError


def _colour_counts(piece) -> Counter:
    """Count the colours of a grid or an Object; ``domain`` error on Indices (the empty set counts as none)."""
    if type(piece) is tuple:
        return Counter(chain.from_iterable(piece))
    if not piece:
        return Counter()
    for cell in piece:
        if type(cell[1]) is not tuple:
            raise DSLError("domain", "Indices have no colours")
        break
    return Counter([cell[0] for cell in piece])


def _most_common(counts: Counter) -> int:
    """The most frequent colour in ``counts``, ties to the smallest colour."""
    if not counts:
        raise DSLError("empty", "no colours")
    best, best_n = -1, -1
    for c, n in counts.items():
        if n > best_n or (n == best_n and c < best):
            best, best_n = c, n
    return best


@primitive("X -> Int")
def mostcolor(piece) -> int:
    """The most common colour of a grid or object (ties to the smallest colour)."""
    if type(piece) is tuple and piece:  # a grid: its background, one definition (dsl.background)
        return background(piece)
    return _most_common(_colour_counts(piece))


@primitive("X -> Int")
def leastcolor(piece) -> int:
    """The least common colour present in a grid or object (ties to the smallest colour)."""
    counts = _colour_counts(piece)
    if not counts:
        raise DSLError("empty", "no colours")
    best, best_n = -1, -1
    for c, n in counts.items():
        if best_n < 0 or n < best_n or (n == best_n and c < best):
            best, best_n = c, n
    return best


@primitive("X -> Tup[Int]")
def palette(piece) -> tuple:
    """The distinct colours of a grid or object, sorted ascending."""
    if type(piece) is tuple:
        return tuple(sorted(set().union(*piece)))
    return tuple(sorted(_colour_counts(piece)))


@primitive("X -> Int")
def numcolors(piece) -> int:
    """The number of distinct colours of a grid or object."""
    if type(piece) is tuple:
        return len(set().union(*piece))
    return len(_colour_counts(piece))


@primitive("X, Int -> Int")
def colorcount(piece, colour: int) -> int:
    """The number of cells of a grid or object with the given colour."""
    if type(piece) is tuple:
        return sum(row.count(colour) for row in piece)
    return _colour_counts(piece)[colour]


@primitive("Object -> Int")
def color(obj) -> int:
    """The colour of an object (its most common colour, ties to the smallest)."""
    return _most_common(_colour_counts(obj))
