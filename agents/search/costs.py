"""Per-task transform costs from a learned prior: ``-log p(transform | previous transform)``.

A prior (:class:`agents.codeit.prior.SearchPrior`) scores every name of the transform vocabulary for one
task: ``first`` holds the task's logits, ``transition`` a logit offset per (previous transform, transform)
pair, row 0 for the first step. :meth:`StepCosts.table` turns them into the cost table of
:class:`~agents.search.graph.StateGraph` for the transforms one task actually has. ``after`` optionally holds,
for some first transforms, the prior's logits read on the task *that is left* after that step (its grids on
the demo inputs paired with the demo outputs): :meth:`StepCosts.after_rows` turns them into the cost rows of
those depth-1 states, in place of the transition table's guess. This module needs only numpy, so search
workers never import torch.

Costs are scaled so that a uniform prior gives every step cost 1, the cost of the unguided search: a
transform the prior finds likelier than uniform costs less than 1, an unlikely one more. A share ``mix`` of
uniform probability is mixed in, so no transform is ever out of reach, and ``strength`` scales every cost's
distance from 1 (0: the unguided search; 1: the prior's own probabilities).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping, Sequence

import numpy as np

__all__ = ["StepCosts", "transform_vocabulary"]


@lru_cache(maxsize=1)
def transform_vocabulary() -> tuple[str, ...]:
    """Every transform name the search can build (all colours, in-place repairs or shape changes), in order."""
    from agents.search.transforms import build_transforms

    every = set(range(10))
    # Some transforms take only the colours the outputs add, or only those they drop: all three colour
    # configurations together name every transform.
    names = [t.name for ins, outs in ((every, every), ({0}, every), (every, {0})) for same in (True, False)
             for t in build_transforms(ins, outs, True, same_shape=same)]
    return tuple(dict.fromkeys(names))


@dataclass(frozen=True)
class StepCosts:
    """One task's prior over the transform vocabulary ``names``.

    Attributes:
        names: the vocabulary the arrays index.
        first: logits of each transform for this task, shape ``(V,)``.
        transition: logit offsets, shape ``(V + 1, V)``: row 0 for the first step, row ``p + 1`` after ``p``.
        mix: share of uniform probability mixed into every step distribution.
        strength: how far costs move from the uniform cost 1 (a temperature on the prior, relative to uniform).
        after: logits ``(V,)`` of the step after a named first transform, read by the prior on the task left
            after that step (the first step's grids -> the demo outputs); first transforms not named use
            ``first + transition``.
    """

    names: tuple[str, ...]
    first: np.ndarray
    transition: np.ndarray
    mix: float = 0.2
    strength: float = 1.0
    after: Mapping[str, np.ndarray] = field(default_factory=dict)

    def __post_init__(self) -> None:
        v = len(self.names)
        if self.first.shape != (v,) or self.transition.shape != (v + 1, v):
            raise ValueError(f"prior arrays have shapes {self.first.shape} and {self.transition.shape}; "
                             f"expected ({v},) and ({v + 1}, {v})")
        if not 0.0 < self.mix <= 1.0:
            raise ValueError(f"mix={self.mix!r}: must be in (0, 1]")
        if not 0.0 <= self.strength <= 4.0:
            raise ValueError(f"strength={self.strength!r}: must be in [0, 4]")
        bad = [name for name, row in self.after.items() if np.shape(row) != (v,)]
        if bad:
            raise ValueError(f"after[{bad[0]!r}] has shape {np.shape(self.after[bad[0]])}; expected ({v},)")

    def table(self, transform_names: Sequence[str]) -> np.ndarray:
        """The ``(T + 1, T)`` step-cost table of a task's transforms (unknown names get uniform costs)."""
        cols = self._columns(transform_names)
        known = cols >= 0
        safe = np.where(known, cols, 0)
        src = np.concatenate([[0], np.where(known, cols + 1, 0)])  # after an unknown transform: the first row
        return self._costs(self.first[safe] + self.transition[np.ix_(src, safe)], known)

    def after_rows(self, transform_names: Sequence[str]) -> dict[int, np.ndarray]:
        """Cost rows ``(T,)`` of the step after each of a task's transforms that ``after`` names, keyed by the
        transform's position in ``transform_names`` (the depth-1 state it reaches from the input)."""
        if not self.after:
            return {}
        cols = self._columns(transform_names)
        known = cols >= 0
        safe = np.where(known, cols, 0)
        firsts = [k for k, name in enumerate(transform_names) if name in self.after]
        if not firsts:
            return {}
        # The prior learnt the left task's first step with row 0 of the transition table, as any chain's first.
        logits = np.stack([self.after[transform_names[k]][safe] for k in firsts]) + self.transition[0, safe]
        return dict(zip(firsts, self._costs(logits, known)))

    def _columns(self, transform_names: Sequence[str]) -> np.ndarray:
        index = {name: k for k, name in enumerate(self.names)}
        return np.array([index.get(name, -1) for name in transform_names], dtype=np.int64)

    def _costs(self, logits: np.ndarray, known: np.ndarray) -> np.ndarray:
        """Step costs from rows of logits over a task's transforms (``known``: the vocabulary has the name)."""
        t = logits.shape[1]
        logits = np.array(logits, dtype=np.float64)
        if known.any() and not known.all():
            logits[:, ~known] = logits[:, known].mean(axis=1, keepdims=True)  # no opinion: an average logit
        elif not known.any():
            logits[:] = 0.0
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        p = (1.0 - self.mix) * p + self.mix / t
        return 1.0 + self.strength * (-np.log(p) / math.log(max(t, 2)) - 1.0)
