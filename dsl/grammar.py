"""The incremental grammar state: which tokens may come next after any prefix of a program.

One object drives the env's action masks, constrained decoding in language-model policies, and random
program sampling. A token is legal only if the program can still be completed into a well-typed program
that ends with a ``Grid`` line within the token budget, so every sequence this state allows parses and
type-checks, and the mask is never all false.

How it stays fast: legality depends only on (a) the callee and the argument types chosen so far on the
current line, (b) the *set* of types available as arguments (``Grid`` for ``I`` plus the variables' types),
and (c) whether the line must return a ``Grid`` (budget or line count running out). Masks are cached on
those keys in per-vocabulary tables shared by all states, so a warm cache makes a step a dict lookup, a
small array copy and a loop over the variables.
"""

from __future__ import annotations

from typing import Optional

import numpy as np

from dsl.program import PRIM, VAR, Line, Program, Ref
from dsl.registry import CONSTANTS, PRIMITIVES
from dsl.tokens import Vocabulary
from dsl.typecheck import bind_args, call_type, canonical
from dsl.types import GRID, Type, fits, instantiate, resolve

_MEMO_LIMIT = 500_000
# Tokens a fallback Grid line needs (callee + I) plus <eos>: the reserve kept for finishing a program.
_FINISH_RESERVE = 3


class IllegalTokenError(ValueError):
    """A token that the grammar does not allow after the current prefix."""


class _Tables:
    """Per-vocabulary data and caches shared by every grammar state."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        n = len(vocab)
        static: dict[Type, list[int]] = {GRID: [vocab.input_id]}
        for name, c in CONSTANTS.items():
            if name in vocab.index:
                static.setdefault(c.type, []).append(vocab.index[name])
        self.callees: list[tuple[int, Type, int]] = []  # (token id, canonical type, arity)
        for name, p in PRIMITIVES.items():
            if name in vocab.index:
                t = canonical(p.type)
                static.setdefault(t, []).append(vocab.index[name])
                self.callees.append((vocab.index[name], t, p.arity))
        self.static_types: list[Type] = list(static)
        self.static_masks: dict[Type, np.ndarray] = {}
        for t, ids in static.items():
            m = np.zeros(n, dtype=bool)
            m[ids] = True
            self.static_masks[t] = m
        self.base_avail = frozenset((GRID,))
        self.max_arity = max((a for _, _, a in self.callees), default=1)
        self.fill_memo: dict = {}
        self.fit_memo: dict = {}
        self.start_base: dict = {}
        self.relevant_rest: dict = {}
        self.relevant_avail: dict = {}
        self.arg_cache: dict = {}
        self.cand_cache: dict = {}
        self.arg_static: dict = {}
        self.arg_var: dict = {}
        self.static_by_head: dict = {"var": list(self.static_types)}
        for t in self.static_types:
            self.static_by_head.setdefault(_head(t), []).append(t)
        for head, ts in list(self.static_by_head.items()):
            if head != "var":
                ts.extend(t for t in self.static_types if _head(t) == "var")

    def candidates(self, avail: frozenset, expected: Type) -> list[Type]:
        """Argument types on offer for a parameter of type ``expected``: the available variable types
        first, then the static ones, keeping only those whose outer shape could match."""
        head = _head(expected)
        key = (avail, head)
        hit = self.cand_cache.get(key)
        if hit is None:
            extra = [t for t in sorted(avail, key=repr) if t not in self.static_masks
                     and (head == "var" or _head(t) in (head, "var"))]
            hit = self.cand_cache[key] = extra + self.static_by_head.get(head, [])
            if len(self.cand_cache) > _MEMO_LIMIT:
                self.cand_cache.clear()
        return hit

    def fillable(self, sig: Type, avail: frozenset, must_grid: bool) -> bool:
        """Can the remaining parameters of canonical ``sig`` be filled so that the call is well typed
        (and returns exactly ``Grid`` if ``must_grid``)?"""
        raw_key = (sig, avail, must_grid)
        hit = self.fill_memo.get(raw_key)
        if hit is not None:
            return hit
        # Only variable types that could fit some parameter matter (binding variables only ever narrows
        # what fits), so the memo is keyed on those: most variables are irrelevant to most signatures.
        avail = frozenset(t for t in avail if t not in self.static_masks and self._may_fit(t, sig))
        key = (sig, avail, must_grid)
        hit = self.fill_memo.get(key)
        if hit is not None:
            self.fill_memo[raw_key] = hit
            return hit
        params, ret = sig[1], sig[2]
        if not params:
            result = ret == GRID if must_grid else True
        elif must_grid and not fits(GRID, ret, {}):
            result = False
        else:
            # Filling is order-independent, so start with the parameter that has the fewest candidates:
            # a parameter nothing can fill rejects the signature at once.
            result = False
            inst = instantiate(sig, "s")
            options = [self.candidates(avail, p) for p in inst[1]]
            first = min(range(len(options)), key=lambda i: len(options[i]))
            for t in options[first]:
                subst: dict = {}
                if fits(instantiate(t, "a"), inst[1][first], subst):
                    rest = canonical(("Fn", tuple(resolve(p, subst) for i, p in enumerate(inst[1]) if i != first),
                                      resolve(inst[2], subst)))
                    if self.fillable(rest, avail, must_grid):
                        result = True
                        break
        if len(self.fill_memo) > _MEMO_LIMIT:
            self.fill_memo.clear()
        self.fill_memo[key] = self.fill_memo[raw_key] = result
        return result

    def _may_fit(self, t: Type, sig: Type) -> bool:
        key = (t, sig)
        hit = self.fit_memo.get(key)
        if hit is None:
            inst = instantiate(sig, "s")
            hit = any(fits(instantiate(t, "a"), p, {}) for p in inst[1])
            if len(self.fit_memo) > _MEMO_LIMIT:
                self.fit_memo.clear()
            self.fit_memo[key] = hit
        return hit

    def _start_base(self, budget: int, forced: bool) -> tuple[np.ndarray, list]:
        """Callees legal whatever the variables are, and the rest (token, signature, must_grid)."""
        base = self.start_base.get((budget, forced))
        if base is None:
            # More candidates never make a signature unfillable, so the answer for I alone settles most
            # callees once for every state; only the rest depend on the variables' types.
            base_mask = np.zeros(len(self.vocab), dtype=bool)
            rest = []
            for token, sig, arity in self.callees:
                if 1 + arity + 1 <= budget:
                    must_grid = forced or budget - 1 - arity < _FINISH_RESERVE
                    if self.fillable(sig, self.base_avail, must_grid):
                        base_mask[token] = True
                    else:
                        rest.append((token, sig, must_grid))
            base = self.start_base[(budget, forced)] = (base_mask, rest)
        return base

    def start_mask_grown(self, previous: np.ndarray, previous_avail: frozenset, avail: frozenset, budget: int,
                         forced: bool) -> np.ndarray:
        """The start mask after ``avail`` grew from ``previous_avail``: only callees a new type could fit
        can change (from illegal to legal), so only those are checked."""
        mask = previous
        for t in avail - previous_avail:
            key = (t, budget, forced)
            relevant = self.relevant_rest.get(key)
            if relevant is None:
                relevant = self.relevant_rest[key] = [r for r in self._start_base(budget, forced)[1]
                                                      if self._may_fit(t, r[1])]
            for token, sig, must_grid in relevant:
                if not mask[token] and self.fillable(sig, avail, must_grid):
                    if mask is previous:
                        mask = previous.copy()
                    mask[token] = True
        return mask

    def callable_variable_types(self, avail: frozenset, budget: int, forced: bool) -> list[Type]:
        """Function types among ``avail`` that may be called at a line start."""
        out = []
        for t in avail:
            if t[0] == "Fn":
                arity = len(t[1])
                if 1 + arity + 1 <= budget and self.fillable(
                        t, avail, forced or budget - 1 - arity < _FINISH_RESERVE):
                    out.append(t)
        return out

    def _rest_after(self, callee_type: Type, chosen: tuple, t: Type) -> Optional[Type]:
        """The canonical signature left after passing a ``t`` as the next argument, or None if it does not fit."""
        callee = instantiate(callee_type, "c")
        subst = bind_args(callee, chosen)
        k = len(chosen)
        params = callee[1]
        if subst is None or not fits(instantiate(t, f"a{k}"), params[k], subst):
            return None
        return canonical(("Fn", tuple(resolve(p, subst) for p in params[k + 1:]), resolve(callee[2], subst)))

    def arg_mask(self, callee_type: Type, chosen: tuple, avail: frozenset,
                 must_grid: bool) -> tuple[np.ndarray, frozenset]:
        """Legal tokens for the next argument: a mask over static tokens and the legal variable types.

        Cached in two levels so that new variable-type sets (every random program makes some) stay cheap:
        the static tokens whose remaining parameters can be filled from ``I`` and the static tokens alone
        are legal whatever the variables are; only the others, and the variables, look at ``avail``."""
        # Variable types that fit no parameter of the callee cannot matter: key the cache on the others,
        # so that a new, unrelated variable does not make every argument mask a miss.
        rkey = (callee_type, avail)
        relevant = self.relevant_avail.get(rkey)
        if relevant is None:
            relevant = frozenset(t for t in avail if self._may_fit(t, callee_type))
            if len(self.relevant_avail) > _MEMO_LIMIT:
                self.relevant_avail.clear()
            self.relevant_avail[rkey] = relevant
        avail = relevant | self.base_avail
        key = (callee_type, chosen, avail, must_grid)
        hit = self.arg_cache.get(key)
        if hit is not None:
            return hit
        skey = (callee_type, chosen, must_grid)
        static = self.arg_static.get(skey)
        if static is None:
            always = np.zeros(len(self.vocab), dtype=bool)
            conditional = []
            for t in self.static_types:
                rest = self._rest_after(callee_type, chosen, t)
                if rest is None:
                    continue
                if self.fillable(rest, self.base_avail, must_grid):
                    always |= self.static_masks[t]
                else:
                    conditional.append((t, rest))
            static = self.arg_static[skey] = (always, conditional)
        always, conditional = static
        mask = always
        for t, rest in conditional:
            if self.fillable(rest, avail, must_grid):
                if mask is always:
                    mask = always.copy()
                mask |= self.static_masks[t]
        var_types = set()
        for t in avail:
            vkey = (callee_type, chosen, t)
            rest = self.arg_var.get(vkey, False)
            if rest is False:
                rest = self.arg_var[vkey] = self._rest_after(callee_type, chosen, t)
            if rest is not None and (self.fillable(rest, self.base_avail, must_grid)
                                     or self.fillable(rest, avail, must_grid)):
                var_types.add(t)
        hit = (mask, frozenset(var_types))
        if len(self.arg_cache) > _MEMO_LIMIT:
            for cache in (self.arg_cache, self.arg_static, self.arg_var):
                cache.clear()
        self.arg_cache[key] = hit
        return hit


def _head(t: Type):
    """The outer shape of a type, for bucketing candidates: base types, Tup, Fn by arity, or a variable."""
    if t[0] == "Var":
        return "var"
    if t[0] == "Fn":
        return ("Fn", len(t[1]))
    if t[0] == "Tup":
        return "Tup"
    return "base"


_TABLES: dict[tuple, _Tables] = {}


def _tables_for(vocab: Vocabulary) -> _Tables:
    tables = _TABLES.get(vocab.tokens)
    if tables is None:
        tables = _TABLES[vocab.tokens] = _Tables(vocab)
    return tables


class GrammarState:
    """The parse state of a partial token sequence, with the mask of legal next tokens.

    Args:
        vocab: the token vocabulary.
        max_tokens: the token budget, ``<eos>`` included (at least 3).
        max_lines: the most lines a program may have (default: what the vocabulary's variables allow).
    """

    def __init__(self, vocab: Vocabulary, max_tokens: int = 64, max_lines: Optional[int] = None) -> None:
        if max_tokens < _FINISH_RESERVE:
            raise ValueError(f"max_tokens must be at least {_FINISH_RESERVE}")
        self.vocab = vocab
        self.max_tokens = max_tokens
        self.max_lines = min(max_lines or vocab.max_vars + 1, vocab.max_vars + 1)
        self._tables = _tables_for(vocab)
        self.tokens: list[int] = []
        self.lines: list[Line] = []
        self.var_types: list[Type] = []
        self._vars_by_type: dict[Type, list[int]] = {}
        self._avail: frozenset = frozenset((GRID,))
        self._callee: Optional[Ref] = None
        self._callee_type: Optional[Type] = None
        self._args: list[Ref] = []
        self._arg_types: list[Type] = []
        self._must_grid = False
        self.done = False
        self._mask: Optional[np.ndarray] = None
        self._start_masks: dict = {}  # (budget, forced) -> (callee mask, the avail it was computed for)

    # -- queries -------------------------------------------------------------------------------------------

    @property
    def at_line_start(self) -> bool:
        """True between lines (where ``<eos>`` or a new callee may come)."""
        return self._callee is None

    @property
    def remaining(self) -> int:
        """Tokens left in the budget."""
        return self.max_tokens - len(self.tokens)

    def legal_mask(self) -> np.ndarray:
        """Boolean mask over the vocabulary of the legal next tokens (all false once done)."""
        if self._mask is None:
            self._mask = self._compute_mask()
        return self._mask

    def is_legal(self, token: int) -> bool:
        """True if ``token`` may come next."""
        mask = self.legal_mask()
        return 0 <= token < len(mask) and bool(mask[token])

    def program(self) -> Program:
        """The finished program (only once ``<eos>`` has been accepted)."""
        if not self.done:
            raise ValueError("program is not finished")
        return Program(tuple(self.lines))

    # -- transitions ---------------------------------------------------------------------------------------

    def advance(self, token: int) -> None:
        """Accept the next token; raises :class:`IllegalTokenError` if it is not legal."""
        token = int(token)
        if self.done or not self.is_legal(token):
            name = self.vocab.tokens[token] if 0 <= token < len(self.vocab) else token
            raise IllegalTokenError(f"token {name!r} is not legal after {len(self.tokens)} tokens")
        self.tokens.append(token)
        self._mask = None
        if self._callee is None:
            if token == self.vocab.eos_id:
                self.done = True
                return
            ref = self.vocab.ref(token)
            callee_type = (canonical(PRIMITIVES[ref.name].type) if ref.kind == PRIM
                           else self.var_types[ref.name - 1])
            arity = len(callee_type[1])
            budget_before = self.remaining + 1
            self._must_grid = (len(self.lines) + 1 >= self.max_lines
                               or budget_before - 1 - arity < _FINISH_RESERVE)
            self._callee, self._callee_type = ref, callee_type
            self._args, self._arg_types = [], []
        else:
            ref = self.vocab.ref(token)
            self._args.append(ref)
            self._arg_types.append(GRID if ref.kind == "input" else
                                   self.var_types[ref.name - 1] if ref.kind == VAR else
                                   CONSTANTS[ref.name].type if ref.name in CONSTANTS else
                                   canonical(PRIMITIVES[ref.name].type))
        if len(self._args) == len(self._callee_type[1]):
            self._finish_line()

    def _finish_line(self) -> None:
        result = call_type(self._callee_type, self._arg_types)
        assert result is not None, "grammar admitted an ill-typed line"
        self.lines.append(Line(self._callee, tuple(self._args)))
        self.var_types.append(result)
        if len(self.lines) <= self.vocab.max_vars:  # the last possible line is never referenced
            self._vars_by_type.setdefault(result, []).append(self.vocab.var_offset + len(self.lines) - 1)
        if result not in self._avail:
            self._avail = self._avail | {result}
        self._callee = self._callee_type = None

    def copy(self) -> "GrammarState":
        """An independent copy (for beam search or lookahead)."""
        new = object.__new__(GrammarState)
        new.__dict__.update(self.__dict__)
        new.tokens = list(self.tokens)
        new.lines = list(self.lines)
        new.var_types = list(self.var_types)
        new._vars_by_type = {t: list(v) for t, v in self._vars_by_type.items()}
        new._args = list(self._args)
        new._arg_types = list(self._arg_types)
        new._start_masks = dict(self._start_masks)
        return new

    # -- masks ---------------------------------------------------------------------------------------------

    def _compute_mask(self) -> np.ndarray:
        if self.done:
            return np.zeros(len(self.vocab), dtype=bool)
        tables = self._tables
        n_lines = len(self.lines)
        if self._callee is None:
            if n_lines >= self.max_lines:
                mask = np.zeros(len(self.vocab), dtype=bool)
            else:
                budget = min(self.remaining, tables.max_arity + _FINISH_RESERVE + 1)
                forced = n_lines + 1 >= self.max_lines
                previous = self._start_masks.get((budget, forced))
                if previous is None:
                    previous = (tables._start_base(budget, forced)[0], tables.base_avail)
                if previous[1] is self._avail:
                    static = previous[0]
                else:
                    static = tables.start_mask_grown(previous[0], previous[1], self._avail, budget, forced)
                self._start_masks[(budget, forced)] = (static, self._avail)
                mask = static.copy()
                for t in tables.callable_variable_types(self._avail, budget, forced):
                    mask[self._vars_by_type[t]] = True  # function types only enter avail via variables
            if n_lines and self.var_types[-1] == GRID:
                mask[self.vocab.eos_id] = True
            return mask
        static, var_types = tables.arg_mask(self._callee_type, tuple(self._arg_types), self._avail,
                                            self._must_grid)
        mask = static.copy()
        for t in var_types:
            ids = self._vars_by_type.get(t)  # Grid is available through I even with no Grid variable
            if ids:
                mask[ids] = True
        return mask


def sample_program_tokens(vocab: Vocabulary, rng: np.random.Generator, max_tokens: int = 64) -> list[int]:
    """Sample a grammar-legal token sequence uniformly over the legal tokens at each step."""
    state = GrammarState(vocab, max_tokens=max_tokens)
    while not state.done:
        legal = np.flatnonzero(state.legal_mask())
        state.advance(int(legal[rng.integers(len(legal))]))
    return state.tokens
