"""The CodeIt policy: a T5 encoder-decoder that reads a task's demo pairs and writes a DSL program.

The encoder reads :func:`~agents.codeit.encoding.encode_task` words; the decoder writes DSL token ids (the
tokenizer maps them one to one, see :mod:`agents.codeit.tokenizer`). The model starts from random weights
(no hub access; ``from_pretrained`` only reads local directories written by :meth:`save_pretrained`).

Training signal: :meth:`CodeItPolicy.loss`, token cross-entropy on the program tokens (``<eos>`` included),
with label padding set to -100 so that padding never counts. Sampling: :meth:`CodeItPolicy.sample`,
ancestral sampling (no top-k/top-p) under the grammar mask of :mod:`agents.codeit.constrained`, so every
sample is a well-typed program.

Example::

    policy = CodeItPolicy(PolicyConfig.cpu(), seed=0)
    loss = policy.loss(tasks, [vocab.encode(p) for p in programs])
    samples = policy.sample(tasks, n_per_task=24)   # per task, distinct token sequences ending in <eos>
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
from transformers import LogitsProcessorList, T5Config, T5ForConditionalGeneration

from agents.codeit.constrained import GrammarLogitsProcessor
from agents.codeit.encoding import DEFAULT_MAX_TOKENS, encode_task
from agents.codeit.tokenizer import build_tokenizer, load_tokenizer, save_tokenizer
from arc_env.tasks import Task
from dsl.tokens import Vocabulary

__all__ = ["CodeItPolicy", "PolicyConfig", "resolve_device"]

POLICY_CONFIG_FILE = "codeit_policy.json"
IGNORE_INDEX = -100

Prompts = Sequence[Task] | Sequence[Sequence[str]]


@dataclass(frozen=True)
class PolicyConfig:
    """Model size and sequence caps."""

    d_model: int = 256
    d_ff: int = 1024
    num_layers: int = 3            # encoder layers
    num_decoder_layers: int = 3
    num_heads: int = 4
    dropout: float = 0.1
    max_prompt_tokens: int = DEFAULT_MAX_TOKENS
    max_program_tokens: int = 128  # decoder tokens, <eos> included: the sampling budget and the label cap

    @classmethod
    def cpu(cls) -> PolicyConfig:
        """About 1M parameters: training and sampling for one meta-iteration over 400 tasks fit in minutes on
        2 CPU cores (a d_model-256 model is ~4x slower per batch there)."""
        return cls(d_model=128, d_ff=512, num_layers=2, num_decoder_layers=2, num_heads=4, max_program_tokens=96)

    @classmethod
    def paper(cls) -> PolicyConfig:
        """CodeT5+ 220M-sized (T5-base: 12+12 layers, d_model 768, 12 heads), about 200M parameters here
        because the vocabulary is small."""
        return cls(d_model=768, d_ff=3072, num_layers=12, num_decoder_layers=12, num_heads=12, dropout=0.1,
                   max_prompt_tokens=DEFAULT_MAX_TOKENS, max_program_tokens=256)

    @classmethod
    def tiny(cls) -> PolicyConfig:
        """For tests."""
        return cls(d_model=32, d_ff=64, num_layers=1, num_decoder_layers=1, num_heads=2, dropout=0.0,
                   max_prompt_tokens=256, max_program_tokens=32)

    def t5_config(self, vocab_size: int) -> T5Config:
        """The ``T5Config`` of this size (pad 0, eos 1, decoder start 0)."""
        if self.d_model % self.num_heads:
            raise ValueError("d_model must be a multiple of num_heads")
        return T5Config(vocab_size=vocab_size, d_model=self.d_model, d_kv=self.d_model // self.num_heads,
                        d_ff=self.d_ff, num_layers=self.num_layers, num_decoder_layers=self.num_decoder_layers,
                        num_heads=self.num_heads, dropout_rate=self.dropout, feed_forward_proj="relu",
                        pad_token_id=0, eos_token_id=1, decoder_start_token_id=0)


def resolve_device(device: str | torch.device | None = "cpu") -> torch.device:
    """``None``/``"cpu"`` -> CPU; ``"auto"`` -> CUDA if available; ``"cuda[:k]"`` -> CUDA, or CPU (with a
    warning) when no GPU is available."""
    if device is None:
        return torch.device("cpu")
    if str(device) == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    device = torch.device(device)
    if device.type == "cuda" and not torch.cuda.is_available():
        warnings.warn("CUDA requested but not available; using the CPU")
        return torch.device("cpu")
    return device


class CodeItPolicy:
    """A T5 model with its tokenizer and DSL vocabulary."""

    def __init__(self, config: PolicyConfig = PolicyConfig(), vocab: Vocabulary | None = None,
                 device: str | torch.device | None = "cpu", seed: int | None = None,
                 _tokenizer=None, _model: T5ForConditionalGeneration | None = None) -> None:
        """A randomly initialised policy (``seed`` fixes the weights); the private arguments serve loading."""
        self.config = config
        self.vocab = vocab if vocab is not None else Vocabulary.from_registry()
        self.tokenizer = _tokenizer if _tokenizer is not None else build_tokenizer(self.vocab)
        if _model is None:
            with torch.random.fork_rng(devices=[]):
                if seed is not None:
                    torch.manual_seed(seed)
                _model = T5ForConditionalGeneration(config.t5_config(len(self.tokenizer)))
        if _model.config.vocab_size != len(self.tokenizer):
            raise ValueError("model vocabulary size does not match the tokenizer")
        self.device = resolve_device(device)
        self.model = _model.to(self.device)

    # -- persistence ---------------------------------------------------------------------------------------

    def save_pretrained(self, directory: str | Path) -> None:
        """Write the T5 checkpoint, the tokenizer, ``dsl_vocab.json`` and the policy config."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        self.model.save_pretrained(str(directory))
        save_tokenizer(self.tokenizer, self.vocab, directory)
        (directory / POLICY_CONFIG_FILE).write_text(json.dumps(asdict(self.config), indent=1))

    @classmethod
    def from_pretrained(cls, directory: str | Path,
                        device: str | torch.device | None = "cpu") -> CodeItPolicy:
        """Load a policy written by :meth:`save_pretrained` (a local directory)."""
        directory = Path(directory)
        tokenizer, vocab = load_tokenizer(directory)
        config_path = directory / POLICY_CONFIG_FILE
        try:
            config = PolicyConfig(**json.loads(config_path.read_text()))
        except (OSError, ValueError, TypeError) as exc:
            raise ValueError(f"{config_path}: missing or invalid ({exc})") from exc
        model = T5ForConditionalGeneration.from_pretrained(str(directory))
        # Overwritten weight bytes can still load; they would fail an epoch later as inf/nan probabilities.
        bad = [name for name, p in model.state_dict().items() if p.is_floating_point() and not torch.isfinite(p).all()]
        if bad:
            raise ValueError(f"{directory}: weights hold inf/nan ({', '.join(bad[:3])}); the model file is corrupted")
        return cls(config, vocab, device=device, _tokenizer=tokenizer, _model=model)

    def to(self, device: str | torch.device) -> CodeItPolicy:
        """Move the model to ``device``."""
        self.device = resolve_device(device)
        self.model.to(self.device)
        return self

    def num_parameters(self) -> int:
        """Number of distinct parameters (tied embeddings counted once)."""
        return sum(p.numel() for p in self.model.parameters())

    # -- batches -------------------------------------------------------------------------------------------

    def prompt_tokens(self, tasks: Prompts) -> list[list[str]]:
        """Prompt words per item: tasks are encoded, word lists are cut to ``max_prompt_tokens``."""
        cap = self.config.max_prompt_tokens
        return [encode_task(t, cap) if isinstance(t, Task) else list(t)[:cap] for t in tasks]

    def encode_prompts(self, tasks: Prompts) -> dict[str, torch.Tensor]:
        """``input_ids`` and ``attention_mask`` (right-padded with ``<pad>``) on the policy's device."""
        texts = [" ".join(p) for p in self.prompt_tokens(tasks)]
        enc = self.tokenizer(texts, padding=True, return_tensors="pt", add_special_tokens=False)
        return {"input_ids": enc["input_ids"].to(self.device), "attention_mask": enc["attention_mask"].to(self.device)}

    def make_batch(self, prompts: Prompts, programs: Sequence[Sequence[int]]) -> dict[str, torch.Tensor]:
        """A training batch: prompts plus ``labels`` (programs cut to ``max_program_tokens``, padded with -100)."""
        if len(prompts) != len(programs):
            raise ValueError("need one program per prompt")
        batch = self.encode_prompts(prompts)
        cut = [list(p)[: self.config.max_program_tokens] for p in programs]
        labels = torch.full((len(cut), max(map(len, cut))), IGNORE_INDEX, dtype=torch.long)
        for i, p in enumerate(cut):
            labels[i, : len(p)] = torch.tensor(p, dtype=torch.long)
        batch["labels"] = labels.to(self.device)
        return batch

    def batch_loss(self, batch: dict[str, torch.Tensor]) -> torch.Tensor:
        """Mean token cross-entropy over the non-ignored labels of a :meth:`make_batch` batch."""
        return self.model(**batch).loss

    def loss(self, prompts: Prompts, programs: Sequence[Sequence[int]]) -> torch.Tensor:
        """Seq2seq cross-entropy of ``programs`` (token ids ending with ``<eos>``) given the prompts."""
        return self.batch_loss(self.make_batch(prompts, programs))

    # -- sampling ------------------------------------------------------------------------------------------

    @torch.no_grad()
    def sample(self, tasks: Prompts, n_per_task: int, temperature: float = 0.95,
               max_new_tokens: int | None = None, batch_size: int = 96,
               seed: int | None = None) -> list[list[list[int]]]:
        """Per task, up to ``n_per_task`` distinct programs (token ids ending with ``<eos>``, in first-sampled
        order; duplicates are dropped, so fewer may come back).

        Ancestral sampling at ``temperature`` with no top-k/top-p, under the grammar mask, at most
        ``max_new_tokens`` tokens (default ``max_program_tokens``). A ``generate`` call holds about
        ``batch_size`` sequences: whole tasks (tasks sorted by prompt length), or part of one task's samples.
        ``seed`` makes the draw reproducible without touching the global RNG state.

        Cost: a call runs until its longest sample ends, and cross-attention reads each sample's own copy of
        its (padded) prompt's keys and values every step, so time ~ rows x longest sample x longest prompt.
        Pass many tasks per call: they are grouped by prompt length.
        """
        max_new = max_new_tokens or self.config.max_program_tokens
        prompts = self.prompt_tokens(tasks)
        order = sorted(range(len(prompts)), key=lambda i: len(prompts[i]))
        per_call = max(1, min(n_per_task, batch_size))
        tasks_per_call = max(1, batch_size // per_call)
        results: list[list[list[int]]] = [[] for _ in prompts]
        seen: list[set] = [set() for _ in prompts]
        was_training = self.model.training
        self.model.eval()
        devices = [self.device] if self.device.type == "cuda" else []
        try:
            with torch.random.fork_rng(devices=devices, enabled=seed is not None):
                if seed is not None:
                    torch.manual_seed(seed)
                for start in range(0, len(order), tasks_per_call):
                    group = order[start:start + tasks_per_call]
                    enc = self.encode_prompts([prompts[i] for i in group])
                    for done in range(0, n_per_task, per_call):
                        k = min(per_call, n_per_task - done)
                        out = self.model.generate(
                            **enc, do_sample=True, temperature=temperature, top_k=0, top_p=1.0,
                            num_return_sequences=k, max_new_tokens=max_new,
                            logits_processor=LogitsProcessorList([GrammarLogitsProcessor(self.vocab, max_new)]),
                            pad_token_id=self.vocab.pad_id, eos_token_id=self.vocab.eos_id,
                            decoder_start_token_id=self.vocab.pad_id)
                        for row, seq in enumerate(out[:, 1:].tolist()):
                            i = group[row // k]
                            program = tuple(seq[: seq.index(self.vocab.eos_id) + 1])
                            if program not in seen[i]:
                                seen[i].add(program)
                                results[i].append(list(program))
        finally:
            self.model.train(was_training)
        return results
