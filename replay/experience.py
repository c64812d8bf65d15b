"""One replay-buffer entry (a hindsight-relabelled task) and the pluggable priority functions.

Design
------
An :class:`Experience` is immutable and self-contained: the program (canonical text and token ids), the task it was
sampled or written for (``parent_id``), and the *relabelled* demonstration pairs: the parent's demo inputs paired with
the outputs the program actually produced (CodeIt's hindsight relabelling, Butt et al. 2024). It carries the
bookkeeping the sampler needs (``priority``, ``origin``, ``iteration``, ``demo_accuracy``).

- Identity is :attr:`Experience.key` = ``(parent_id, program)``: re-adding the same program for the same parent
  overwrites the old entry (see ``docs/architecture.md``).
- :attr:`Experience.signature` hashes the relabelled pairs (inputs and outputs). Because the inputs are the parent's
  demo inputs, two programs of one parent have equal signatures exactly when they keep the same demos and produce the
  same outputs on them; :class:`replay.buffer.ReplayBuffer` uses ``(parent_id, signature)`` for optional semantic
  deduplication.
- Grids are tuples of tuples of ints. JSON helpers use one canonical compact encoding (``separators=(",", ":")``),
  which is also the text stored in the SQLite columns, so the signature of a stored row can be computed from its text.

Priorities
----------
A :data:`PriorityFn` maps an experience to a non-negative finite float. The default, :func:`demo_accuracy_priority`,
is the paper's rule (demo accuracy on the parent task) plus :data:`PRIORITY_EPSILON`.

*Deviation:* the original adds 1e-19. Any positive epsilon keeps zero-accuracy programs drawable; 1e-6 keeps the
sum tree's prefix sums well conditioned (1.0 + 1e-19 == 1.0 in float64, so a 1e-19 leaf is invisible to a sum tree
once any real priority is present), while still giving a solved program a 10^6 times larger weight than an unsolved
one, so the "take every program that solved a demo first" behaviour of the paper's replay is preserved in practice.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

Grid = tuple[tuple[int, ...], ...]
"""An ARC grid: a tuple of equal-length tuples of ints (colours 0-9)."""

Key = tuple[str, str]
"""Buffer identity of an experience: ``(parent_id, program)``."""

ORIGINS: frozenset[str] = frozenset({"seed", "mutant", "policy"})
"""Allowed values of :attr:`Experience.origin`."""

POOL_OF_ORIGIN: Mapping[str, str] = {"seed": "seed", "mutant": "seed", "policy": "policy"}
"""Which buffer pool an origin belongs to: hand-written seeds and mutants form the seed pool."""

PRIORITY_EPSILON = 1e-6
"""Added to demo accuracy by :func:`demo_accuracy_priority` (the paper uses 1e-19; see the module docstring)."""

PriorityFn = Callable[["Experience"], float]
"""Maps an experience to its sampling priority (finite, >= 0)."""


def canonical_json(value: Any) -> str:
    """Canonical compact JSON (the encoding used for signatures and SQLite columns)."""
    return json.dumps(value, separators=(",", ":"))


def _as_grid(grid: Any) -> Grid:
    if type(grid) is tuple and all(type(row) is tuple for row in grid):
        return grid
    return tuple(tuple(int(v) for v in row) for row in grid)


def _as_grids(grids: Any) -> tuple[Grid, ...]:
    return tuple(_as_grid(g) for g in grids)


def grids_from_json(text: str) -> tuple[Grid, ...]:
    """Decode a JSON list of grids (lists of lists) into a tuple of tuple-grids."""
    return tuple(tuple(map(tuple, g)) for g in json.loads(text))


# Demo inputs are shared by every experience of a parent task, so their encodings and decodings are memoised
# (bounded; cleared when full). Decoding through the cache also makes loaded experiences share one input tuple.
_CACHE_MAX = 4096
_encode_cache: dict[tuple[Grid, ...], str] = {}
_decode_cache: dict[str, tuple[Grid, ...]] = {}


def encode_shared_grids(grids: tuple[Grid, ...]) -> str:
    """:func:`canonical_json` of a tuple of grids, memoised (for grids shared by many experiences)."""
    text = _encode_cache.get(grids)
    if text is None:
        text = canonical_json(grids)
        if len(_encode_cache) >= _CACHE_MAX:
            _encode_cache.clear()
        _encode_cache[grids] = text
    return text


def decode_shared_grids(text: str) -> tuple[Grid, ...]:
    """:func:`grids_from_json`, memoised; equal texts decode to the same (shared) tuple."""
    grids = _decode_cache.get(text)
    if grids is None:
        grids = grids_from_json(text)
        if len(_decode_cache) >= _CACHE_MAX:
            _decode_cache.clear()
        _decode_cache[text] = grids
    return grids


def pairs_signature(inputs_json: str, outputs_json: str) -> str:
    """Hex digest identifying a set of relabelled pairs, computed from their canonical JSON text."""
    h = hashlib.blake2b(digest_size=16)
    h.update(inputs_json.encode())
    h.update(b"\x00")
    h.update(outputs_json.encode())
    return h.hexdigest()


@dataclass(frozen=True)
class Experience:
    """A hindsight-relabelled training example: a program and the demo pairs it actually realises.

    Attributes:
        parent_id: id of the task the program was sampled (or hand-written / mutated) for.
        program: canonical program text.
        tokens: program token ids (the decoder target).
        inputs: the parent's demo inputs that the program ran on successfully.
        outputs: the grids the program actually produced on ``inputs`` (same length as ``inputs``).
        priority: sampling priority (finite, >= 0); the buffer may recompute it with its ``priority_fn``.
        origin: ``"seed"`` (hand-written solution), ``"mutant"`` (mutation augmentation) or ``"policy"`` (sampled).
        iteration: meta-iteration that produced it (0 for seeds and mutants by convention).
        demo_accuracy: fraction of the parent's *real* demos the program reproduces exactly (0..1).

    Lists are accepted for the sequence fields and converted to tuples.
    """

    parent_id: str
    program: str
    tokens: tuple[int, ...]
    inputs: tuple[Grid, ...]
    outputs: tuple[Grid, ...]
    priority: float = 0.0
    origin: str = "policy"
    iteration: int = 0
    demo_accuracy: float = 0.0

    def __post_init__(self) -> None:
        if type(self.tokens) is not tuple:
            object.__setattr__(self, "tokens", tuple(int(t) for t in self.tokens))
        if type(self.inputs) is not tuple or any(type(g) is not tuple for g in self.inputs):
            object.__setattr__(self, "inputs", _as_grids(self.inputs))
        if type(self.outputs) is not tuple or any(type(g) is not tuple for g in self.outputs):
            object.__setattr__(self, "outputs", _as_grids(self.outputs))
        if self.origin not in ORIGINS:
            raise ValueError(f"origin must be one of {sorted(ORIGINS)}, got {self.origin!r}")
        if len(self.inputs) != len(self.outputs):
            raise ValueError(f"{len(self.inputs)} inputs but {len(self.outputs)} outputs")
        p = float(self.priority)
        if not math.isfinite(p) or p < 0.0:
            raise ValueError(f"priority must be finite and >= 0, got {self.priority!r}")
        object.__setattr__(self, "priority", p)
        a = float(self.demo_accuracy)
        if not 0.0 <= a <= 1.0:
            raise ValueError(f"demo_accuracy must lie in [0, 1], got {self.demo_accuracy!r}")
        object.__setattr__(self, "demo_accuracy", a)
        object.__setattr__(self, "iteration", int(self.iteration))

    @property
    def key(self) -> Key:
        """Buffer identity ``(parent_id, program)``."""
        return (self.parent_id, self.program)

    @property
    def pool(self) -> str:
        """Buffer pool this experience belongs to: ``"seed"`` (seeds and mutants) or ``"policy"``."""
        return POOL_OF_ORIGIN[self.origin]

    # Canonical JSON encodings, computed once per instance (cached_property writes the instance __dict__
    # directly, which a frozen dataclass allows). They are what the SQLite store writes.

    @functools.cached_property
    def tokens_json(self) -> str:
        """Canonical JSON of :attr:`tokens`."""
        return canonical_json(self.tokens)

    @functools.cached_property
    def inputs_json(self) -> str:
        """Canonical JSON of :attr:`inputs` (memoised across experiences sharing the same inputs)."""
        return encode_shared_grids(self.inputs)

    @functools.cached_property
    def outputs_json(self) -> str:
        """Canonical JSON of :attr:`outputs`."""
        return canonical_json(self.outputs)

    @functools.cached_property
    def signature(self) -> str:
        """Hash of the relabelled pairs (see :func:`pairs_signature`), for output deduplication."""
        return pairs_signature(self.inputs_json, self.outputs_json)

    def with_priority(self, priority: float) -> Experience:
        """A copy with another priority (cheap: no re-validation of the grids, cached encodings are kept)."""
        p = float(priority)
        if not math.isfinite(p) or p < 0.0:
            raise ValueError(f"priority must be finite and >= 0, got {priority!r}")
        new = object.__new__(Experience)
        new.__dict__.update(self.__dict__)
        new.__dict__["priority"] = p
        return new

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (grids become nested lists when serialised)."""
        return {
            "parent_id": self.parent_id,
            "program": self.program,
            "tokens": list(self.tokens),
            "inputs": self.inputs,
            "outputs": self.outputs,
            "priority": self.priority,
            "origin": self.origin,
            "iteration": self.iteration,
            "demo_accuracy": self.demo_accuracy,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Experience:
        """Inverse of :meth:`to_dict` (also accepts the decoded JSON form with lists)."""
        return cls(
            parent_id=str(d["parent_id"]),
            program=str(d["program"]),
            tokens=tuple(int(t) for t in d["tokens"]),
            inputs=_as_grids(d["inputs"]),
            outputs=_as_grids(d["outputs"]),
            priority=float(d.get("priority", 0.0)),
            origin=str(d.get("origin", "policy")),
            iteration=int(d.get("iteration", 0)),
            demo_accuracy=float(d.get("demo_accuracy", 0.0)),
        )

    def to_json(self) -> str:
        """One-line canonical JSON text."""
        return canonical_json(self.to_dict())

    @classmethod
    def from_json(cls, text: str) -> Experience:
        """Inverse of :meth:`to_json`."""
        return cls.from_dict(json.loads(text))


def demo_accuracy_priority(exp: Experience) -> float:
    """The paper's priority: demo accuracy on the parent task plus :data:`PRIORITY_EPSILON`."""
    return exp.demo_accuracy + PRIORITY_EPSILON


def uniform_priority(exp: Experience) -> float:
    """Equal priority for every entry (the A3 "no prioritization" ablation)."""
    return 1.0


def write_jsonl(experiences: Iterable[Experience], path: str) -> int:
    """Write one JSON object per line; returns the number written."""
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for exp in experiences:
            f.write(exp.to_json())
            f.write("\n")
            n += 1
    return n


def read_jsonl(path: str) -> Iterator[Experience]:
    """Iterate over the experiences of a file written by :func:`write_jsonl` (blank lines are skipped)."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield Experience.from_json(line)


__all__ = [
    "ORIGINS",
    "POOL_OF_ORIGIN",
    "PRIORITY_EPSILON",
    "Experience",
    "Grid",
    "Key",
    "PriorityFn",
    "canonical_json",
    "decode_shared_grids",
    "demo_accuracy_priority",
    "encode_shared_grids",
    "grids_from_json",
    "pairs_signature",
    "read_jsonl",
    "uniform_priority",
    "write_jsonl",
]
