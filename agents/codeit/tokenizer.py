"""One word-level tokenizer for both sides of the policy: prompt words and program tokens.

Ids ``0 .. len(vocab)-1`` are the DSL :class:`~dsl.tokens.Vocabulary` ids unchanged (``0 <pad>``,
``1 <eos>``), so a program token id *is* a model token id; the task-encoding words
(:func:`agents.codeit.encoding.encoding_vocabulary`) follow, then ``<unk>``. Text is split on whitespace
only; no special tokens are added (a prompt is exactly its words).
"""

from __future__ import annotations

from pathlib import Path

from tokenizers import Tokenizer
from tokenizers.models import WordLevel
from tokenizers.pre_tokenizers import WhitespaceSplit
from transformers import PreTrainedTokenizerFast

from agents.codeit.encoding import encoding_vocabulary
from dsl.tokens import EOS, PAD, Vocabulary

__all__ = ["DSL_VOCAB_FILE", "UNK", "build_tokenizer", "check_tokenizer", "load_tokenizer", "save_tokenizer"]

UNK = "<unk>"
DSL_VOCAB_FILE = "dsl_vocab.json"


def build_tokenizer(vocab: Vocabulary) -> PreTrainedTokenizerFast:
    """A fast tokenizer whose first ``len(vocab)`` ids are the DSL vocabulary's, then the encoding words."""
    words = list(vocab.tokens) + encoding_vocabulary() + [UNK]
    clash = set(vocab.tokens) & set(words[len(vocab):])
    if clash or len(set(words)) != len(words):
        raise ValueError(f"encoding words clash with DSL tokens: {sorted(clash)[:10]}")
    tok = Tokenizer(WordLevel({w: i for i, w in enumerate(words)}, unk_token=UNK))
    tok.pre_tokenizer = WhitespaceSplit()
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, pad_token=PAD, eos_token=EOS, unk_token=UNK)
    check_tokenizer(fast, vocab)
    return fast


def check_tokenizer(tokenizer: PreTrainedTokenizerFast, vocab: Vocabulary) -> None:
    """Raise ``ValueError`` unless every DSL token has its vocabulary id in ``tokenizer``."""
    ids = tokenizer.convert_tokens_to_ids(list(vocab.tokens))
    if ids != list(range(len(vocab))) or tokenizer.pad_token_id != vocab.pad_id or tokenizer.eos_token_id != vocab.eos_id:
        raise ValueError("tokenizer does not match the DSL vocabulary")


def save_tokenizer(tokenizer: PreTrainedTokenizerFast, vocab: Vocabulary, directory: str | Path) -> None:
    """Write the tokenizer files and ``dsl_vocab.json`` into ``directory``."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    tokenizer.save_pretrained(str(directory))
    vocab.save(directory / DSL_VOCAB_FILE)


def load_tokenizer(directory: str | Path) -> tuple[PreTrainedTokenizerFast, Vocabulary]:
    """Read what :func:`save_tokenizer` wrote; the two are checked against each other."""
    directory = Path(directory)
    for name in (DSL_VOCAB_FILE, "tokenizer.json"):
        if not (directory / name).is_file():
            # Without tokenizer.json transformers falls back to a slow tokenizer and asks for sentencepiece.
            raise FileNotFoundError(f"{directory / name}: missing (a policy directory needs it)")
    vocab = Vocabulary.load(directory / DSL_VOCAB_FILE)
    tokenizer = PreTrainedTokenizerFast.from_pretrained(str(directory))
    check_tokenizer(tokenizer, vocab)
    return tokenizer, vocab
