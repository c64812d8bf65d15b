"""Grammar-constrained decoding: a ``LogitsProcessor`` that only lets well-typed programs through.

One :class:`~dsl.grammar.GrammarState` follows each row of the generation batch (``num_return_sequences``
rows per prompt). Before every step the row's state is advanced with the token sampled last (the decoder
start token, ``<pad>`` = 0, opens every row and is skipped), and every logit the grammar forbids becomes
``-inf``; ids beyond the DSL vocabulary (prompt-only words) are always forbidden. A finished row may only
emit ``<pad>`` or ``<eos>`` (``generate`` pads it anyway), so a row's probabilities are never all zero.
The grammar's token budget equals ``max_new_tokens``, so every row finishes, with ``<eos>``, in time.

Use a fresh processor for every ``generate`` call.
"""

from __future__ import annotations

import numpy as np
import torch
from transformers import LogitsProcessor

from dsl.grammar import GrammarState
from dsl.tokens import Vocabulary

__all__ = ["GrammarLogitsProcessor"]


class GrammarLogitsProcessor(LogitsProcessor):
    """Masks the logits of tokens that the DSL grammar does not allow next."""

    def __init__(self, vocab: Vocabulary, max_new_tokens: int, start_length: int = 1) -> None:
        """``start_length``: decoder tokens present before the first generated one (1: the start token)."""
        self.vocab = vocab
        self.max_new_tokens = max_new_tokens
        self.start_length = start_length
        self.states: list[GrammarState] = []
        self._done_mask = np.zeros(len(vocab), dtype=bool)
        self._done_mask[[vocab.pad_id, vocab.eos_id]] = True

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        batch, length = input_ids.shape
        if not self.states:
            self.states = [GrammarState(self.vocab, max_tokens=self.max_new_tokens) for _ in range(batch)]
        if len(self.states) != batch:
            raise ValueError(f"batch changed from {len(self.states)} to {batch}; use a fresh processor")
        n_generated = length - self.start_length
        last = input_ids[:, -1].tolist() if n_generated > 0 else [None] * batch
        masks = np.zeros((batch, scores.shape[-1]), dtype=bool)
        for row, (state, token) in enumerate(zip(self.states, last)):
            if not state.done and token is not None and len(state.tokens) < n_generated:
                state.advance(token)
            masks[row, : len(self.vocab)] = self._done_mask if state.done else state.legal_mask()
        allowed = torch.from_numpy(masks).to(scores.device)
        return scores.masked_fill(~allowed, float("-inf"))
