"""The CodeIt agent's policy stack: task encoding, tokenizer, T5 policy and grammar-constrained decoding.

Names are imported lazily, so ``import agents.codeit.encoding`` does not pull in torch or transformers.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "DEFAULT_MAX_TOKENS": "encoding", "decode_pairs": "encoding", "encode_task": "encoding",
    "encoding_vocabulary": "encoding",
    "build_tokenizer": "tokenizer", "load_tokenizer": "tokenizer", "save_tokenizer": "tokenizer",
    "CodeItPolicy": "policy", "PolicyConfig": "policy", "resolve_device": "policy",
    "GrammarLogitsProcessor": "constrained",
}

__all__ = [
    "DEFAULT_MAX_TOKENS", "CodeItPolicy", "GrammarLogitsProcessor", "PolicyConfig", "build_tokenizer", "decode_pairs",
    "encode_task", "encoding_vocabulary", "load_tokenizer", "resolve_device", "save_tokenizer",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
