"""Type-consistent depth-1 mutation of programs (CodeIt's "Mutation d1" augmentation).

One mutation changes one line of a program with one of the paper's operators, chosen with these default
weights (:class:`MutationWeights`):

- **replace argument** (0.5): pick one argument of the line. With probability ``insert_new_line`` (0.5)
  insert a *new line* just before it whose right-hand side is a freshly sampled call producing the
  argument's type; later variables are renumbered and the new variable becomes the argument. Otherwise
  substitute a different term: ``I``, an earlier variable, a constant, or a primitive used as a value.
- **replace function** (0.25): swap the callee for another primitive, or a function-typed earlier variable,
  with the same arity that accepts the line's arguments.
- **replace right-hand side** (0.25): a freshly sampled call whose output type fits the line's old type.

"Compatible" means exactly what :func:`dsl.typecheck.typecheck` accepts: candidates are pre-filtered
with :func:`dsl.types.fits` / :func:`dsl.typecheck.call_type` and every result is re-type-checked as a whole
(so the output line stays a ``Grid`` and every later use of a changed variable still fits). A freshly
sampled call is depth 1: its own arguments are terms (``I``, earlier variables, constants, primitives as
values), never nested calls.

Sampling is deterministic given a ``numpy.random.Generator``: candidate lists follow registry and line order,
never set or hash order. Where a choice is made among terms, a *category* (variables incl. ``I``,
constants, primitives) is drawn uniformly first and then a term within it, so the 200-odd primitives do not
swamp the few variables when a parameter is polymorphic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

import dsl.primitives  # noqa: F401  (fills the registry)
from dsl.program import CONST, I_REF, PRIM, VAR, Line, Program, Ref
from dsl.registry import CONSTANTS, PRIMITIVES
from dsl.tokens import DEFAULT_MAX_VARS
from dsl.typecheck import TypeCheckError, call_type, canonical, ref_type, typecheck
from dsl.types import GRID, Type, fits, instantiate, resolve

__all__ = [
    "OPERATORS",
    "Mutation",
    "MutationError",
    "MutationWeights",
    "apply_operator",
    "mutate",
    "mutate_detailed",
    "renumber_insert",
]

OPERATORS = ("replace_argument", "insert_new_line", "replace_function", "replace_rhs")

#: Programs never grow beyond what the token vocabulary can name (x1..x63 plus O).
MAX_MUTANT_LINES = DEFAULT_MAX_VARS + 1
#: How many callees a fresh-call sampler tries before giving up on one operator application.
MAX_CALLEES = 40


class MutationError(ValueError):
    """No well-typed mutant was found within the retry bound."""


@dataclass(frozen=True)
class MutationWeights:
    """Operator weights (the paper's defaults). The first three are relative weights of the operators;
    ``insert_new_line`` is the probability, within *replace argument*, of inserting a new line."""

    replace_argument: float = 0.5
    replace_function: float = 0.25
    replace_rhs: float = 0.25
    insert_new_line: float = 0.5

    def __post_init__(self) -> None:
        ws = (self.replace_argument, self.replace_function, self.replace_rhs)
        if min(ws) < 0 or sum(ws) <= 0:
            raise ValueError("operator weights must be >= 0 with a positive sum")
        if not 0.0 <= self.insert_new_line <= 1.0:
            raise ValueError("insert_new_line is a probability in [0, 1]")


@dataclass(frozen=True)
class Mutation:
    """A mutant with what made it: the operator (one of :data:`OPERATORS`) and the 1-based parent line."""

    program: Program
    operator: str
    line: int


# --------------------------------------------------------------------------------------------------- terms


def _head(t: Type):
    """Outer shape of a type: ``"var"``, ``"Tup"``, ``("Fn", arity)`` or ``"base"``."""
    k = t[0]
    if k == "Var":
        return "var"
    if k == "Tup":
        return "Tup"
    if k == "Fn":
        return ("Fn", len(t[1]))
    return "base"


def _heads_meet(a, b) -> bool:
    """Necessary condition for a type of head ``a`` to fit one of head ``b`` (a cheap pre-filter)."""
    return a == b or a == "var" or b == "var"


_STATIC: dict = {}


def _static_terms() -> tuple[list, list, list]:
    """Constants and primitives as ``(ref, canonical type, head)``, plus primitive callees (registry order)."""
    key = (len(PRIMITIVES), len(CONSTANTS))
    hit = _STATIC.get(key)
    if hit is None:
        consts = [(Ref(CONST, n), c.type, _head(c.type)) for n, c in CONSTANTS.items()]
        prims = []
        for n, p in PRIMITIVES.items():
            t = canonical(p.type)
            prims.append((Ref(PRIM, n), t, _head(t)))
        _STATIC.clear()
        hit = _STATIC[key] = (consts, prims, prims)
    return hit


def _variables(var_types: Sequence[Type], upto: int) -> list:
    """``I`` and the variables ``x1..x<upto>`` as ``(ref, type, head)``."""
    out = [(I_REF, GRID, "base")]
    for k in range(1, upto + 1):
        t = var_types[k - 1]
        out.append((Ref(VAR, k), t, _head(t)))
    return out


def _category_order(rng: np.random.Generator, groups: Sequence[list]) -> Iterator:
    """Yield the items of ``groups`` in random order without replacement: each draw picks a non-empty
    group uniformly, then an item of it uniformly."""
    pools = [list(g) for g in groups if g]
    while pools:
        gi = int(rng.integers(len(pools))) if len(pools) > 1 else 0
        pool = pools[gi]
        item = pool.pop(int(rng.integers(len(pool))))
        if not pool:
            pools.pop(gi)
        yield item


def _fitting(terms: Sequence, expected: Type, subst: dict, tag: str) -> list:
    """The terms whose type fits ``expected`` under ``subst``: ``(ref, type, extended substitution)``."""
    eh = _head(resolve(expected, subst))
    out = []
    for ref, t, h in terms:
        if not _heads_meet(h, eh):
            continue
        s = dict(subst)
        if fits(instantiate(t, tag), expected, s):
            out.append((ref, t, s))
    return out


def _well_typed(lines: Sequence[Line]) -> list | None:
    """The line types of a candidate program, or None if it does not type-check (or grows too long)."""
    if len(lines) > MAX_MUTANT_LINES:
        return None
    try:
        return typecheck(Program(tuple(lines)))
    except TypeCheckError:
        return None


# --------------------------------------------------------------------------------------------------- fresh calls


def _sample_call(rng: np.random.Generator, target: Type, var_types: Sequence[Type], upto: int,
                 accept: Callable[[Line], bool]) -> Line | None:
    """A freshly sampled depth-1 call usable where ``target`` is expected, built from ``I``, ``x1..x<upto>``,
    constants and primitives, that ``accept`` takes; None if none was found within :data:`MAX_CALLEES`."""
    consts, prims, prim_callees = _static_terms()
    variables = _variables(var_types, upto)
    callees = [(ref, t) for ref, t, _ in prim_callees]
    callees += [(ref, t) for ref, t, h in variables if isinstance(h, tuple) and h[1] > 0]
    target_t = instantiate(target, "t")
    tried = 0
    for idx in rng.permutation(len(callees)):
        ref, ctype = callees[int(idx)]
        callee = instantiate(ctype, "c")
        subst: dict = {}
        if not fits(callee[2], target_t, subst):
            continue
        tried += 1
        if tried > MAX_CALLEES:
            return None
        args: list[Ref] = []
        for k, param in enumerate(callee[1]):
            groups = [_fitting(g, param, subst, f"a{k}") for g in (variables, consts, prims)]
            choice = next(_category_order(rng, groups), None)
            if choice is None:
                break
            args.append(choice[0])
            subst = choice[2]
        else:
            line = Line(ref, tuple(args))
            if call_type(ctype, [ref_type(a, var_types) for a in args]) is not None and accept(line):
                return line
    return None


# --------------------------------------------------------------------------------------------------- operators


def renumber_insert(program: Program, index: int, new_line: Line) -> list[Line]:
    """Insert ``new_line`` so that it becomes line ``index + 1`` (``x<index+1>``); references to
    ``x<index+1>`` and later variables in the following lines are shifted up by one."""

    def shift(ref: Ref) -> Ref:
        return Ref(VAR, ref.name + 1) if ref.kind == VAR and ref.name > index else ref

    lines = list(program.lines[:index]) + [new_line]
    for line in program.lines[index:]:
        lines.append(Line(shift(line.callee), tuple(shift(a) for a in line.args)))
    return lines


def _replace_argument(program: Program, var_types: list, j: int, rng: np.random.Generator,
                      insert: bool) -> Program | None:
    line = program.lines[j]
    if not line.args:
        return None
    k = int(rng.integers(len(line.args)))
    old = line.args[k]
    if insert:
        if len(program) + 1 > MAX_MUTANT_LINES:
            return None
        arg_type = ref_type(old, var_types)
        existing = set(program.lines[:j])
        found: list = []

        def accept(new_line: Line) -> bool:
            if new_line in existing:  # an exact copy of an earlier line adds nothing
                return False
            lines = renumber_insert(program, j, new_line)
            mutated = lines[j + 1]
            args = list(mutated.args)
            args[k] = Ref(VAR, j + 1)
            lines[j + 1] = Line(mutated.callee, tuple(args))
            if _well_typed(lines) is None:
                return False
            found.append(lines)
            return True

        if _sample_call(rng, arg_type, var_types, j, accept) is None:
            return None
        return Program(tuple(found[-1]))
    consts, prims, _ = _static_terms()
    callee_type = ref_type(line.callee, var_types)
    param_head = _head(callee_type[1][k])
    arg_types = [ref_type(a, var_types) for a in line.args]
    groups = [[(r, t) for r, t, h in g if r != old and _heads_meet(h, param_head)]
              for g in (_variables(var_types, j), consts, prims)]
    for ref, t in _category_order(rng, groups):
        new_types = list(arg_types)
        new_types[k] = t
        if call_type(callee_type, new_types) is None:
            continue
        args = list(line.args)
        args[k] = ref
        lines = list(program.lines)
        lines[j] = Line(line.callee, tuple(args))
        if _well_typed(lines) is not None:
            return Program(tuple(lines))
    return None


def _replace_function(program: Program, var_types: list, j: int, rng: np.random.Generator) -> Program | None:
    line = program.lines[j]
    n = len(line.args)
    _, _, prim_callees = _static_terms()
    arg_types = [ref_type(a, var_types) for a in line.args]
    options = [(ref, t) for ref, t, _ in prim_callees if len(t[1]) == n and ref != line.callee]
    options += [(ref, t) for ref, t, h in _variables(var_types, j)
                if h == ("Fn", n) and ref != line.callee]
    for idx in rng.permutation(len(options)):
        ref, t = options[int(idx)]
        if call_type(t, arg_types) is None:
            continue
        lines = list(program.lines)
        lines[j] = Line(ref, line.args)
        if _well_typed(lines) is not None:
            return Program(tuple(lines))
    return None


def _replace_rhs(program: Program, var_types: list, j: int, rng: np.random.Generator) -> Program | None:
    old = program.lines[j]

    def accept(new_line: Line) -> bool:
        if new_line == old:
            return False
        lines = list(program.lines)
        lines[j] = new_line
        return _well_typed(lines) is not None

    new = _sample_call(rng, var_types[j], var_types, j, accept)
    if new is None:
        return None
    lines = list(program.lines)
    lines[j] = new
    return Program(tuple(lines))


def apply_operator(program: Program, operator: str, line: int, rng: np.random.Generator,
                   var_types: list | None = None) -> Program | None:
    """Apply one operator to line ``line`` (1-based); the well-typed mutant, or None if this try found none.

    ``operator`` is one of :data:`OPERATORS` (``insert_new_line`` is *replace argument* with a new line).
    ``var_types`` (the parent's line types from :func:`typecheck`) may be passed to skip re-checking it.
    """
    if var_types is None:
        var_types = typecheck(program)
    if not 1 <= line <= len(program):
        raise ValueError(f"line {line} out of range 1..{len(program)}")
    j = line - 1
    if operator == "replace_argument":
        out = _replace_argument(program, var_types, j, rng, insert=False)
    elif operator == "insert_new_line":
        out = _replace_argument(program, var_types, j, rng, insert=True)
    elif operator == "replace_function":
        out = _replace_function(program, var_types, j, rng)
    elif operator == "replace_rhs":
        out = _replace_rhs(program, var_types, j, rng)
    else:
        raise ValueError(f"unknown operator {operator!r}; expected one of {OPERATORS}")
    if out is None or out == program:
        return None
    types = typecheck(out)  # the final guard: raises if an operator ever let an ill-typed mutant through
    assert types[-1] == GRID
    return out


# --------------------------------------------------------------------------------------------------- entry points


def _choose_operator(rng: np.random.Generator, w: MutationWeights) -> str:
    weights = np.array([w.replace_argument, w.replace_function, w.replace_rhs], dtype=float)
    op = ("replace_argument", "replace_function", "replace_rhs")[int(rng.choice(3, p=weights / weights.sum()))]
    if op == "replace_argument" and rng.random() < w.insert_new_line:
        op = "insert_new_line"
    return op


def mutate_detailed(program: Program, rng: np.random.Generator, weights: MutationWeights = MutationWeights(),
                    max_tries: int = 32) -> Mutation:
    """Like :func:`mutate`, but also says which operator changed which line."""
    var_types = typecheck(program)
    for _ in range(max_tries):
        line = int(rng.integers(len(program))) + 1
        op = _choose_operator(rng, weights)
        out = apply_operator(program, op, line, rng, var_types)
        if out is not None:
            return Mutation(out, op, line)
    raise MutationError(f"no well-typed mutant in {max_tries} tries")


def mutate(program: Program, rng: np.random.Generator, weights: MutationWeights = MutationWeights(),
           max_tries: int = 32) -> Program:
    """A depth-1 mutant of ``program``: one line changed by one operator, well typed, output still a Grid.

    Each try picks a line uniformly and an operator by ``weights``; a try that finds no well-typed mutant
    is retried, up to ``max_tries`` times, then :class:`MutationError` is raised. Deterministic given ``rng``.
    An ill-typed ``program`` raises :class:`dsl.typecheck.TypeCheckError`.
    """
    return mutate_detailed(program, rng, weights, max_tries).program
