"""Runtime representation of DSL values, the resource limits, and the error type.

Every value is immutable and hashable:

| DSL type  | Python value                                                         |
|-----------|----------------------------------------------------------------------|
| Int       | ``int`` (never ``bool``)                                             |
| Bool      | ``bool``                                                             |
| Vec       | ``(int, int)``: (row, column), rows first                            |
| Grid      | ``tuple`` of equal-length ``tuple`` rows of ints 0-9, at least 1x1   |
| Object    | ``frozenset`` of cells ``(colour, (i, j))`` in absolute coordinates   |
| Indices   | ``frozenset`` of ``(i, j)``                                          |
| Tup[T]    | ``tuple`` of T, order meaningful                                     |
| Fn[...]   | a Python callable                                                    |

Wherever order matters (ties in argmax, the order of extracted objects, iteration over a set) the DSL breaks
ties explicitly: containers keep their order, and sets are visited in sorted order.
"""

from __future__ import annotations

from typing import Any, FrozenSet, Iterable, Tuple

Grid = Tuple[Tuple[int, ...], ...]
Vec = Tuple[int, int]
Cell = Tuple[int, Tuple[int, int]]
Object = FrozenSet[Cell]
Indices = FrozenSet[Tuple[int, int]]
Patch = Any  # Object | Indices
Piece = Any  # Grid | Patch

# Resource caps for intermediate values. Output grids must additionally be valid ARC grids (1..30 a side).
MAX_GRID_SIDE = 60
MAX_GRID_CELLS = 3600
MAX_CONTAINER = 4096
MAX_INT = 10_000
#: The largest value (cells across nested containers) any line, closure or higher-order item may produce.
MAX_VALUE_CELLS = 100_000
#: The most cells the values of one run may hold at once (about 150 bytes per cell at worst).
MAX_HELD_CELLS = 1_000_000


class DSLError(Exception):
    """A DSL-level failure with a machine-readable ``kind`` (e.g. ``"limit"``, ``"empty"``, ``"domain"``)."""

    def __init__(self, kind: str, message: str = "") -> None:
        super().__init__(f"{kind}: {message}" if message else kind)
        self.kind = kind


def check_colour(colour: int) -> None:
    """Raise a domain error unless ``colour`` is an int colour 0-9."""
    if type(colour) is not int or colour < 0 or colour > 9:
        raise DSLError("domain", f"{colour!r} is not a colour")


def check_grid_size(height: int, width: int) -> None:
    """Raise a ``limit`` error if a grid of this shape is not allowed as an intermediate value."""
    if height < 1 or width < 1:
        raise DSLError("empty", f"grid of shape {height}x{width}")
    if height > MAX_GRID_SIDE or width > MAX_GRID_SIDE or height * width > MAX_GRID_CELLS:
        raise DSLError("limit", f"grid of shape {height}x{width} exceeds the caps")


def check_container_size(n: int) -> None:
    """Raise a ``limit`` error if a container of ``n`` items is too large."""
    if n > MAX_CONTAINER:
        raise DSLError("limit", f"container of {n} items exceeds {MAX_CONTAINER}")


_COLOURS = frozenset(range(10))


def is_grid(value: Any) -> bool:
    """True if ``value`` is a well-formed DSL grid (rectangular, non-empty, ints 0-9)."""
    if type(value) is not tuple or not value or type(value[0]) is not tuple or not value[0]:
        return False
    width = len(value[0])
    for row in value:
        if type(row) is not tuple or len(row) != width:
            return False
    colours = set().union(*value)  # a handful of distinct values: checking them is cheaper than every cell
    return colours <= _COLOURS and all(type(v) is int for v in colours)


def is_arc_grid(value: Any) -> bool:
    """True if ``value`` is a valid ARC output grid: a DSL grid of 1..30 rows and columns."""
    return is_grid(value) and len(value) <= 30 and len(value[0]) <= 30


def bounded_union(patches: Iterable[frozenset]) -> frozenset:
    """The union of patches, stopping with a ``limit`` error as soon as it outgrows the container cap
    (a union of many large patches must not be built in full before its size is checked)."""
    out: set = set()
    for patch in patches:
        out |= patch
        if len(out) > MAX_CONTAINER:
            raise DSLError("limit", f"union of more than {MAX_CONTAINER} cells")
    return frozenset(out)

def tuple_size(v: tuple, limit: int) -> int:
    """:func:`value_size` of a non-empty tuple (the hot path of the interpreter and the closures)."""
    first = v[0]
    t = type(first)
    if t is int or t is bool:
        return len(v)
    if t is tuple and first and type(first[0]) is int:
        # rows of a grid, vectors or cells: items of one DSL type are all flat tuples
        return sum(map(len, v)) or 1
    if t is frozenset:
        return sum(map(len, v)) + len(v)
    total = 0
    seen: dict = {}  # shared items (repeat, pair(x, x)) are measured once, counted per reference
    for item in v:
        k = id(item)
        s = seen.get(k)
        if s is None:
            s = value_size(item, limit)
            seen[k] = s
        total += s
        if total > limit:
            break
    return total


def value_size(v: Any, limit: int = MAX_VALUE_CELLS) -> int:
    """Cells in a value across nested containers, each reference counted (at least 1); stops past ``limit``.

    This is what hashing or comparing the value costs: ``repeat(grid, 100)`` counts the grid 100 times."""
    t = type(v)
    if t is frozenset:
        return len(v) or 1
    if t is tuple:
        return tuple_size(v, limit) if v else 1
    return 1
