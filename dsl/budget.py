"""A per-run budget of work units, wall-clock time and held cells, charged by primitives and closures.

One *unit* is roughly one cell read or written (or one closure call). The interpreter charges every line for
the sizes of its arguments and of its result; combinators charge every closure call one unit plus the cells
of the value it returns (and read the clock on every call when they bind a large value); higher-order
primitives charge per item; primitives whose work grows faster than their inputs and outputs charge it
themselves with :func:`charge` *before* doing it. Running out of units or time raises
``DSLError('timeout')``; the clock is read at least every ``CHECK_EVERY`` units and after every line, so no
run goes far past its deadline whatever its shape.

Values are measured with :func:`dsl.values.value_size` (cells across nested containers, each reference
counted, as hashing and comparison visit them). Each value is capped at ``MAX_VALUE_CELLS`` and the values a
run holds at ``MAX_HELD_CELLS`` (``DSLError('limit')``); see ``docs/dsl.md`` for the caps.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Any, Iterator

from dsl.values import MAX_HELD_CELLS, MAX_VALUE_CELLS, DSLError, tuple_size

DEFAULT_CALLS = 1_000_000  # work units per run; the reference programs use at most 37,000
DEFAULT_SECONDS = 0.25
CHECK_EVERY = 4096  # units between clock reads (a few hundred microseconds of work at most)
#: A closure binding a value larger than this reads the clock on every call: it may read all of the value.
BIG_BOUND_CELLS = 1024

_INF = 1 << 62
_calls_left = _INF  # outside any run (e.g. a direct primitive call) nothing is limited
_check_at = -1
_deadline = float("inf")
_held = 0


def _slow_path() -> None:
    """Out of units, or time to read the clock."""
    global _check_at
    if _calls_left < 0:
        raise DSLError("timeout", "work budget exhausted")
    if time.perf_counter() > _deadline:
        raise DSLError("timeout", "wall-clock budget exhausted")
    _check_at = max(_calls_left - CHECK_EVERY, 0)  # below 0 units the next charge always stops the run


def check_clock() -> None:
    """Raise ``DSLError('timeout')`` if the run is past its deadline (for loops whose units undercount time)."""
    if time.perf_counter() > _deadline:
        raise DSLError("timeout", "wall-clock budget exhausted")


def charge(n: int = 1) -> None:
    """Spend ``n`` work units (about ``n`` cells touched); raise ``DSLError('timeout')`` when units or time run out."""
    global _calls_left
    _calls_left -= n
    if _calls_left < _check_at:
        _slow_path()


def charge_value(v: Any, extra: int = 1) -> Any:
    """Cap a freshly built value's size and charge its cells plus ``extra`` units; returns the value."""
    global _calls_left
    t = type(v)  # value_size inlined: this runs on every closure call
    if t is tuple:
        s = tuple_size(v, MAX_VALUE_CELLS) if v else 1
        if s > MAX_VALUE_CELLS:
            raise DSLError("limit", f"value of more than {MAX_VALUE_CELLS} cells")
        _calls_left -= s + extra
    elif t is frozenset:
        s = len(v)
        if s > MAX_VALUE_CELLS:
            raise DSLError("limit", f"value of more than {MAX_VALUE_CELLS} cells")
        _calls_left -= s + extra
    else:
        _calls_left -= 1 + extra
    if _calls_left < _check_at:
        _slow_path()
    return v


def charge_item(v: Any, total: int) -> int:
    """Charge an item a higher-order primitive keeps (its cells count as held) and return ``total`` plus its
    size; ``DSLError('limit')`` once the items exceed ``MAX_VALUE_CELLS`` together.

    The primitive calls :func:`release` with the final total once its result is built."""
    global _calls_left, _held
    t = type(v)
    s = (tuple_size(v, MAX_VALUE_CELLS) if v else 1) if t is tuple else (len(v) if t is frozenset else 1)
    total += s
    if total > MAX_VALUE_CELLS:
        raise DSLError("limit", f"items of more than {MAX_VALUE_CELLS} cells")
    _calls_left -= s + 1
    if _calls_left < _check_at:
        _slow_path()
    _held += s
    if _held > MAX_HELD_CELLS:
        raise DSLError("limit", f"values hold more than {MAX_HELD_CELLS} cells")
    return total


def charge_line(units: int, cells: int) -> None:
    """The interpreter's per-line charge: ``units`` of work, and ``cells`` more held until the run ends."""
    global _calls_left, _held
    _calls_left -= units
    if _calls_left < _check_at:
        _slow_path()
    _held += cells
    if _held > MAX_HELD_CELLS:
        raise DSLError("limit", f"values hold more than {MAX_HELD_CELLS} cells")


def release(n: int) -> None:
    """Stop counting ``n`` cells that :func:`charge_item` counted."""
    global _held
    _held -= n


def open_run(calls: int, seconds: float) -> tuple[tuple, float]:
    """Start a fresh budget; returns what :func:`close_run` restores, and the run's deadline.

    The interpreter's hot path uses this pair instead of the :func:`budget` context manager."""
    global _calls_left, _check_at, _deadline, _held
    saved = (_calls_left, _check_at, _deadline, _held)
    _calls_left = calls
    _check_at = calls - CHECK_EVERY if calls > CHECK_EVERY else 0
    _deadline = time.perf_counter() + seconds
    _held = 0
    return saved, _deadline


def close_run(saved: tuple) -> None:
    """Restore the budget that was active before :func:`open_run`."""
    global _calls_left, _check_at, _deadline, _held
    _calls_left, _check_at, _deadline, _held = saved


def units_left() -> int:
    """Work units left in the current budget."""
    return _calls_left


@contextmanager
def budget(calls: int = DEFAULT_CALLS, seconds: float = DEFAULT_SECONDS) -> Iterator[None]:
    """Run the enclosed block under a fresh budget (restoring the outer one afterwards)."""
    saved, _ = open_run(calls, seconds)
    try:
        yield
    finally:
        close_run(saved)
