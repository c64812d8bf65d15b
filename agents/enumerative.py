"""A type-directed bottom-up enumerator with observational-equivalence pruning.

The search keeps a *bank* of values per DSL type. A value is the tuple of what an expression evaluates to
on every demo input, and each value keeps the expression that first produced it. Round 0 holds the input
``I``, the named constants and every primitive as a function value. Round ``k`` applies every primitive, and
every function-valued expression built by a combinator, to every type-correct combination of bank entries
that uses at least one entry of round ``k - 1`` (so no combination is tried twice). Each combination is run
on all demo inputs under the interpreter's work and wall-clock budget (:func:`dsl.budget.budget`) and size caps. Failures
are dropped, and so is a value the bank already holds for that type: two expressions that agree on every
demo input are interchangeable for this task (observational equivalence).

Grid-valued results are compared with the demo outputs (the first demo first; once the Grid bank is full,
a result that misses the first demo is not run on the others). A result that reproduces at least one demo
becomes a candidate: its expression DAG is turned into a straight-line program (one line per shared
sub-expression), scored through :func:`arc_env.scoring.score_program`, and ranked the CodeIt way. Partial
matches are emitted once per demo-output signature (semantic deduplication); full solutions are all
emitted, since programs that agree on every demo may still differ on the tests, and the search stops after
``stop_after_solutions`` of them.

Speed: every per-demo value is interned to a small integer, so equality tests, the observational
equivalence sets and a per-demo memo of primitive applications (``(callee, argument ids) -> result id``)
are dictionary look-ups on int tuples. The memo pays off when two distinct bank values agree on some
demos (``THREE`` and ``height(I)`` on a 3x3 demo, say).
"""

from __future__ import annotations

import time
from itertools import product
from typing import Any, Optional, Union

import numpy as np

from agents.base import Agent, Budget, Candidate, rank_candidates
from arc_env.scoring import score_program
from arc_env.tasks import Task
from dsl import budget as dsl_budget
from dsl.program import CONST, I_REF, PRIM, VAR, Line, Program, Ref
from dsl.registry import CONSTANTS, PRIMITIVES
from dsl.typecheck import canonical
from dsl.types import GRID, Type, fits, instantiate, resolve
from dsl.values import MAX_CONTAINER, MAX_VALUE_CELLS, value_size

__all__ = ["EnumerativeAgent", "Node", "node_to_program"]

_FAIL = -1
_MEMO_LIMIT = 2_000_000
_DEFAULT_EXCLUDE = frozenset({"identity"})


class Node:
    """One expression of the bank: a callee (a primitive reference or a function-valued node) applied to
    arguments (references ``I``, constants and primitives, or other nodes)."""

    __slots__ = ("args", "callee")

    def __init__(self, callee: Union[Ref, "Node"], args: tuple) -> None:
        self.callee = callee
        self.args = args


def node_to_program(root: Union[Node, Ref]) -> Program:
    """The straight-line program computing ``root``: one line per distinct node, shared nodes once."""
    lines: list[Line] = []
    index: dict[int, int] = {}

    def visit(n: Union[Node, Ref]) -> Ref:
        if isinstance(n, Ref):
            return n
        k = index.get(id(n))
        if k is not None:
            return Ref(VAR, k)
        callee = visit(n.callee) if isinstance(n.callee, Node) else n.callee
        args = tuple(visit(a) for a in n.args)
        lines.append(Line(callee, args))
        index[id(n)] = len(lines)
        return Ref(VAR, len(lines))

    if isinstance(root, Ref):
        # A bare reference is not a program; ``identity(I)`` is the one-line equivalent.
        return Program((Line(Ref(PRIM, "identity"), (root,)),))
    visit(root)
    return Program(tuple(lines))


# Types are interned to small ints so that the memo of argument steps hashes int pairs, not nested tuples.
_TYPE_IDS: dict[Type, int] = {}
_TYPES: list[Type] = []
_REST: dict[tuple[int, int], int] = {}


def _type_id(t: Type) -> int:
    k = _TYPE_IDS.get(t)
    if k is None:
        k = _TYPE_IDS[t] = len(_TYPES)
        _TYPES.append(t)
    return k


def _rest_after(sig: int, t: int) -> int:
    """The canonical signature (an id) left after passing a value of type ``t`` as the first parameter of
    the canonical signature ``sig``, or -1 if it does not fit (memoized for the process)."""
    key = (sig, t)
    hit = _REST.get(key)
    if hit is not None:
        return hit
    callee = instantiate(_TYPES[sig], "c")
    subst: dict = {}
    if fits(instantiate(_TYPES[t], "a0"), callee[1][0], subst):
        rest = canonical(("Fn", tuple(resolve(p, subst) for p in callee[1][1:]), resolve(callee[2], subst)))
        hit = _type_id(rest)
    else:
        hit = -1
    if len(_REST) > _MEMO_LIMIT:
        _REST.clear()
    _REST[key] = hit
    return hit


def _is_fn(t: Type) -> bool:
    return t[0] == "Fn"


class EnumerativeAgent(Agent):
    """Bottom-up enumeration of DSL expressions over the task's demo inputs, pruned by observational
    equivalence, emitting every Grid expression that reproduces a demo output.

    Args:
        seed: unused by the (deterministic) search; kept so every agent is built the same way.
        max_rounds: the most rounds (expression depth).
        max_bank_per_type: the most values kept per type (later ones are dropped; Grid results are still
            checked against the outputs).
        max_function_values: the most function values built by combinators (``compose``, ``rbind``, ...),
            over all function types: they cannot be deduplicated, so they are capped.
        stop_after_solutions: stop once this many programs reproduce every demo (0 = never stop early).
        exclude: primitives never applied (default: ``identity``, which only repeats its argument).
        calls, seconds: the interpreter budget for one primitive application on one demo.

    Budget: ``programs`` counts candidate expressions evaluated (memo hits included), ``seconds`` the wall
    time. After :meth:`solve`, ``stats`` holds ``programs``, ``seconds``, ``programs_per_second``,
    ``rounds``, ``bank_values``, ``memo_hits``, ``evaluations`` (primitive applications actually run),
    ``candidates`` and ``solutions``; ``trace`` lists ``(programs spent, candidate)``.
    """

    name = "enumerative"

    def __init__(self, seed: int = 0, max_rounds: int = 3, max_bank_per_type: int = 1000,
                 max_function_values: int = 300, stop_after_solutions: int = 3,
                 exclude: frozenset = _DEFAULT_EXCLUDE, calls: int = dsl_budget.DEFAULT_CALLS,
                 seconds: float = dsl_budget.DEFAULT_SECONDS) -> None:
        import dsl.primitives  # noqa: F401  (fills the registry)

        self.seed = seed
        self.rng = np.random.default_rng(seed)  # the search is deterministic; kept for uniformity
        self.max_rounds = max_rounds
        self.max_bank_per_type = max_bank_per_type
        self.max_function_values = max_function_values
        self.stop_after_solutions = stop_after_solutions
        self.exclude = frozenset(exclude)
        self.calls = calls
        self.expr_seconds = seconds
        self.primitives = [(name, canonical(p.type), p.fn) for name, p in sorted(PRIMITIVES.items())
                           if name not in self.exclude]
        self.trace: list[tuple[int, Candidate]] = []
        self.stats: dict[str, Any] = {}

    # -- the search state -----------------------------------------------------------------------------------

    def _reset(self, task: Task) -> None:
        self.task = task
        self.n = len(task.train)
        self.vals: list[list] = [[] for _ in range(self.n)]              # per demo: id -> value
        self.intern: dict[Type, list[dict]] = {}                          # type -> per demo: value -> id
        self.memo: list[dict] = [{} for _ in range(self.n)]              # per demo: (callee, arg ids) -> id
        self.bank_ids: dict[Type, list[tuple]] = {}                       # type -> per entry: per-demo ids
        self.bank_nodes: dict[Type, list] = {}                            # type -> per entry: Node or Ref
        self.bank_round: dict[Type, list[int]] = {}                       # type -> per entry: round
        self.seen: dict[Type, set] = {}                                   # type -> set of id tuples
        self.derived_fns: list[tuple[Type, int]] = []                     # (type, entry index) built by combinators
        self.programs = 0
        self.evaluations = 0
        self.memo_hits = 0
        self.solutions = 0
        self.candidates: list[Candidate] = []
        self.trace = []
        self._scored: set[str] = set()
        self.emitted: set[tuple] = set()  # demo-output signatures already emitted (semantic deduplication)
        self.target = tuple(self._intern(GRID, d, out) for d, out in enumerate(task.demo_outputs))

    def _intern(self, t: Type, d: int, value: Any) -> int:
        tables = self.intern.get(t)
        if tables is None:
            tables = self.intern[t] = [{} for _ in range(self.n)]
        table = tables[d]
        k = table.get(value)
        if k is None:
            k = table[value] = len(self.vals[d])
            self.vals[d].append(value)
        return k

    def _add(self, t: Type, ids: tuple, node: Union[Node, Ref], rnd: int) -> bool:
        """Add a value to the bank unless its type already holds it or is full; True if added."""
        seen = self.seen.setdefault(t, set())
        if ids in seen:
            return False
        if len(self.bank_ids.get(t, ())) >= self.max_bank_per_type:
            return False
        if _is_fn(t) and isinstance(node, Node):
            if len(self.derived_fns) >= self.max_function_values:
                return False
            self.derived_fns.append((t, len(self.bank_ids.get(t, ()))))
        seen.add(ids)
        self.bank_ids.setdefault(t, []).append(ids)
        self.bank_nodes.setdefault(t, []).append(node)
        self.bank_round.setdefault(t, []).append(rnd)
        return True

    def _seed_bank(self) -> None:
        inputs = self.task.demo_inputs
        self._add(GRID, tuple(self._intern(GRID, d, g) for d, g in enumerate(inputs)), I_REF, 0)
        for name in sorted(CONSTANTS):
            c = CONSTANTS[name]
            self._add(c.type, tuple(self._intern(c.type, d, c.value) for d in range(self.n)), Ref(CONST, name), 0)
        for name, t, fn in self.primitives:
            self._add(t, tuple(self._intern(t, d, fn) for d in range(self.n)), Ref(PRIM, name), 0)

    # -- typing ---------------------------------------------------------------------------------------------

    def _type_combos(self, ctype: Type, types: list[Type], cache: dict) -> list[tuple[tuple, Type]]:
        """Every tuple of bank types the callee accepts, with the call's result type.

        Arguments are consumed left to right: passing a ``t`` as the first parameter of a canonical
        signature leaves a canonical signature for the rest (:func:`_rest_after`, memoized for the whole
        process). ``cache`` (one per round, when the bank's types are fixed) keeps, per signature, the
        types that fit its first parameter, so shared suffixes are worked out once."""
        hit = cache.get(ctype)
        if hit is not None:
            return hit
        ids = cache.get("_ids")
        if ids is None:
            ids = cache["_ids"] = [(_type_id(t), t, t[0] == "Fn") for t in types]
        steps: dict = cache.setdefault("_steps", {})
        out: list[tuple[tuple, Type]] = []
        # Functions are passed only where the callee's declared parameter is a function type (a type
        # variable that a function could fill, as in ``lbind(f, A)``, takes data only).
        data_params = [p[0] != "Fn" for p in ctype[1]]

        def dfs(sig: int, prefix: tuple) -> None:
            signature = _TYPES[sig]
            if not signature[1]:
                out.append((prefix, signature[2]))
                return
            data_param = data_params[len(prefix)]
            key = (sig, data_param)
            options = steps.get(key)
            if options is None:
                options = []
                for tid, t, is_fn in ids:
                    if data_param and is_fn:
                        continue
                    rest = _rest_after(sig, tid)
                    if rest >= 0:
                        options.append((t, rest))
                steps[key] = options
            for t, rest in options:
                dfs(rest, prefix + (t,))

        dfs(_type_id(canonical(ctype)), ())
        cache[ctype] = out
        return out

    # -- evaluation -----------------------------------------------------------------------------------------

    def _evaluate(self, ckeys: tuple, fns: tuple, arg_ids: tuple, rtype: Type, early: bool) -> Optional[tuple]:
        """Run one call on every demo; the per-demo result ids, or None on any failure (or, with ``early``,
        when the result misses the first demo's output)."""
        n = self.n
        out = []
        for d in range(n):
            key = (ckeys[d],) + tuple(a[d] for a in arg_ids)
            memo = self.memo[d]
            r = memo.get(key)
            if r is None:
                vals = self.vals[d]
                try:
                    with dsl_budget.budget(self.calls, self.expr_seconds):  # one interpreter budget per run
                        value = fns[d](*[vals[a[d]] for a in arg_ids])
                    if type(value) in (tuple, frozenset) and (len(value) > MAX_CONTAINER
                                                              or value_size(value) > MAX_VALUE_CELLS):
                        r = _FAIL
                    else:
                        r = self._intern(rtype, d, value)
                except Exception:  # noqa: BLE001 - a failing primitive makes the expression fail
                    r = _FAIL
                self.evaluations += 1
                if len(memo) > _MEMO_LIMIT // max(1, n):
                    memo.clear()
                memo[key] = r
            else:
                self.memo_hits += 1
            if r == _FAIL:
                return None
            if early and d == 0 and r != self.target[0]:
                return None
            out.append(r)
        return tuple(out)

    def _emit(self, node: Node, ids: tuple) -> None:
        """Score a Grid expression that reproduces at least one demo; record it as a candidate."""
        program = node_to_program(node)
        score = score_program(self.task, program)
        if score.program in self._scored or score.pairs_solved == 0:
            return
        self._scored.add(score.program)
        cand = Candidate(score.program, score.demo_accuracy, self.name)
        self.candidates.append(cand)
        self.trace.append((self.programs, cand))
        if score.solves_demos:
            self.solutions += 1

    # -- the search -----------------------------------------------------------------------------------------

    def solve(self, task: Task, budget: Budget) -> list[Candidate]:
        """Enumerate until the budget, the rounds or the early-stop rule ends the search."""
        started = time.perf_counter()
        deadline = float("inf") if budget.seconds is None else started + budget.seconds
        limit = budget.programs if budget.programs is not None else 1 << 62
        self._reset(task)
        self._seed_bank()
        rounds = 0
        stop = False
        for rnd in range(1, self.max_rounds + 1):
            if stop:
                break
            stop = self._round(rnd, limit, deadline)
            rounds = rnd
        seconds = time.perf_counter() - started
        self.stats = {
            "programs": self.programs, "seconds": seconds,
            "programs_per_second": self.programs / seconds if seconds > 0 else 0.0,
            "rounds": rounds, "bank_values": sum(len(v) for v in self.bank_ids.values()),
            "bank_types": len(self.bank_ids), "memo_hits": self.memo_hits, "evaluations": self.evaluations,
            "candidates": len(self.candidates), "solutions": self.solutions,
        }
        return rank_candidates(self.candidates)

    def _callees(self, rnd: int) -> list[tuple[Type, tuple, tuple, Union[Ref, Node], bool]]:
        """(type, per-demo memo keys, per-demo functions, callee, is new) for every callee of a round."""
        n = self.n
        out = []
        for name, t, fn in self.primitives:
            out.append((t, (name,) * n, (fn,) * n, Ref(PRIM, name), False))
        for t, k in self.derived_fns:
            ids = self.bank_ids[t][k]
            fns = tuple(self.vals[d][ids[d]] for d in range(n))
            out.append((t, tuple(("fn", i) for i in ids), fns, self.bank_nodes[t][k],
                        self.bank_round[t][k] == rnd - 1))
        return out

    def _round(self, rnd: int, limit: int, deadline: float) -> bool:
        """One round of enumeration; True if the search must stop (budget, time or enough solutions)."""
        # Snapshot: entries of this round are not used in it. old = before round rnd-1, avail = up to it.
        avail = {t: len(v) for t, v in self.bank_ids.items()}
        old = {t: sum(1 for r in rs if r < rnd - 1) for t, rs in self.bank_round.items()}
        types = [t for t in sorted(avail, key=repr) if avail[t]]
        type_cache: dict = {}
        jobs = []
        for ctype, ckeys, fns, callee, callee_new in self._callees(rnd):
            for arg_types, rtype in self._type_combos(ctype, types, type_cache):
                total = 1
                olds = 1
                for t in arg_types:
                    total *= avail[t]
                    olds *= old.get(t, 0)
                count = total if callee_new else total - olds
                if count > 0:
                    jobs.append((count, len(jobs), ckeys, fns, callee, callee_new, arg_types, rtype))
        # Cheapest jobs first; among equally cheap ones, Grid-valued calls (possible answers) first.
        jobs.sort(key=lambda j: (j[0], j[7] != GRID, j[1]))
        for count, _, ckeys, fns, callee, callee_new, arg_types, rtype in jobs:
            is_grid = rtype == GRID
            if not is_grid and self._full(rtype):
                continue
            cols = [self.bank_ids[t] for t in arg_types]
            nodes = [self.bank_nodes[t] for t in arg_types]
            full = self._full(rtype)
            seen = self.seen.setdefault(rtype, set())
            target = self.target
            for combo in self._combos(arg_types, avail, old, callee_new):
                if self.programs >= limit:
                    return True
                if self.programs & 63 == 0 and time.perf_counter() >= deadline:
                    return True
                self.programs += 1
                arg_ids = tuple(col[i] for col, i in zip(cols, combo))
                ids = self._evaluate(ckeys, fns, arg_ids, rtype, early=is_grid and full)
                if ids is None:
                    continue
                if is_grid and ids == target:
                    # A full solution. Programs that agree on every demo may still differ on the tests,
                    # so solutions are not deduplicated by value (up to stop_after_solutions of them).
                    self._emit(Node(callee, tuple(col[i] for col, i in zip(nodes, combo))), ids)
                    if self.stop_after_solutions and self.solutions >= self.stop_after_solutions:
                        return True
                    continue
                if ids in seen:
                    continue
                node = Node(callee, tuple(col[i] for col, i in zip(nodes, combo)))
                if is_grid and ids not in self.emitted and (ids[0] == target[0]
                                                             or any(a == b for a, b in zip(ids, target))):
                    self.emitted.add(ids)  # partial matches: one program per demo-output signature
                    self._emit(node, ids)
                if not full and self._add(rtype, ids, node, rnd):
                    full = self._full(rtype)
                    if full and not is_grid:
                        break
        return False

    def _full(self, t: Type) -> bool:
        if len(self.bank_ids.get(t, ())) >= self.max_bank_per_type:
            return True
        return _is_fn(t) and len(self.derived_fns) >= self.max_function_values

    @staticmethod
    def _combos(arg_types: tuple, avail: dict, old: dict, callee_new: bool):
        """Index tuples into the argument banks that use at least one entry of the previous round (all
        tuples when the callee itself is new), each exactly once."""
        a = [avail[t] for t in arg_types]
        if callee_new:
            yield from product(*[range(x) for x in a])
            return
        o = [old.get(t, 0) for t in arg_types]
        for i in range(len(arg_types)):
            if o[i] >= a[i]:
                continue
            ranges = [range(o[j]) for j in range(i)] + [range(o[i], a[i])] + [range(a[j]) for j in range(i + 1, len(a))]
            yield from product(*ranges)
