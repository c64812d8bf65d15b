"""Priority arrays and the vectorized samplers of the replay buffer.

Training draws without replacement (Gumbel top-k over a pool's priorities), which needs the priorities as one
numpy array and nothing more: a sum tree's O(log n) updates would buy nothing on that path. Draws with
replacement (not used in training) take a cumulative sum per call.
"""

from __future__ import annotations

import numpy as np


class PriorityArray:
    """A growable float64 array of non-negative priorities (amortized O(1) append, O(1) update)."""

    __slots__ = ("_data", "_size")

    def __init__(self, weights: np.ndarray | None = None) -> None:
        w = np.asarray(weights if weights is not None else (), dtype=np.float64)
        self._data = np.zeros(max(1024, 2 * len(w)), dtype=np.float64)
        self._data[: len(w)] = w
        self._size = len(w)

    def __len__(self) -> int:
        return self._size

    @property
    def weights(self) -> np.ndarray:
        """A view of the priorities (do not modify; use :meth:`update`)."""
        return self._data[: self._size]

    @property
    def total(self) -> float:
        """Sum of the priorities."""
        return float(self.weights.sum())

    def append(self, weight: float) -> int:
        """Add a priority; returns its index."""
        if self._size == len(self._data):
            self._data = np.concatenate([self._data, np.zeros(len(self._data), dtype=np.float64)])
        self._data[self._size] = weight
        self._size += 1
        return self._size - 1

    def update(self, index: int, weight: float) -> None:
        """Set one priority."""
        if not 0 <= index < self._size:
            raise IndexError(index)
        if not weight >= 0.0:
            raise ValueError(f"priorities must be non-negative, got {weight}")
        self._data[index] = weight

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """``n`` indices drawn with replacement, with probability proportional to priority."""
        cumulative = np.cumsum(self.weights)
        if self._size == 0 or cumulative[-1] <= 0.0:
            raise ValueError("cannot sample from an empty or all-zero priority array")
        draws = rng.random(n) * cumulative[-1]
        # side="right" skips zero-weight items (their cumulative sum equals the previous one).
        return np.minimum(np.searchsorted(cumulative, draws, side="right"), self._size - 1).astype(np.int64)


def gumbel_top_k(weights: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """``min(k, len(weights))`` distinct indices drawn proportionally to ``weights`` without replacement.

    Vectorized Gumbel top-k: equivalent in distribution to sequential weighted draws without replacement, and the
    result is in that draw order (largest perturbed key first). O(n) plus O(k log k) for the final ordering.
    """
    w = np.asarray(weights, dtype=np.float64)
    n = len(w)
    k = min(int(k), n)
    if k <= 0:
        return np.empty(0, dtype=np.int64)
    with np.errstate(divide="ignore"):
        keys = np.log(w)
    keys += rng.gumbel(size=n)
    n_pos = int(np.count_nonzero(w > 0.0))
    if k > n_pos:
        # Every positive-weight item is taken (in Gumbel order); the rest are zero-weight items, chosen uniformly.
        pos = np.flatnonzero(w > 0.0)
        pos = pos[np.argsort(-keys[pos], kind="stable")]
        zeros = np.flatnonzero(w <= 0.0)
        fill = zeros[rng.permutation(len(zeros))[: k - n_pos]]
        return np.concatenate([pos, fill]).astype(np.int64, copy=False)
    top = np.argpartition(-keys, k - 1)[:k] if k < n else np.arange(n)
    order = np.argsort(-keys[top], kind="stable")
    return top[order].astype(np.int64, copy=False)


def uniform_without_replacement(n_items: int, k: int, rng: np.random.Generator) -> np.ndarray:
    """``min(k, n_items)`` distinct indices drawn uniformly (in random order)."""
    k = min(int(k), int(n_items))
    if k <= 0:
        return np.empty(0, dtype=np.int64)
    return rng.choice(n_items, size=k, replace=False).astype(np.int64, copy=False)


__all__ = ["PriorityArray", "gumbel_top_k", "uniform_without_replacement"]
