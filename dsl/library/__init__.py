"""Reference programs: one hand-written DSL program per ARC-AGI-1 *training* task, shipped as package data.

Each program lives in ``dsl/library/arcagi1_training/<task_id>.txt``. Only training tasks may have one:
evaluation tasks are the search set and never get a reference program.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

LIBRARY_DIR = Path(__file__).parent / "arcagi1_training"


@cache
def _load() -> tuple[tuple[str, str], ...]:
    return tuple((p.stem, p.read_text()) for p in sorted(LIBRARY_DIR.glob("*.txt")))


def load_library() -> dict[str, str]:
    """Map each task id with a reference program to the program's text."""
    return dict(_load())
