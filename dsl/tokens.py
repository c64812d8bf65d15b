"""The token vocabulary: one token sequence per program, shared by the env and by language-model policies.

A program is the sequence, line by line, of the callee token followed by its argument tokens, then
``<eos>``. Variables are implicit: line ``k`` defines ``x<k>``, so no ``=``, parentheses or commas are
needed (arity comes from the callee's type). Token ids::

    0 <pad>   1 <eos>   2 I   3.. x1..x<max_vars>   then constants, then primitives (each sorted by name)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence, Union

from dsl.program import CONST, INPUT, PRIM, VAR, Program, Ref
from dsl.registry import CONSTANTS, PRIMITIVES

PAD = "<pad>"
EOS = "<eos>"
DEFAULT_MAX_VARS = 63


class Vocabulary:
    """Token names and ids for programs; saves to and loads from JSON."""

    pad_id = 0
    eos_id = 1
    input_id = 2
    var_offset = 3

    def __init__(self, tokens: Sequence[str], max_vars: int) -> None:
        self.tokens: tuple[str, ...] = tuple(tokens)
        self.max_vars = max_vars
        self.index = {t: i for i, t in enumerate(self.tokens)}
        if len(self.index) != len(self.tokens):
            raise ValueError("duplicate tokens in vocabulary")
        expected_head = [PAD, EOS, "I"] + [f"x{k}" for k in range(1, max_vars + 1)]
        if list(self.tokens[: len(expected_head)]) != expected_head:
            raise ValueError("vocabulary must start with <pad>, <eos>, I, x1..x<max_vars>")
        unknown = [t for t in self.tokens[len(expected_head):] if t not in PRIMITIVES and t not in CONSTANTS]
        if unknown:
            raise ValueError(f"vocabulary names unknown DSL symbols: {unknown[:10]}")
        self._refs: list = [None, None, Ref(INPUT)] + [Ref(VAR, k) for k in range(1, max_vars + 1)]
        for t in self.tokens[len(expected_head):]:
            self._refs.append(Ref(PRIM, t) if t in PRIMITIVES else Ref(CONST, t))

    @classmethod
    def from_registry(cls, max_vars: int = DEFAULT_MAX_VARS) -> "Vocabulary":
        """The vocabulary of every registered constant and primitive."""
        import dsl.primitives  # noqa: F401  (fills the registry)

        head = [PAD, EOS, "I"] + [f"x{k}" for k in range(1, max_vars + 1)]
        return cls(head + sorted(CONSTANTS) + sorted(PRIMITIVES), max_vars)

    def __len__(self) -> int:
        return len(self.tokens)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Vocabulary) and self.tokens == other.tokens

    def __hash__(self) -> int:
        return hash(self.tokens)

    def ref(self, token_id: int) -> Ref:
        """The reference a (non-special) token stands for."""
        ref = self._refs[token_id]
        if ref is None:
            raise ValueError(f"token {token_id} ({self.tokens[token_id]}) is not a reference")
        return ref

    def token_of(self, ref: Ref) -> int:
        """The token id of a reference."""
        return self.index[ref.text]

    def encode(self, program: Program) -> list[int]:
        """Token ids of a program, ending with ``<eos>``."""
        if len(program.lines) > self.max_vars + 1:
            raise ValueError(f"program has {len(program.lines)} lines; the vocabulary allows {self.max_vars + 1}")
        ids = []
        for line in program.lines:
            ids.append(self.token_of(line.callee))
            ids.extend(self.token_of(a) for a in line.args)
        ids.append(self.eos_id)
        return ids

    def decode(self, ids: Sequence[int]) -> Program:
        """The program a token sequence spells; raises ``ValueError`` if it is not grammar-legal."""
        from dsl.grammar import GrammarState

        state = GrammarState(self, max_tokens=max(len(ids), 3))
        for t in ids:
            state.advance(int(t))
            if state.done:
                break
        if not state.done:
            raise ValueError("token sequence ends before <eos>")
        return state.program()

    def save(self, path: Union[str, Path]) -> None:
        """Write the vocabulary as JSON."""
        Path(path).write_text(json.dumps({"max_vars": self.max_vars, "tokens": list(self.tokens)}, indent=0))

    @classmethod
    def load(cls, path: Union[str, Path]) -> "Vocabulary":
        """Read a vocabulary written by :meth:`save` (checked against the registry)."""
        import dsl.primitives  # noqa: F401

        data = json.loads(Path(path).read_text())
        return cls(data["tokens"], int(data["max_vars"]))
