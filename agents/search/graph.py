"""The lockstep state graph: every state is one value per example, expanded cheapest first.

A state holds what a chain of transforms computes on every example at once: the demo inputs first, then the
test inputs. A transform that fails on any example (an error, an over-size value) fails for the state, so a
state's chain succeeds on every input and already carries its test predictions. States are deduplicated by
their per-example values: each value is interned to a small integer, a state is the tuple of those
integers, and the first (cheapest) chain to reach a state keeps it. Each (transform, example value) edge is
memoised, failures included, so two states that agree on an example share that example's work.

Expansion is best-first over *edges* (a state and one transform): an edge's priority is the state's priority
plus the transform's step cost, so a state's likely transforms are tried long before its unlikely ones. Step
costs are the transforms' own (uniform: breadth-first) or a table from a learned prior, ``-log p(t | previous
transform)`` (see :mod:`agents.codeit.prior`), with optional rows of their own for depth-1 states (the prior
read on the task left after that first step); a state's ``cost`` stays the sum of its transforms' own costs,
so a prior changes what is tried first but not how complex a found program counts. An optional heuristic
orders states of equal cost by how much they already look like the answer. The search is bounded by a
maximum depth, a number of expanded states, a number of stored states, the process's resident memory and a
deadline, and is anytime:
:meth:`StateGraph.expand` can be called again with a larger budget and goes on where it stopped. States at
the maximum depth are never expanded, so with ``leaf_shapes`` a leaf is kept only as a grid of a wanted
shape on every example (the output's, or a subgoal's), and is computed example by example until one differs
(most of a depth-3 search's work is such leaves).
"""

from __future__ import annotations

import heapq
import os
import time
from dataclasses import dataclass
from typing import Any, Callable, Optional, Sequence

import numpy as np

from agents.search.recipe import Recipe
from agents.search.transforms import GRID, LIST, Transform
from dsl import budget as dsl_budget

__all__ = ["StateGraph", "State", "resident_bytes", "run_bounded", "valid_value"]

_FAIL = -1
# Per-call limits inside the search: generous for a single primitive, small enough that one pathological
# application cannot stall a task.
_CALLS = 200_000
_SECONDS = 0.05
_MAX_LIST = 64
_MAX_SHARED_STEPS = 50_000


@dataclass
class State:
    """A node of the graph: interned values per example and how it was reached."""

    ids: tuple
    kind: str
    depth: int
    cost: float  # the chain's own cost: the sum of its transforms' costs (its complexity, whatever the prior)
    parent: int  # index of the parent state, -1 for a root
    transform: int  # index of the transform from the parent (or of the root recipe), -1 for the input
    bonus: float = 0.0  # the heuristic's share of the state's edge priorities
    # The chain's cost under the step-cost table (equal to ``cost`` without a prior): the expansion order only.
    # A prior says what to try first, not which program is simpler, so ranking and closures read ``cost``.
    priority: float = 0.0


def _is_shape(s: Any) -> bool:
    return len(s) == 2 and all(type(k) is int for k in s)


def valid_value(value: Any, kind: str) -> bool:
    """Whether a transform's result is a usable value of ``kind`` (a grid within 30x30, a list of 1-64 items)."""
    if kind == GRID:
        return type(value) is tuple and 0 < len(value) <= 30 and type(value[0]) is tuple and 0 < len(value[0]) <= 30
    return type(value) is tuple and 0 < len(value) <= _MAX_LIST


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_MEMORY_CHECK_EVERY = 256  # expanded states between two reads of the resident size


def resident_bytes() -> Optional[int]:
    """This process's resident memory in bytes (Linux ``/proc``), or None where it cannot be read."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


def run_bounded(recipe: Recipe, value: Any, kind: str = GRID, inp: Any = None, shape: Any = None,
                steps: Optional[dict] = None) -> Any:
    """A recipe's result on a value within the search's per-call limits, or None if it fails or is not a
    usable value of ``kind``."""
    saved, _ = dsl_budget.open_run(_CALLS, _SECONDS)
    try:
        out = recipe.run(value, inp, shape, steps)
        return out if valid_value(out, kind) else None
    except Exception:
        return None
    finally:
        dsl_budget.close_run(saved)


class StateGraph:
    """States reachable from the examples' inputs by chains of transforms, expanded in lockstep."""

    def __init__(self, inputs: Sequence[Any], transforms: Sequence[Transform],
                 shapes: Optional[Sequence[Any]] = None, max_depth: int = 3, max_states: int = 200_000,
                 heuristic: Optional[Callable[["StateGraph", tuple, str], float]] = None, heuristic_weight: float = 0.9,
                 step_costs: Optional[np.ndarray] = None, leaf_shapes: Optional[Sequence[Any]] = None,
                 max_bytes: Optional[int] = None, first_rows: Optional[dict[int, np.ndarray]] = None) -> None:
        self.inputs = tuple(inputs)
        # A leaf (a state at max_depth) is never expanded, so it is only of use as a grid of a wanted shape
        # on every example (the output's, or a subgoal's: see agents/search/peel.py).
        # leaf_shapes[e]: example e's (height, width), a set of them, or None where it is unknown.
        self.leaf_shapes = None
        if leaf_shapes is not None:
            shapes_ = tuple(None if s is None else frozenset([tuple(s)]) if _is_shape(s) else frozenset(s)
                            for s in leaf_shapes)
            self.leaf_shapes = shapes_ + (None,) * (len(self.inputs) - len(shapes_))
        self.shapes = tuple(shapes) if shapes is not None else (None,) * len(self.inputs)
        self.transforms = list(transforms)
        self.max_depth = max_depth
        self.max_states = max_states
        # The process's resident size at which expansion stops (read every few hundred expansions); None: no cap.
        self.max_bytes = max_bytes
        self.out_of_memory = False
        # Order of expansion: cost + weight * (1 - heuristic(graph, ids, kind)), heuristic in [0, 1] (1 = looks like
        # the answer). A weight under the smallest transform cost keeps shallower states first.
        self.heuristic = heuristic
        self.heuristic_weight = heuristic_weight
        # step_costs[p + 1, t]: the cost of transform t after transform p (row 0: the first step).
        n_t = len(self.transforms)
        if step_costs is None:
            step_costs = np.tile(np.array([t.cost for t in self.transforms], dtype=float), (n_t + 1, 1))
        if step_costs.shape != (n_t + 1, n_t):
            raise ValueError(f"step_costs has shape {step_costs.shape}, expected {(n_t + 1, n_t)}")
        self.step_costs = step_costs
        # first_rows[t]: the step costs after the depth-1 state that transform t reaches from the input, in place
        # of step_costs[t + 1] (which every state whose last transform is t shares).
        self.first_rows = first_rows or {}
        bad = [t for t, row in self.first_rows.items() if not 0 <= t < n_t or np.shape(row) != (n_t,)]
        if bad:
            raise ValueError(f"first_rows[{bad[0]}] is not a row of {n_t} costs for a transform index below {n_t}")
        self._orders: dict[tuple[int, str, int], tuple[list[int], list[float]]] = {}
        self.values: list[Any] = []
        self._ids: dict[Any, int] = {}
        self.states: list[State] = []
        self._seen: dict[tuple, int] = {}
        self._memo: dict[tuple, int] = {}
        self._steps: dict[tuple, Any] = {}  # shared recipe steps (objects, holes, ...) per value
        # Edges waiting: (priority, state index, position in the state's transform order).
        self._heap: list[tuple[float, int, int]] = []
        self._by_kind: dict[str, list[int]] = {GRID: [], LIST: []}
        for k, t in enumerate(self.transforms):
            self._by_kind[t.src].append(k)
        self.expanded = 0
        self.applications = 0
        self.input_ids = tuple(self.intern(g) for g in self.inputs)
        self.add_state(self.input_ids, GRID, 0, 0.0, -1, -1)

    # ------------------------------------------------------------------------------------------ values

    def intern(self, value: Any) -> int:
        """The small integer standing for ``value`` (equal values get equal ids)."""
        # setdefault hashes the value once (a grid's tuple hash is not cached and walks every cell);
        # len(self._ids) == len(self.values) always.
        k = self._ids.setdefault(value, len(self.values))
        if k == len(self.values):
            self.values.append(value)
        return k

    def state_values(self, index: int) -> tuple:
        """A state's value on every example."""
        return tuple(self.values[i] for i in self.states[index].ids)

    # ------------------------------------------------------------------------------------------ states

    def add_state(self, ids: tuple, kind: str, depth: int, cost: float, parent: int, transform: int,
                  priority: Optional[float] = None) -> Optional[int]:
        """Add a state unless an equal one exists; returns its index (None if it was already there).
        ``priority`` is its chain's cost under the step-cost table (default: ``cost``)."""
        if ids in self._seen:
            return None
        index = len(self.states)
        self._seen[ids] = index
        priority = cost if priority is None else priority
        self.states.append(State(ids, kind, depth, cost, parent, transform, priority=priority))
        if depth < self.max_depth:
            _, costs = self._order(index)
            if costs:
                self.states[index].bonus = (0.0 if self.heuristic is None
                                            else self.heuristic_weight * (1.0 - self.heuristic(self, ids, kind)))
                heapq.heappush(self._heap, (priority + costs[0] + self.states[index].bonus, index, 0))
        return index

    def _order(self, index: int) -> tuple[list[int], list[float]]:
        """The transforms that apply to a state, cheapest first after its last transform, with their costs."""
        st = self.states[index]
        key = (st.transform if st.parent >= 0 else -1, st.kind, st.depth)
        hit = self._orders.get(key)
        if hit is None:
            row = self.first_rows.get(key[0]) if st.depth == 1 else None
            row = self.step_costs[key[0] + 1] if row is None else row
            usable = [t for t in self._by_kind[st.kind] if st.depth <= self.transforms[t].max_src_depth]
            if self.leaf_shapes is not None and st.depth + 1 == self.max_depth:
                usable = [t for t in usable if self.transforms[t].dst == GRID]
            usable.sort(key=lambda t: row[t])  # stable: equal costs keep the list's order
            hit = self._orders[key] = (usable, [float(row[t]) for t in usable])
        return hit

    def chain(self, index: int) -> list[int]:
        """The transform indices from the input to a state."""
        out = []
        while self.states[index].parent >= 0:
            st = self.states[index]
            out.append(st.transform)
            index = st.parent
        return out[::-1]

    # ------------------------------------------------------------------------------------------ search

    def _apply(self, t_index: int, transform: Transform, example: int, value_id: int) -> int:
        key = (t_index, value_id, example if transform.recipe.uses_context else -1)
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        self.applications += 1
        value = run_bounded(transform.recipe, self.values[value_id], transform.dst, self.inputs[example],
                            self.shapes[example], self._steps)
        result = _FAIL if value is None else self.intern(value)
        self._memo[key] = result
        return result

    def expand(self, max_expansions: int, deadline: float, on_state=None, stop_depth=None) -> bool:
        """Try edges cheapest first until ``max_expansions`` states have been expanded, the deadline or exhaustion.

        A state counts as expanded when its first edge is tried. ``on_state(index)`` is called for every new
        state; ``stop_depth()`` (if given) returns a depth past which nothing more is wanted (e.g. once a
        solution of that depth is known), or None: edges past it are dropped, shallower ones still tried.
        Returns True if the graph is exhausted (every edge within the depth limit has been tried)."""
        transforms = self.transforms
        n = len(self.inputs)
        heap = self._heap
        while heap:
            if len(self.states) >= self.max_states:
                return False
            _, index, pos = heap[0]
            if pos == 0 and self.expanded >= max_expansions:
                return False
            if pos == 0 and self.max_bytes is not None and self.expanded % _MEMORY_CHECK_EVERY == 0:
                rss = resident_bytes()
                if rss is not None and rss > self.max_bytes:
                    self.out_of_memory = True
                    return False
            if time.perf_counter() > deadline:
                return False
            state = self.states[index]
            heapq.heappop(heap)
            if stop_depth is not None:
                limit = stop_depth()
                if limit is not None and state.depth + 1 > limit:
                    # Drop this state's edges (all too deep) and go on: under a prior's order, shallower edges
                    # can still wait behind this one (without a prior none do, and the heap just drains).
                    continue
            order, costs = self._order(index)
            if pos == 0:
                self.expanded += 1
                if len(self._steps) > _MAX_SHARED_STEPS:
                    self._steps.clear()
            if pos + 1 < len(order):
                heapq.heappush(heap, (state.priority + costs[pos + 1] + state.bonus, index, pos + 1))
            t_index = order[pos]
            t = transforms[t_index]
            ids = []
            # A leaf of the wrong shape on one example is dropped before the other examples are computed.
            leaf = self.leaf_shapes if state.depth + 1 == self.max_depth else None
            for e in range(n):
                r = self._apply(t_index, t, e, state.ids[e])
                if r == _FAIL:
                    break
                if leaf is not None and leaf[e] is not None:
                    v = self.values[r]
                    if (len(v), len(v[0])) not in leaf[e]:
                        break
                ids.append(r)
            else:
                new = self.add_state(tuple(ids), t.dst, state.depth + 1, state.cost + t.cost, index, t_index,
                                     priority=state.priority + costs[pos])
                if new is not None and on_state is not None:
                    on_state(new)
        return True
