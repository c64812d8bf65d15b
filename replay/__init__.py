"""Prioritized hindsight replay for CodeIt (Butt et al., ICML 2024; see ``docs/architecture.md``).

Public API:

- :class:`Experience`: one hindsight-relabelled task (program, tokens, relabelled demo pairs, priority, origin, ...).
- :data:`PriorityFn`, :func:`demo_accuracy_priority` (default; demo accuracy + 1e-6), :func:`uniform_priority`.
- :class:`ReplayBuffer`: two pools ("seed": seeds + mutants, uniform; "policy": priority-proportional), dedup by
  ``(parent_id, program)`` with optional output dedup, vectorized sampling (Gumbel top-k), and
  ``ReplayBuffer.open(path)`` for crash-safe SQLite write-through persistence.
- :class:`TrainingMix`: the per-iteration seed/policy draw sizes (paper: 10,000 + 90,000).
- :class:`PriorityArray`, :func:`gumbel_top_k`: the sampling primitives.

Inspect a stored buffer with ``sqlite3 buffer.db 'select origin, count(*) from experiences group by origin'``.
"""

from .buffer import POOLS, ReplayBuffer, TrainingMix
from .experience import (
    ORIGINS,
    PRIORITY_EPSILON,
    Experience,
    Grid,
    Key,
    PriorityFn,
    demo_accuracy_priority,
    read_jsonl,
    uniform_priority,
    write_jsonl,
)
from .store import SqliteStore
from .sampling import PriorityArray, gumbel_top_k

__all__ = [
    "ORIGINS",
    "POOLS",
    "PRIORITY_EPSILON",
    "Experience",
    "Grid",
    "Key",
    "PriorityFn",
    "ReplayBuffer",
    "SqliteStore",
    "PriorityArray",
    "TrainingMix",
    "demo_accuracy_priority",
    "gumbel_top_k",
    "read_jsonl",
    "uniform_priority",
    "write_jsonl",
]
