"""Array-based sum tree and vectorized weighted sampling.

Design
------
:class:`SumTree` stores ``n`` non-negative weights as the leaves of a complete binary tree laid out in one float64
array of size ``2 * capacity`` (``capacity`` a power of two; node ``i`` has children ``2i`` and ``2i + 1``, the root
is node 1, leaf ``j`` is node ``capacity + j``). Internal nodes hold the sum of their subtree, so

- a single update is O(log n) (walk from the leaf to the root),
- a batch update recomputes only the touched ancestors, level by level, with numpy,
- a prefix-sum search descends from the root in O(log n); :meth:`SumTree.find_many` descends for a whole batch of
  prefixes at once (one numpy step per level), which is how with-replacement draws are made.

The tree grows by doubling (rebuilding the internal nodes from the leaves, O(n) numpy).

:func:`gumbel_top_k` draws ``k`` distinct indices with probability proportional to the weights, i.e. the same
distribution as ``k`` sequential draws without replacement, in one vectorized pass: key_i = log(w_i) + Gumbel noise,
keep the ``k`` largest keys (``argpartition``) and order them by key. Zero-weight items get key -inf and are only
returned once every positive-weight item has been taken.
"""

from __future__ import annotations

import numpy as np


def _next_pow2(n: int) -> int:
    return 1 << max(0, int(n) - 1).bit_length()


class SumTree:
    """A growable sum tree over non-negative float weights (indices ``0 .. len - 1``)."""

    def __init__(self, capacity: int = 1024) -> None:
        self._cap = max(1, _next_pow2(capacity))
        self._tree = np.zeros(2 * self._cap, dtype=np.float64)
        self._size = 0
        self._depth = self._cap.bit_length() - 1

    @classmethod
    def from_weights(cls, weights: np.ndarray) -> SumTree:
        """Build a tree over ``weights`` in O(n) (vectorized)."""
        w = np.asarray(weights, dtype=np.float64)
        tree = cls(max(1, len(w)))
        tree._size = len(w)
        tree._tree[tree._cap : tree._cap + len(w)] = w
        tree._rebuild()
        return tree

    def __len__(self) -> int:
        return self._size

    @property
    def capacity(self) -> int:
        """Number of leaves currently allocated."""
        return self._cap

    @property
    def total(self) -> float:
        """Sum of all weights."""
        return float(self._tree[1])

    @property
    def weights(self) -> np.ndarray:
        """Read-only view of the leaf weights ``0 .. len - 1``."""
        view = self._tree[self._cap : self._cap + self._size]
        view.flags.writeable = False
        return view

    def __getitem__(self, index: int) -> float:
        if not 0 <= index < self._size:
            raise IndexError(index)
        return float(self._tree[self._cap + index])

    def _rebuild(self) -> None:
        t = self._tree
        lo = self._cap
        while lo > 1:
            hi = lo
            lo //= 2
            t[lo:hi] = t[2 * lo : 2 * hi : 2] + t[2 * lo + 1 : 2 * hi : 2]

    def _grow(self, min_capacity: int) -> None:
        cap = self._cap
        while cap < min_capacity:
            cap *= 2
        if cap == self._cap:
            return
        tree = np.zeros(2 * cap, dtype=np.float64)
        tree[cap : cap + self._size] = self._tree[self._cap : self._cap + self._size]
        self._tree, self._cap, self._depth = tree, cap, cap.bit_length() - 1
        self._rebuild()

    def append(self, weight: float) -> int:
        """Add a leaf with ``weight``; returns its index."""
        if self._size == self._cap:
            self._grow(self._cap * 2)
        index = self._size
        self._size += 1
        self.update(index, weight)
        return index

    def extend(self, weights: np.ndarray) -> None:
        """Append several leaves at once."""
        w = np.asarray(weights, dtype=np.float64)
        start = self._size
        if start + len(w) > self._cap:
            self._grow(start + len(w))
        self._size += len(w)
        self.update_many(np.arange(start, start + len(w)), w)

    def update(self, index: int, weight: float) -> None:
        """Set leaf ``index`` to ``weight`` in O(log n)."""
        if not 0 <= index < self._size:
            raise IndexError(index)
        if not weight >= 0.0:  # also rejects NaN
            raise ValueError(f"weight must be >= 0, got {weight!r}")
        t = self._tree
        i = self._cap + index
        t[i] = weight
        i //= 2
        while i >= 1:
            t[i] = t[2 * i] + t[2 * i + 1]
            i //= 2

    def update_many(self, indices: np.ndarray, weights: np.ndarray) -> None:
        """Set several leaves; ancestors are recomputed level by level (vectorized). Later duplicates win."""
        idx = np.asarray(indices, dtype=np.int64)
        w = np.asarray(weights, dtype=np.float64)
        if idx.shape != w.shape:
            raise ValueError("indices and weights differ in shape")
        if len(idx) == 0:
            return
        if idx.min() < 0 or idx.max() >= self._size:
            raise IndexError("index out of range")
        if not np.all(w >= 0.0):
            raise ValueError("weights must be >= 0")
        t = self._tree
        t[self._cap + idx] = w
        nodes = np.unique((self._cap + idx) // 2)
        while nodes[0] >= 1:
            t[nodes] = t[2 * nodes] + t[2 * nodes + 1]
            if nodes[0] == 1:
                break
            nodes = np.unique(nodes // 2)

    def find(self, prefix: float) -> int:
        """Smallest index ``i`` with ``cumsum[i] > prefix`` (``prefix`` in ``[0, total)``), in O(log n)."""
        t = self._tree
        i = 1
        v = float(prefix)
        while i < self._cap:
            left = t[2 * i]
            if v >= left:
                v -= left
                i = 2 * i + 1
            else:
                i = 2 * i
        return min(i - self._cap, self._size - 1)

    def find_many(self, prefixes: np.ndarray) -> np.ndarray:
        """Vectorized :meth:`find` for a batch of prefixes (one numpy step per tree level)."""
        v = np.array(prefixes, dtype=np.float64, copy=True)
        idx = np.ones(v.shape, dtype=np.int64)
        t = self._tree
        for _ in range(self._depth):
            left = t[2 * idx]
            right = v >= left
            v -= np.where(right, left, 0.0)
            idx = 2 * idx + right
        # Float rounding can push a prefix into the zero padding beyond the last leaf; clamp it back.
        return np.minimum(idx - self._cap, self._size - 1)

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """``n`` indices drawn with replacement, with probability proportional to weight."""
        if self._size == 0 or self.total <= 0.0:
            raise ValueError("cannot sample from an empty or all-zero sum tree")
        return self.find_many(rng.random(n) * self.total)


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


def weighted_with_replacement(weights: np.ndarray, k: int, rng: np.random.Generator | None = None) -> np.ndarray:
    """Convenience: ``k`` draws with replacement through a freshly built :class:`SumTree`."""
    rng = np.random.default_rng(rng)
    return SumTree.from_weights(weights).sample(k, rng)


__all__ = ["SumTree", "gumbel_top_k", "uniform_without_replacement", "weighted_with_replacement"]
