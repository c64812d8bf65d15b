"""Immutable ARC task records.

A :class:`Task` holds demonstration (``train``) pairs and ``test`` pairs. Grids use the DSL convention (see
:mod:`dsl.values`): a tuple of equal-length tuples of Python ints 0-9. A test pair's output may be ``None`` when
the answer is hidden.

:meth:`Task.from_json` converts without validating; use :func:`arc_env.loaders.parse_task` for untrusted input.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from dsl.values import Grid

__all__ = ["ARC_MAX_SIDE", "Grid", "Pair", "Task", "grid_to_json", "to_grid"]

# The ARC format's limit on a grid side (task files, observations). The DSL allows larger intermediate grids
# (``dsl.values.MAX_GRID_SIDE``).
ARC_MAX_SIDE = 30


def to_grid(rows: Iterable[Iterable[Any]]) -> Grid:
    """Convert nested rows (lists, tuples or a 2-D numpy array) to a DSL grid of Python ints."""
    if hasattr(rows, "tolist"):  # numpy arrays: tolist() yields Python ints
        rows = rows.tolist()  # type: ignore[union-attr]
    return tuple(tuple(int(v) for v in row) for row in rows)


def grid_to_json(grid: Grid) -> list[list[int]]:
    """Convert a grid to the JSON form used by ARC files (a list of lists)."""
    return [list(row) for row in grid]


@dataclass(frozen=True)
class Pair:
    """An input grid and its output grid (``None`` if the output is hidden)."""

    input: Grid
    output: Grid | None = None

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Pair:
        """Build a pair from ``{"input": [[...]], "output": [[...]]}``; ``output`` may be absent or null."""
        out = obj.get("output")
        return cls(to_grid(obj["input"]), None if out is None else to_grid(out))

    def to_json(self) -> dict[str, Any]:
        """The ARC JSON form of this pair (``output`` omitted when hidden)."""
        obj: dict[str, Any] = {"input": grid_to_json(self.input)}
        if self.output is not None:
            obj["output"] = grid_to_json(self.output)
        return obj


@dataclass(frozen=True)
class Task:
    """An ARC task: demonstration pairs, test pairs, and where it came from (``source``)."""

    id: str
    train: tuple[Pair, ...]
    test: tuple[Pair, ...]
    source: str = ""

    @property
    def demo_inputs(self) -> tuple[Grid, ...]:
        """Inputs of the demonstration pairs."""
        return tuple(p.input for p in self.train)

    @property
    def demo_outputs(self) -> tuple[Grid, ...]:
        """Outputs of the demonstration pairs (never ``None`` for a valid task)."""
        return tuple(p.output for p in self.train)  # type: ignore[misc]

    @property
    def test_inputs(self) -> tuple[Grid, ...]:
        """Inputs of the test pairs."""
        return tuple(p.input for p in self.test)

    @property
    def test_outputs(self) -> tuple[Grid | None, ...]:
        """Outputs of the test pairs (``None`` where hidden)."""
        return tuple(p.output for p in self.test)

    @property
    def has_test_outputs(self) -> bool:
        """Whether every test output is known."""
        return all(p.output is not None for p in self.test)

    @classmethod
    def from_json(cls, obj: Mapping[str, Any], task_id: str, source: str = "") -> Task:
        """Build a task from ARC JSON ``{"train": [...], "test": [...]}`` without validating it."""
        return cls(
            id=task_id,
            train=tuple(Pair.from_json(p) for p in obj["train"]),
            test=tuple(Pair.from_json(p) for p in obj.get("test", ())),
            source=source,
        )

    def without_test_outputs(self) -> Task:
        """The task as a solver may see it: demos and test inputs, every test output hidden (``None``).

        Agents get this view; only the scorer keeps the full task (see ``docs/architecture.md``)."""
        return Task(self.id, self.train, tuple(Pair(p.input) for p in self.test), self.source)

    def to_json(self) -> dict[str, Any]:
        """The ARC JSON form of this task (``{"train": [...], "test": [...]}``)."""
        return {"train": [p.to_json() for p in self.train], "test": [p.to_json() for p in self.test]}
