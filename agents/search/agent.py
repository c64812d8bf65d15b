"""``SearchAgent``: a deduplicated lockstep search over DSL transforms that answers with DSL programs.

For one task:

1. **Output size.** :func:`~agents.search.size.predict_size` picks the simplest shape rule that fits every
   demo (input shape, a constant, an affine rule, or a cheap transform's shape).
2. **State graph.** :class:`~agents.search.graph.StateGraph` expands chains of transforms
   (:func:`~agents.search.transforms.build_transforms`) on the demo inputs and the test inputs at once,
   cheapest first, deduplicating states, until the state budget or the deadline.
3. **Candidates.** A grid state equal to every demo output is a solution; so is one equal on every demo to a
   *subgoal*, the outputs with a last step undone (:mod:`~agents.search.peel`), with that step appended; a
   state equal to some demo outputs is a partial candidate. Over the *pieces* (grid states with the output
   shape everywhere) two closures run: a colour-for-colour map onto the outputs, and greedy stacking of layers
   (:mod:`agents.search.stacking`). A third, the lookup, picks the whole output among the demo outputs by a
   key of the input (the number of colours, of ink cells, ...) when equal keys give equal outputs.
4. **Views.** The same search runs on views of the task one after another, each within its share of the time
   (``views``): the plain task first, then the colour-normalised task (each example's colours renamed by
   rank, ``normalise_colours`` on the way in and ``denormalise_colours`` on the way out) and any turned or
   flipped task (``rot90`` on the way in, ``rot270`` on the way out, ...). A view stops the rest once a
   one-step chain fits every demo; later views only look for fits no deeper than the best so far, and the
   candidates of all views are ranked together.
5. **Programs.** Every candidate is emitted as straight-line program text from the same recipes the search
   ran, re-scored through :func:`arc_env.scoring.score_program` on the demos (a program that does not
   reproduce what the search computed is dropped), deduplicated by its test predictions, and ranked the
   CodeIt way (demo accuracy, then shorter text).

The agent reads a task's demo pairs and its test *inputs* only. ``--budget`` in ``codeit compare`` counts
states expanded per task. After ``solve``, :meth:`SearchAgent.hindsight` hands back the distinct grid states
reached on the demo inputs as (program, realized outputs) pairs for hindsight relabelling.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Optional, Sequence

import numpy as np

from agents.base import Agent, Budget, Candidate, rank_candidates
from agents.search.costs import StepCosts
from agents.search.graph import StateGraph, run_bounded
from agents.search.peel import Peel, find_peels
from agents.search.recipe import Const, ProgramBuilder, Recipe, Step, X, chain_text, const_for, int_steps
from agents.search.size import SizeRule, predict_size
from agents.search.stacking import ALL, INK, ZEROS, colour_map, flatten, greedy_stack, idle_layers
from agents.search.transforms import GRID, LIST, Transform, build_transforms, task_colours
from arc_env.scoring import score_program
from arc_env.tasks import Task
from dsl.primitives.grid import cmirror, dmirror, hmirror, rot90, rot180, rot270, vmirror
from dsl.primitives.normalise import colour_permutation, recolour_by
from dsl.values import DSLError

__all__ = ["SearchAgent"]

logger = logging.getLogger(__name__)

_MAX_PIECES = 20000
_MAX_PIECE_CELLS = 16_000_000  # pieces x demo output cells: keeps the stacking arrays near 16 MB each
_MAX_PARTIAL = 4
_MAX_CANDIDATES = 12
# Ranking costs of the closures, added to the chain depth of their pieces.
_MAP_COST = 0.5
_LAYER_COST = 0.25
_MAX_LAYERS = 5
_PEEL_COST = 1.0  # a peeled last step counts as one more transform of the chain
_CLOSURE_WORTH = 2.0  # closures run unless a chain this cheap already fits every demo
# Pieces that do not come from the input (_constants) rank like a depth-1 chain; a template of more boxes
# than this is too long a program to be a likely answer.
_CANVAS_COST = 1.0
_TEMPLATE_COST = 1.0
_MAX_TEMPLATE_BOXES = 12
# A lookup (the whole output chosen by a key of the input, see _lookups) ranks after the chains, peels and
# stacks, each entry of its table adding to its cost; its constant outputs may take this many boxes in all.
_LOOKUP_COST = 5.0
_LOOKUP_ENTRY_COST = 0.1
_MAX_LOOKUP_BOXES = 24


@dataclass(frozen=True)
class _Found:
    """A program the search proposes, its cost (chain depth, plus closure costs), whether it fits every demo and
    its kind (``chain``, ``map``, ``stackK`` for K layers, ``partial``), kept in the candidate's origin."""

    program: str
    cost: float
    fits: bool
    kind: str = "chain"


@dataclass(frozen=True)
class _Constant:
    """A piece that does not come from the input: the same grid drawn on every example (or a canvas of each
    example's predicted shape), offered to stacking next to the graph's pieces (icecuber's extra roots).

    ``values`` holds one grid per example (demos then tests); ``emit`` writes its program lines."""

    name: str
    values: tuple
    cost: float
    emit: Callable[[ProgramBuilder], str]


def _zero_stats() -> dict[str, Any]:
    # first_fit_states: states created before the first chain fitting every demo (None: none found)
    # out_of_memory: a graph stopped at the memory cap
    return {"programs": 0, "states": 0, "applications": 0, "pieces": 0, "first_fit_states": None,
            "out_of_memory": False}


# Geometric views: a turn or flip of every grid of the task, and the DSL call that turns an answer back.
_TURNS: dict[str, tuple[Callable[[tuple], tuple], str]] = {
    "dmirror": (dmirror, "dmirror"), "cmirror": (cmirror, "cmirror"), "hmirror": (hmirror, "hmirror"),
    "vmirror": (vmirror, "vmirror"), "rot90": (rot90, "rot270"), "rot180": (rot180, "rot180"),
    "rot270": (rot270, "rot90"),
}
#: The views ``solve`` runs by default, with their weights (shares of the time and state budget).
DEFAULT_VIEWS: tuple[tuple[str, float], ...] = (("plain", 0.65), ("normalise", 0.35))


@dataclass
class _View:
    """The grids one search sees (the task itself, or a transformed copy) and how programs map back.

    ``wrap`` names the transformation: None; a key of ``_TURNS`` (every grid turned or flipped, the answer
    turned back); ``"normalise"`` (each example's colours renamed by rank, ``fixed`` colours kept; undone from
    the same input)."""

    demo_inputs: tuple
    demo_outputs: tuple
    test_inputs: tuple
    wrap: Optional[str] = None
    fixed: tuple = ()


def _turned(view: _View, turn: str) -> _View:
    f = _TURNS[turn][0]
    return _View(tuple(map(f, view.demo_inputs)), tuple(map(f, view.demo_outputs)), tuple(map(f, view.test_inputs)),
                 wrap=turn)


def _check_view_name(name: str) -> None:
    if name not in ("plain", "normalise") and name not in _TURNS:
        raise ValueError(f"unknown search view {name!r}; expected plain, normalise or one of {', '.join(_TURNS)}")


def _make_view(plain: _View, name: str) -> Optional[_View]:
    """The view ``name`` ("plain", "normalise" or a key of ``_TURNS``) of the task, or None when it equals the plain one."""
    _check_view_name(name)
    if name == "plain":
        return plain
    if name == "normalise":
        return _normalised(plain)
    turned = _turned(plain, name)
    same = (turned.demo_inputs, turned.demo_outputs, turned.test_inputs) == (
        plain.demo_inputs, plain.demo_outputs, plain.test_inputs)
    return None if same else turned


def _normalised(view: _View) -> Optional[_View]:
    """The colour-normalised view, or None when it would not rename anything."""
    ins = [task_colours([g]) for g in view.demo_inputs]
    outs = [task_colours([g]) for g in view.demo_outputs]
    all_in, all_out = set().union(*ins), set().union(*outs)
    fixed = {0} | (all_out - all_in) | (set.intersection(*ins) - all_out)
    fixed |= set.intersection(*ins) & set.intersection(*outs)  # colours every pair uses play fixed roles
    if all(o == outs[0] for o in outs):
        fixed |= outs[0]
    key = tuple(sorted(fixed))
    perms = [colour_permutation(g, key) for g in view.demo_inputs]
    if all(a == b for p in perms for a, b in p.items()):
        return None
    return _View(tuple(recolour_by(g, p) for g, p in zip(view.demo_inputs, perms)),
                 tuple(recolour_by(o, p) for o, p in zip(view.demo_outputs, perms)),
                 tuple(recolour_by(g, colour_permutation(g, key)) for g in view.test_inputs),
                 wrap="normalise", fixed=key)


class SearchAgent(Agent):
    """Best-first lockstep search over DSL transforms with size prediction, stacking and augmentation.

    Args:
        max_depth: longest transform chain searched.
        stack: run the stacking and colour-map closures over pieces.
        heuristic: among states of equal cost, expand first those whose rows already match the demo outputs.
        prior: optional per-task step costs from a learned prior (:class:`~agents.search.costs.StepCosts`):
            the graph tries each state's likely transforms first (CodeIt's guided search); None is uniform.
        prune_leaves: keep a state at ``max_depth`` only if it is a grid of the output shape on every example
            (only such a leaf can be an answer or a piece), computing it example by example until one differs.
        peel: also match states against *subgoals*, the demo outputs with a last step undone (a turn, a
            flip, an upscale, a tiling; :mod:`agents.search.peel`), so a chain ending in such a step is found
            one depth earlier.
        max_memory_mb: the process's resident size (MB) at which a graph stops growing and the search answers
            with what it has (None: no cap); the default keeps a worker under 2 GB.
        seed: unused (the search is deterministic); kept for the shared factory signature.
        views: the views searched, in order, with their weights (shares of the time and the state budget):
            ``"plain"``, ``"normalise"`` or a turn or flip (``"dmirror"``, ``"rot90"``, ...). A view equal to the
            plain task is skipped and its weight goes to the others.
    """

    name = "search"

    def __init__(self, max_depth: int = 3, stack: bool = True, heuristic: bool = True,
                 prior: Optional[StepCosts] = None, prune_leaves: bool = True, peel: bool = True,
                 max_memory_mb: Optional[int] = 1792, seed: int = 0,
                 views: Sequence[tuple[str, float]] = DEFAULT_VIEWS) -> None:
        self.max_depth = max_depth
        self.prune_leaves = prune_leaves
        self.peel = peel
        self.max_memory_mb = max_memory_mb
        self.heuristic = heuristic
        for name, _ in views:
            _check_view_name(name)
        self.views = tuple(views)
        self.stack = stack
        self.prior = prior
        self.seed = seed
        self.trace: list[tuple[int, Candidate]] = []
        self.stats: dict[str, Any] = _zero_stats()
        self.predictions: dict[str, tuple] = {}  # test predictions of the last solve's candidates, by program
        self._last: Optional[tuple[StateGraph, _View, Optional[SizeRule]]] = None

    # ------------------------------------------------------------------------------------------ public

    def solve(self, task: Task, budget: Budget) -> list[Candidate]:
        """Ranked candidate programs for ``task`` (demo pairs and test inputs only are read)."""
        started = time.perf_counter()
        deadline = started + (budget.seconds if budget.seconds is not None else 1e9)
        max_states = budget.programs if budget.programs is not None else 10**9
        self.trace = []
        self.stats = _zero_stats()
        demo_in = tuple(p.input for p in task.train)
        demo_out = tuple(p.output for p in task.train)
        plain = _View(demo_in, demo_out, tuple(task.test_inputs))
        # Each view searches until its share of the time is spent (or the graph is exhausted); a view that
        # finds a program fitting every demo at depth 1 ends the search. A view equal to the plain one is
        # skipped and its weight goes to the others.
        views = [(v, w) for v, w in ((_make_view(plain, name), w) for name, w in self.views) if v is not None]
        total_weight = sum(w for _, w in views)
        found: list[_Found] = []
        total = deadline - started
        share = 0.0
        for view, weight in views:
            # Shares are cumulative fractions of both the time and the state budget.
            share += weight / total_weight
            left = min(max_states, int(share * max_states)) - self.stats["programs"]
            best = min((f.cost for f in found if f.fits), default=None)
            # A later view only looks for fits no more complex than the best one found so far.
            if left <= 0 or time.perf_counter() > deadline or (best is not None and best <= 1):
                break
            found += self._search(view, left, min(deadline, started + share * total), bound=best)
        candidates = self._finish(task, found)
        # The trace holds chains as they were found; closures and partial fits are known only at the end.
        traced = {c.program for _, c in self.trace}
        self.trace += [(self.stats["programs"], c) for c in candidates if c.program not in traced]
        self.stats["seconds"] = time.perf_counter() - started
        return candidates

    def hindsight(self, limit: int = 1000, choose: Optional[Callable[[list[tuple]], Sequence[int]]] = None,
                  suffixes: bool = False) -> list[tuple]:
        """Distinct grid states of the last plain search as (program, transform chain, realized demo outputs).

        The first ``limit`` states in the order the search reached them (cheapest first); ``choose`` (given the
        list of their realized outputs, returning positions) keeps a subset before any program is written.
        With ``suffixes`` each tuple ends with the chain's task left after its first step (see :meth:`suffix`),
        or None."""
        if self._last is None:
            return []
        graph, view, rule = self._last
        n = len(view.demo_inputs)
        indices = [k for k, st in enumerate(graph.states) if st.kind == GRID and k > 0][:limit]
        outputs = [tuple(graph.values[i] for i in graph.states[k].ids[:n]) for k in indices]
        keep = range(len(indices)) if choose is None else choose(outputs)
        rows = [(self._program(graph, view, rule, indices[k]),
                 tuple(graph.transforms[t].name for t in graph.chain(indices[k])), outputs[k]) for k in keep]
        if suffixes:
            rows = [row + (self.suffix(graph, indices[k], n),) for row, k in zip(rows, keep)]
        return rows

    @staticmethod
    def suffix(graph: StateGraph, index: int, n: int) -> Optional[tuple[str, tuple[str, ...], tuple]]:
        """A state's chain without its first step, as a task of its own: (program, transform chain, the first
        step's grids on the ``n`` demo inputs). None for a chain of one step, a first step that does not give a
        grid, or a later step that reads the input or the predicted shape (it would not run on those grids
        alone)."""
        chain = graph.chain(index)
        first = index
        while graph.states[first].depth > 1:
            first = graph.states[first].parent
        rest = [graph.transforms[t] for t in chain[1:]]
        if not rest or graph.states[first].kind != GRID or any(t.recipe.uses_context for t in rest):
            return None
        return (chain_text([t.recipe for t in rest]), tuple(t.name for t in rest),
                tuple(graph.values[i] for i in graph.states[first].ids[:n]))

    # ------------------------------------------------------------------------------------------ search

    def _search(self, view: _View, max_states: int, deadline: float,
                bound: Optional[float] = None) -> list[_Found]:
        n = len(view.demo_inputs)
        rule, transforms = view_transforms(view.demo_inputs, view.demo_outputs, view.test_inputs)
        names = [t.name for t in transforms]
        step_costs = None if self.prior is None else self.prior.table(names)
        # The prior read the task left after a first step on the plain view's grids: no use in another view.
        first_rows = self.prior.after_rows(names) if self.prior is not None and view.wrap is None else None
        shapes = None if rule is None else rule.demo_shapes + rule.test_shapes
        targets_rows = view.demo_outputs

        def likeness(graph: StateGraph, ids: tuple, kind: str) -> float:
            """The share of demo output rows the state already has right (0 for lists and wrong shapes)."""
            if kind != GRID:
                return 0.0
            total = 0.0
            for e in range(n):
                value, want = graph.values[ids[e]], targets_rows[e]
                if len(value) == len(want) and len(value[0]) == len(want[0]):
                    total += sum(a == b for a, b in zip(value, want)) / len(want)
            return total / n

        want_shapes = tuple((len(g), len(g[0])) for g in view.demo_outputs)
        test_shapes = None if rule is None else rule.test_shapes
        peels = find_peels(view.demo_outputs, test_shapes) if self.peel else []
        # A leaf is of use with the output's shape or with a subgoal's (see agents/search/peel.py).
        leaf_shapes = [{s} | {(len(p.subgoals[e]), len(p.subgoals[e][0])) for p in peels}
                       for e, s in enumerate(want_shapes)]
        leaf_shapes += [{s} | {p.test_shapes[k] for p in peels} for k, s in enumerate(test_shapes or ())]
        graph = StateGraph(view.demo_inputs + view.test_inputs, transforms, shapes, max_depth=self.max_depth,
                           heuristic=likeness if self.heuristic else None, step_costs=step_costs, first_rows=first_rows,
                           leaf_shapes=leaf_shapes if self.prune_leaves else None,
                           max_bytes=None if self.max_memory_mb is None else self.max_memory_mb << 20)
        targets = tuple(graph.intern(g) for g in view.demo_outputs)
        subgoals: dict[tuple, list[Peel]] = {}
        for p in peels:
            subgoals.setdefault(tuple(graph.intern(g) for g in p.subgoals), []).append(p)
        peeled: list[tuple[int, Peel]] = []  # (state, last step) fitting every demo

        def first_fit() -> None:
            if self.stats["first_fit_states"] is None:
                self.stats["first_fit_states"] = self.stats["states"] + len(graph.states)
        max_pieces = min(_MAX_PIECES, _MAX_PIECE_CELLS // sum(h * w for h, w in want_shapes))
        exact: list[int] = []
        partial: dict[tuple, int] = {}
        pieces: list[int] = []
        shape_of: dict[int, tuple] = {}

        def shape(i: int) -> tuple:
            s = shape_of.get(i)
            if s is None:
                g = graph.values[i]
                s = shape_of[i] = (len(g), len(g[0]))
            return s

        def on_state(index: int) -> None:
            st = graph.states[index]
            if st.kind != GRID:
                return
            ids = st.ids
            for p in subgoals.get(ids[:n], ()):
                # The state is the subgoal on every demo: the chain plus the peeled step rebuilds every demo
                # output; its test predictions are that step run on the state's test values.
                if all(run_bounded(p.recipe, v) is not None for v in graph.state_values(index)[n:]):
                    peeled.append((index, p))
                    first_fit()
                    self.trace.append((self.stats["programs"] + graph.expanded,
                                       Candidate(self._program(graph, view, rule, index, p.recipe), 1.0,
                                                 "search", st.cost + _PEEL_COST)))
            hits = tuple(ids[e] == targets[e] for e in range(n))
            if all(hits):
                exact.append(index)
                first_fit()
                self.trace.append((self.stats["programs"] + graph.expanded,
                                   Candidate(self._program(graph, view, rule, index), 1.0, "search", st.cost)))
                return
            if any(hits) and hits not in partial:
                partial[hits] = index
            if (len(pieces) < max_pieces and all(shape(ids[e]) == want_shapes[e] for e in range(n))
                    and (test_shapes is None or all(shape(ids[n + k]) == s for k, s in enumerate(test_shapes)))):
                pieces.append(index)

        on_state(0)
        # Once a chain solves every demo, finish its depth (alternatives for the top-3) and stop.
        def stop_depth() -> Optional[float]:
            depths = ([graph.states[i].depth for i in exact] + [graph.states[i].depth + 1 for i, _ in peeled]
                      + ([bound] if bound is not None else []))
            return min(depths) if depths else None

        graph.expand(max_states, deadline, on_state, stop_depth=stop_depth)
        self.stats["programs"] += graph.expanded
        self.stats["states"] += len(graph.states)
        self.stats["applications"] += graph.applications
        self.stats["pieces"] += len(pieces)
        self.stats["out_of_memory"] = self.stats["out_of_memory"] or graph.out_of_memory
        if view.wrap is None:
            self._last = (graph, view, rule)
        found = [_Found(self._program(graph, view, rule, i), graph.states[i].cost, True) for i in exact]
        found += [_Found(self._program(graph, view, rule, i, p.recipe), graph.states[i].cost + _PEEL_COST, True,
                         "peel") for i, p in peeled]
        # Closures also run when only deep chains fit: a shallow stack or colour map may generalise better.
        if self.stack and pieces and min((f.cost for f in found), default=_CLOSURE_WORTH) >= _CLOSURE_WORTH:
            found += self._closures(graph, view, rule, pieces, _constants(view, rule))
        if min((f.cost for f in found), default=_CLOSURE_WORTH) >= _CLOSURE_WORTH:
            found += self._lookups(view, rule)
        best_partial = sorted(partial.items(), key=lambda kv: (-sum(kv[0]), graph.states[kv[1]].cost))
        found += [_Found(self._program(graph, view, rule, i), graph.states[i].cost, False, "partial")
                  for _, i in best_partial[:_MAX_PARTIAL]]
        return found

    def _closures(self, graph: StateGraph, view: _View, rule: Optional[SizeRule], pieces: list[int],
                  constants: Sequence[_Constant]) -> list[_Found]:
        n = len(view.demo_inputs)
        target = flatten(view.demo_outputs)
        cells: dict[int, np.ndarray] = {}  # pieces share values: flatten each once

        def flat(i: int) -> np.ndarray:
            v = cells.get(i)
            if v is None:
                v = cells[i] = flatten((graph.values[i],))
            return v

        rows = np.stack([np.concatenate([flat(i) for i in graph.states[p].ids[:n]]) for p in pieces]
                        + [flatten(c.values[:n]) for c in constants])
        costs = [graph.states[p].cost + 1e-3 * graph.states[p].depth for p in pieces] + [c.cost for c in constants]
        # A layer is a graph state (its index) or a constant piece; tests(k) are its values on the test inputs.
        refs: list[Any] = list(pieces) + list(constants)

        def tests(k: int) -> tuple:
            ref = refs[k]
            return ref.values[n:] if isinstance(ref, _Constant) else graph.state_values(ref)[n:]

        out: list[_Found] = []
        # Colour maps, cheapest graph piece first.
        for k in np.argsort(costs[:len(pieces)], kind="stable")[:500]:
            mapping = colour_map(rows[k], target)
            # A map says nothing about colours the demos never show: the test values must use known ones.
            if mapping is not None and task_colours(graph.state_values(pieces[int(k)])[n:]) <= set(rows[k].tolist()):
                out.append(_Found(self._mapped(graph, view, rule, pieces[int(k)], mapping),
                                  costs[int(k)] + _MAP_COST, True, "map"))
                break
        # Stacking with the shallowest pieces first: deeper pieces fit more and generalise less. Masks that
        # only write zeros are weak evidence (they cover a lot by saying little), so a stack without them is
        # tried first and a mask layer costs extra.
        # Constant pieces join only when the graph's pieces alone make no stack, so they never displace one.
        depths = np.array([graph.states[p].depth for p in pieces] + [1] * len(constants))
        own = np.arange(len(refs)) < len(pieces)
        for modes in ((INK, ALL), (INK, ZEROS, ALL)):
            stacked = False
            for usable in (own, np.ones(len(refs), dtype=bool)) if constants else (own,):
                for limit in sorted(set(depths.tolist())):
                    chosen = np.flatnonzero(usable & (depths <= limit))
                    layers = greedy_stack(rows[chosen], target, [costs[k] for k in chosen],
                                          max_layers=_MAX_LAYERS, modes=modes)
                    # None: no stack; []: the demo outputs are blank, which no stack of layers explains.
                    if not layers:
                        continue
                    layers = [(int(chosen[k]), mode) for k, mode in layers]
                    # A layer that writes nothing on the test inputs fits some demo by a case of its own: it
                    # costs as much again as a layer that is used.
                    idle = idle_layers([flatten(tests(k)) for k, _ in layers], [mode for _, mode in layers])
                    cost = (max(costs[k] for k, _ in layers) + _LAYER_COST * (len(layers) - 1 + idle)
                            + _LAYER_COST * sum(mode == ZEROS for _, mode in layers))
                    out.append(_Found(self._stacked(graph, view, rule, [(refs[k], mode) for k, mode in layers]),
                                      cost, True, f"stack{len(layers)}"))
                    stacked = True
                    break
                if stacked:
                    break
        return out

    def _lookups(self, view: _View, rule: Optional[SizeRule]) -> list[_Found]:
        """Programs choosing the whole output among the demo outputs by a key of the input (:data:`_KEYS`)."""
        out: list[_Found] = []
        for rank, (name, recipe) in enumerate(_KEYS):
            table = _lookup_table(recipe, view)
            if table is None:
                continue
            b = self._builder(view, rule)
            key = b.apply(recipe, b.input_var)
            entries = sorted(table.items())
            # The last entry is the default: every test key is one of the table's.
            var = _emit_grid(b, entries[-1][1])
            for k, grid in reversed(entries[:-1]):
                var = b.call("branch", b.call("equality", key, _int_arg(b, k)), _emit_grid(b, grid), var)
            cost = _LOOKUP_COST + _LOOKUP_ENTRY_COST * len(entries) + 1e-3 * rank
            out.append(_Found(self._text(b, view, var), cost, True, f"lookup:{name}"))
        return out

    # ------------------------------------------------------------------------------------------ programs

    def _builder(self, view: _View, rule: Optional[SizeRule]) -> ProgramBuilder:
        b = ProgramBuilder(None if rule is None else rule.recipe)
        if view.wrap in _TURNS:
            b.input_var = b.call(view.wrap, "I")
        elif view.wrap == "normalise":
            b.input_var = b.call("normalise_colours", "I", _int_tuple(b, view.fixed))
        return b

    def _emit(self, b: ProgramBuilder, graph: StateGraph, index: int) -> str:
        var = b.input_var
        for t in graph.chain(index):
            var = b.apply(graph.transforms[t].recipe, var)
        return var

    def _text(self, b: ProgramBuilder, view: _View, var: str) -> str:
        if view.wrap in _TURNS:
            var = b.call(_TURNS[view.wrap][1], var)
        elif view.wrap == "normalise":
            var = b.call("denormalise_colours", var, "I", _int_tuple(b, view.fixed))
        return b.text(var)

    def _program(self, graph: StateGraph, view: _View, rule: Optional[SizeRule], index: int,
                 last: Optional[Recipe] = None) -> str:
        """The program of a state's chain, then ``last`` (a peeled step) if given."""
        b = self._builder(view, rule)
        var = self._emit(b, graph, index)
        if last is not None:
            var = b.apply(last, var)
        return self._text(b, view, var)

    def _mapped(self, graph: StateGraph, view: _View, rule: Optional[SizeRule], index: int,
                mapping: dict[int, int]) -> str:
        b = self._builder(view, rule)
        var = self._emit(b, graph, index)
        src = _int_tuple(b, sorted(mapping))
        dst = _int_tuple(b, [mapping[c] for c in sorted(mapping)])
        return self._text(b, view, b.call("map_colours", var, src, dst))

    def _stacked(self, graph: StateGraph, view: _View, rule: Optional[SizeRule],
                 layers: list[tuple[Any, int]]) -> str:
        """The program of a stack whose layers (top first) are graph state indices or constant pieces."""
        b = self._builder(view, rule)
        vars_ = [(ref.emit(b) if isinstance(ref, _Constant) else self._emit(b, graph, ref), mode)
                 for ref, mode in layers]
        if vars_[-1][1] == ALL:
            base = vars_.pop()[0]
        else:
            base = b.call("canvas", "ZERO", b.call("shape", vars_[0][0]))
        for var, mode in reversed(vars_):
            if mode == INK:
                base = b.call("overlay_except", base, var, "ZERO")
            elif mode == ZEROS:
                base = b.call("overlay_only", base, var, "ZERO")
            else:
                base = var
        return self._text(b, view, base)

    # ------------------------------------------------------------------------------------------ ranking

    @staticmethod
    def _score(task: Task, program: str) -> tuple[float, Optional[tuple]]:
        """Demo accuracy and test predictions of a program (the test *inputs* only are run)."""
        score = score_program(task, program, run_test=True)
        if score.error in ("parse", "type"):
            logger.warning("search emitted a program that does not compile (%s):\n%s", score.error, program)
        if any(o is None for o in score.test_outputs):
            return score.demo_accuracy, None
        return score.demo_accuracy, score.test_outputs

    def _finish(self, task: Task, found: Sequence[_Found]) -> list[Candidate]:
        scored = []
        cheapest: dict[str, _Found] = {}
        for f in found:
            if f.program not in cheapest or f.cost < cheapest[f.program].cost:
                cheapest[f.program] = f
        for p, f in cheapest.items():
            acc, preds = self._score(task, p)
            if acc > 0 and preds is not None:
                scored.append((Candidate(p, acc, f"search:{f.kind}", f.cost), preds))
        order = {c.program: k for k, c in enumerate(rank_candidates([c for c, _ in scored]))}
        scored.sort(key=lambda cp: order[cp[0].program])
        seen: set = set()
        out = []
        self.predictions = {}
        for cand, preds in scored:
            if preds in seen:
                continue
            seen.add(preds)
            out.append(cand)
            self.predictions[cand.program] = preds
            if len(out) >= _MAX_CANDIDATES:
                break
        return out


def view_transforms(demo_inputs: tuple, demo_outputs: tuple, test_inputs: tuple
                    ) -> tuple[Optional[SizeRule], list[Transform]]:
    """The predicted output-size rule (None: unknown) and the ordered transform list a search of these grids uses."""
    colours_in = task_colours(demo_inputs + test_inputs)
    colours_out = task_colours(demo_outputs)
    rule = predict_size(demo_inputs, demo_outputs, test_inputs,
                        _size_seeds(build_transforms(colours_in, colours_out, False, same_shape=False)))
    transforms = build_transforms(colours_in, colours_out, rule is not None,
                                  same_shape=rule is not None and rule.name == "input")
    return rule, transforms


def _size_seeds(transforms: Sequence[Any]) -> Iterator[tuple[str, Any]]:
    """Seeds for size prediction, simplest first: crops, other grid transforms, a split and a pick, two crops.

    A seed runs on the task input itself, so transforms that read the task input are seeds too; those that read
    the predicted shape are not."""
    plain = [t for t in transforms if not t.recipe.uses_shape]
    grid = [t for t in plain if t.src == GRID and t.dst == GRID]
    yield from ((t.name, t.recipe) for t in grid if t.family == "crop")
    yield from ((t.name, t.recipe) for t in grid if t.family != "crop")
    splits = [t for t in plain if t.src == GRID and t.dst == LIST]
    picks = [t for t in plain if t.src == LIST and t.dst == GRID]
    yield from ((f"{a.name}>{b.name}", a.recipe.then(b.recipe)) for a in splits for b in picks)
    crops = [t for t in grid if t.family == "crop"]
    # A second crop reading the task input would cut the first one's result at the input's coordinates.
    yield from ((f"{a.name}>{b.name}", a.recipe.then(b.recipe)) for a in crops for b in crops
                if not b.recipe.uses_context)


def _int_arg(b: ProgramBuilder, n: int) -> str:
    """The argument holding the integer ``n`` (0..30): its constant name, or a line or two of ``add``."""
    steps, arg = int_steps(n)
    out: list[str] = []
    for st in steps:
        out.append(b.call(st.callee, *[a.name if isinstance(a, Const) else out[a] for a in st.args]))
    return arg.name if isinstance(arg, Const) else out[arg]


def _boxes(grid: tuple) -> list[tuple[int, int, int, int, int]]:
    """A cover of the grid's non-zero cells by one-colour rectangles ``(colour, top, left, bottom, right)``:
    each uncovered cell, row-major, grows right, then down while the whole row span keeps the colour."""
    h, w = len(grid), len(grid[0])
    done = [[False] * w for _ in range(h)]
    out = []
    for i in range(h):
        for j in range(w):
            c = grid[i][j]
            if c == 0 or done[i][j]:
                continue
            r = j
            while r + 1 < w and grid[i][r + 1] == c and not done[i][r + 1]:
                r += 1
            b = i
            while b + 1 < h and all(grid[b + 1][k] == c and not done[b + 1][k] for k in range(j, r + 1)):
                b += 1
            for y in range(i, b + 1):
                for x in range(j, r + 1):
                    done[y][x] = True
            out.append((c, i, j, b, r))
    return out


def _constants(view: "_View", rule: Optional[SizeRule]) -> list[_Constant]:
    """Pieces that do not come from the input, for stacking: a canvas of each output colour in the predicted
    shape, and, when every demo output (and the predicted test shape) is the same, the *template*: the
    non-zero cells on which all demo outputs agree, drawn as a few ``fill_box`` rectangles."""
    if rule is None:
        return []
    shapes = tuple((len(g), len(g[0])) for g in view.demo_outputs) + tuple(rule.test_shapes)
    out = []
    for c in sorted(task_colours(view.demo_outputs) - {0}):
        name = const_for(c).name  # type: ignore[union-attr]
        out.append(_Constant(f"canvas({c})", tuple(((c,) * w,) * h for h, w in shapes), _CANVAS_COST,
                             lambda b, name=name: b.call("canvas", name, b.shape())))
    if len(set(shapes)) != 1:
        return out
    h, w = shapes[0]
    first = view.demo_outputs[0]
    template = tuple(tuple(v if all(o[i][j] == v for o in view.demo_outputs) else 0 for j, v in enumerate(row))
                     for i, row in enumerate(first))
    boxes = _boxes(template)
    if not boxes or len(boxes) > _MAX_TEMPLATE_BOXES or h > 30 or w > 30:
        return out

    out.append(_Constant("template", (template,) * len(shapes), _TEMPLATE_COST,
                         lambda b: _emit_grid(b, template)))
    return out


def _int_tuple(b: ProgramBuilder, values: Sequence[int]) -> str:
    """Emit the tuple of small integers ``values`` (``singleton`` then ``append``s); returns its variable."""
    names = [const_for(v).name for v in values]  # type: ignore[union-attr]
    var = b.call("singleton", names[0])
    for name in names[1:]:
        var = b.call("append", var, name)
    return var


# Keys of the input a lookup may choose its output by, simplest first: recipes on the task input, so the key
# the search computes and the key the emitted program computes come from one definition.
_T = Const("T")
_KEYS: tuple[tuple[str, Recipe], ...] = (
    ("colours", Recipe([Step("numcolors", (X,))])),
    ("ink_colour", Recipe([Step("majority_cell", (X,)), Step("mostcolor", (0,))])),
    ("ink", Recipe([Step("ink", (X,))])),
    ("objects", Recipe([Step("objects", (X, _T, _T, _T)), Step("count", (0,))])),
    ("objects4", Recipe([Step("objects", (X, _T, Const("F"), _T)), Step("count", (0,))])),
    ("symmetries", Recipe([Step("symmetry_count", (X,))])),
)


def _lookup_table(key: Recipe, view: "_View") -> Optional[dict[int, tuple]]:
    """The demo output for each key value when the key determines it, or None.

    A lookup is kept only when the same key gives the same output on every demo, at least one key value repeats
    among the demos (a table of keys that all differ explains any task and predicts nothing), the demo outputs
    are not all one grid (a constant output is the template's job), every test input's key is in the table,
    and the outputs are small enough to be drawn as a few boxes."""
    try:
        keys = [key.run(g) for g in view.demo_inputs + view.test_inputs]
    except (DSLError, ValueError, TypeError, IndexError):
        return None
    if any(not isinstance(k, int) or isinstance(k, bool) or not 0 <= k <= 30 for k in keys):
        return None
    n = len(view.demo_inputs)
    table: dict[int, tuple] = {}
    for k, o in zip(keys[:n], view.demo_outputs):
        if table.setdefault(k, o) != o:
            return None
    if len(table) == n or len(set(table.values())) < 2 or any(k not in table for k in keys[n:]):
        return None
    if sum(len(_boxes(o)) for o in set(table.values())) > _MAX_LOOKUP_BOXES:
        return None
    return table


def _emit_grid(b: ProgramBuilder, grid: tuple) -> str:
    """A constant grid as a 0 canvas of its shape with its non-zero cells drawn as ``fill_box`` rectangles."""
    var = b.call("canvas", "ZERO", b.call("vec", _int_arg(b, len(grid)), _int_arg(b, len(grid[0]))))
    for c, top, left, bottom, right in _boxes(grid):
        var = b.call("fill_box", var, const_for(c).name,  # type: ignore[union-attr]
                     b.call("vec", _int_arg(b, top), _int_arg(b, left)),
                     b.call("vec", _int_arg(b, bottom), _int_arg(b, right)))
    return var
