"""Prioritized hindsight replay buffer with two pools and crash-safe write-through persistence.

Design
------
- **Two pools** (Butt et al., ICML 2024; ``docs/architecture.md``): ``"seed"`` holds origins ``seed`` and
  ``mutant`` and is sampled uniformly; ``"policy"`` holds relabelled policy samples and is sampled with probability proportional to priority.
- **Identity** is ``(parent_id, program)``: adding an existing key overwrites the entry in place (new priority,
  outputs, iteration, ...). :func:`len` counts distinct entries, never overwrites.
- **Optional semantic dedup** (``dedup_outputs=True``): a second index on
  ``(parent_id, signature)`` where the signature hashes the relabelled pairs. When a new program realises the same
  pairs as an existing program of the same parent, the **shorter program text wins** (``len`` in characters, as in
  the paper's candidate ranking); on a tie the entry already present wins, so ``add`` returns ``False``. A loser that
  was stored is removed (from memory and disk).
- **Priorities** are computed on ``add`` by the pluggable ``priority_fn`` (default
  :func:`~replay.experience.demo_accuracy_priority`; ``None`` keeps ``exp.priority``). Rows loaded by :meth:`open`
  keep their stored priority; call :meth:`reprioritize` to recompute.
- **Storage per pool**: a list of entries aligned with a growable numpy priority array
  (:class:`~replay.sampling.PriorityArray`), plus one ``dict`` key -> (pool, index) for the buffer.
  Removed entries become tombstones (weight 0) and the pool is compacted, order preserved, before the next draw.
  The in-memory order therefore always equals SQLite ``rowid`` order, so a reopened buffer samples exactly like
  the one that wrote it (same RNG state -> same draws).
- **Sampling** is vectorized, never a per-draw scan: without replacement uses Gumbel top-k over the priority array
  (policy) or ``Generator.choice`` (seed); with replacement uses one cumulative sum and a batched
  ``searchsorted`` (policy) or ``Generator.integers`` (seed).
- **Training set** (the paper's replay draw): ``n_seed`` uniform draws without replacement from the seed pool plus
  ``min(n_policy, policy size)`` priority-proportional draws without replacement from the policy pool, so every
  policy entry is used while the pool is smaller than ``n_policy``.
- **Persistence**: :meth:`ReplayBuffer.open` attaches a :class:`~replay.store.SqliteStore` (WAL mode); every
  mutation is written through inside a transaction *before* memory changes; ``add_many`` and :meth:`batch` blocks
  are one transaction. Committed rows survive ``kill -9``. Inspect with::

      sqlite3 buffer.db 'select origin, count(*) from experiences group by origin'

- Rows loaded from disk are decoded lazily (on first access), so reopening a large buffer is fast.
- No capacity limit / pruning (the original's 10M capacity never triggered). Not thread-safe.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .experience import (
    POOL_OF_ORIGIN,
    Experience,
    Key,
    PriorityFn,
    demo_accuracy_priority,
    pairs_signature,
    write_jsonl,
)
from .store import SqliteStore, StoredRow, row_to_experience
from .sampling import PriorityArray, gumbel_top_k, uniform_without_replacement

if TYPE_CHECKING:
    from typing_extensions import Self

POOLS = ("seed", "policy")
"""Pool names, in iteration order."""

RngLike = np.random.Generator | int | None


def _rng(rng: RngLike) -> np.random.Generator:
    return rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)


@dataclass(frozen=True)
class TrainingMix:
    """How many examples a training set draws from each pool.

    The default is the paper's 10,000 seed + 90,000 policy. With ``backfill_seed`` the policy shortfall (while
    the policy pool is smaller than ``n_policy``) is drawn from the seed pool instead, keeping the set size fixed.
    """

    n_seed: int = 10_000
    n_policy: int = 90_000
    backfill_seed: bool = False

    @classmethod
    def from_fraction(cls, total: int, policy_fraction: float, backfill_seed: bool = False) -> TrainingMix:
        """A mix of ``total`` examples of which ``policy_fraction`` come from the policy pool."""
        if not 0.0 <= policy_fraction <= 1.0:
            raise ValueError("policy_fraction must lie in [0, 1]")
        n_policy = round(total * policy_fraction)
        return cls(n_seed=int(total) - n_policy, n_policy=n_policy, backfill_seed=backfill_seed)


class _Pool:
    """Entries of one pool aligned with their priorities."""

    __slots__ = ("entries", "keys", "n_dead", "tree")

    def __init__(self) -> None:
        self.entries: list[Experience | StoredRow | None] = []
        self.keys: list[Key | None] = []
        self.tree = PriorityArray()
        self.n_dead = 0

    def __len__(self) -> int:
        return len(self.keys) - self.n_dead

    def append(self, key: Key, entry: Experience | StoredRow, priority: float) -> int:
        self.entries.append(entry)
        self.keys.append(key)
        return self.tree.append(priority)

    def set(self, i: int, exp: Experience) -> None:
        self.entries[i] = exp
        self.tree.update(i, exp.priority)

    def kill(self, i: int) -> None:
        self.entries[i] = None
        self.keys[i] = None
        self.tree.update(i, 0.0)
        self.n_dead += 1

    def get(self, i: int) -> Experience:
        e = self.entries[i]
        if type(e) is tuple:  # a stored row not decoded yet
            e = row_to_experience(e)
            self.entries[i] = e
        assert isinstance(e, Experience)
        return e

    def compact(self) -> bool:
        """Drop tombstones, preserving order; returns whether anything moved."""
        if self.n_dead == 0:
            return False
        alive = [i for i, k in enumerate(self.keys) if k is not None]
        weights = np.asarray(self.tree.weights)[alive]
        self.entries = [self.entries[i] for i in alive]
        self.keys = [self.keys[i] for i in alive]
        self.tree = PriorityArray(weights)
        self.n_dead = 0
        return True


class ReplayBuffer:
    """Two-pool prioritized replay buffer; see the module docstring for the design.

    Args:
        priority_fn: computes each added experience's priority; ``None`` keeps ``exp.priority``.
        dedup_outputs: also deduplicate by ``(parent_id, relabelled-pairs signature)``, shorter program wins.
        store: write-through persistence (normally attached by :meth:`open`).
    """

    def __init__(
        self,
        *,
        priority_fn: PriorityFn | None = demo_accuracy_priority,
        dedup_outputs: bool = False,
        store: SqliteStore | None = None,
    ) -> None:
        self.priority_fn = priority_fn
        self.dedup_outputs = bool(dedup_outputs)
        self._store = store
        self._pools: dict[str, _Pool] = {name: _Pool() for name in POOLS}
        self._index: dict[Key, tuple[str, int]] = {}
        self._sig_of: dict[Key, str] = {}
        self._by_sig: dict[tuple[str, str], Key] = {}

    # ------------------------------------------------------------------ persistence

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        priority_fn: PriorityFn | None = demo_accuracy_priority,
        dedup_outputs: bool | None = None,
        synchronous: str = "NORMAL",
    ) -> ReplayBuffer:
        """Open (or create) the SQLite buffer at ``path`` and load every stored experience.

        ``dedup_outputs=None`` uses the setting recorded in the database (``False`` for a new one); an explicit
        value that contradicts the recorded one raises ``ValueError``. Stored priorities are kept as they are.
        """
        store = SqliteStore(path, synchronous=synchronous)
        try:
            recorded = store.get_meta("dedup_outputs")
            if recorded is None:
                dedup = bool(dedup_outputs)
                store.set_meta("dedup_outputs", "1" if dedup else "0")
            else:
                dedup = recorded == "1"
                if dedup_outputs is not None and bool(dedup_outputs) != dedup:
                    raise ValueError(f"{path} was created with dedup_outputs={dedup}")
            store.set_meta("priority_fn", getattr(priority_fn, "__name__", repr(priority_fn)))
            buf = cls(priority_fn=priority_fn, dedup_outputs=dedup, store=store)
            buf._load(store.rows())
        except BaseException:
            store.close()
            raise
        return buf

    def _load(self, rows: Iterable[StoredRow]) -> None:
        weights: dict[str, list[float]] = {name: [] for name in POOLS}
        for row in rows:
            key: Key = (row[0], row[1])
            name = POOL_OF_ORIGIN[row[6]]
            pool = self._pools[name]
            self._index[key] = (name, len(pool.keys))
            pool.entries.append(row)
            pool.keys.append(key)
            weights[name].append(row[5])
            if self.dedup_outputs:
                sig = pairs_signature(row[3], row[4])
                self._sig_of[key] = sig
                self._by_sig[(row[0], sig)] = key
        for name in POOLS:
            self._pools[name].tree = PriorityArray(np.asarray(weights[name], dtype=np.float64))

    @property
    def store(self) -> SqliteStore | None:
        """The attached SQLite store, if any."""
        return self._store

    def batch(self) -> contextlib.AbstractContextManager[None]:
        """Group mutations into one committed transaction (a no-op without a store)."""
        return self._store.transaction() if self._store is not None else contextlib.nullcontext()

    def close(self) -> None:
        """Close the store (committed data is already on disk)."""
        if self._store is not None:
            self._store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def to_jsonl(self, path: str | os.PathLike[str]) -> int:
        """Export every entry (seed pool, then policy pool, in buffer order) as JSON lines; returns the count."""
        return write_jsonl(iter(self), os.fspath(path))

    # ------------------------------------------------------------------ mutation

    def _prioritized(self, exp: Experience) -> Experience:
        if self.priority_fn is None:
            return exp
        p = float(self.priority_fn(exp))
        return exp if p == exp.priority else exp.with_priority(p)

    def add(self, exp: Experience) -> bool:
        """Add or overwrite ``exp``; returns ``False`` only when output dedup rejects it.

        Committed to disk before returning (unless inside :meth:`batch`, which commits at its end).
        """
        exp = self._prioritized(exp)
        with self.batch():
            return self._add(exp)

    def add_many(self, exps: Iterable[Experience]) -> int:
        """:meth:`add` each experience, in one transaction; returns how many were stored."""
        items = [self._prioritized(e) for e in exps]
        with self.batch():
            return sum(self._add(e) for e in items)

    def _add(self, exp: Experience) -> bool:
        key = exp.key
        name = exp.pool
        loc = self._index.get(key)
        sig = exp.signature if self.dedup_outputs else None
        if loc is not None and loc[0] == name and (sig is None or self._sig_of[key] == sig):
            if self._store is not None:
                self._store.upsert(exp)
            self._pools[name].set(loc[1], exp)
            return True
        rival: Key | None = None
        if sig is not None:
            rival = self._by_sig.get((exp.parent_id, sig))
            if rival is not None and rival != key:
                if len(exp.program) >= len(rival[1]):
                    return False
            else:
                rival = None
        if loc is not None:
            self._remove(key)
        if rival is not None:
            self._remove(rival)
        if self._store is not None:
            self._store.upsert(exp)
        pool = self._pools[name]
        self._index[key] = (name, pool.append(key, exp, exp.priority))
        if sig is not None:
            self._sig_of[key] = sig
            self._by_sig[(exp.parent_id, sig)] = key
        return True

    def remove(self, key: Key) -> bool:
        """Delete the entry with ``key``; returns whether it existed."""
        if key not in self._index:
            return False
        with self.batch():
            self._remove(key)
        return True

    def _remove(self, key: Key) -> None:
        if self._store is not None:
            self._store.delete(key)
        name, i = self._index.pop(key)
        self._pools[name].kill(i)
        sig = self._sig_of.pop(key, None)
        if sig is not None:
            self._by_sig.pop((key[0], sig), None)

    def reprioritize(self, priority_fn: PriorityFn | None = None) -> None:
        """Recompute every priority with ``priority_fn`` (default: the buffer's own) and write them through."""
        fn = priority_fn or self.priority_fn
        if fn is None:
            raise ValueError("no priority function")
        changed: list[tuple[_Pool, int, Experience]] = []
        for name in POOLS:
            pool = self._pools[name]
            for i, key in enumerate(pool.keys):
                if key is not None:
                    exp = pool.get(i)
                    p = float(fn(exp))
                    if p != exp.priority:
                        changed.append((pool, i, exp.with_priority(p)))  # with_priority validates p
        if self._store is not None and changed:
            self._store.update_priorities([(exp.key, exp.priority) for _, _, exp in changed])
        for pool, i, exp in changed:
            pool.set(i, exp)

    # ------------------------------------------------------------------ queries

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def get(self, key: Key) -> Experience | None:
        """The entry with ``key``, or ``None``."""
        loc = self._index.get(key)
        return None if loc is None else self._pools[loc[0]].get(loc[1])

    def __iter__(self) -> Iterator[Experience]:
        for name in POOLS:
            yield from self.iter_pool(name)

    def iter_pool(self, pool: str) -> Iterator[Experience]:
        """Entries of one pool, in buffer order."""
        p = self._pools[pool]
        for i in range(len(p.keys)):
            if p.keys[i] is not None:
                yield p.get(i)

    def pool_sizes(self) -> dict[str, int]:
        """``{"seed": n, "policy": m}``."""
        return {name: len(self._pools[name]) for name in POOLS}

    def priorities(self, pool: str) -> np.ndarray:
        """A copy of one pool's priorities, aligned with :meth:`iter_pool`."""
        self._compact(pool)
        return np.array(self._pools[pool].tree.weights)

    # ------------------------------------------------------------------ sampling

    def _compact(self, name: str) -> None:
        pool = self._pools[name]
        if pool.compact():
            for i, key in enumerate(pool.keys):
                assert key is not None
                self._index[key] = (name, i)

    def sample(
        self,
        n: int,
        pool: str = "policy",
        rng: RngLike = None,
        *,
        replace: bool = False,
        weighted: bool | None = None,
    ) -> list[Experience]:
        """Draw from one pool.

        Without replacement, ``min(n, pool size)`` distinct entries are returned (in draw order). ``weighted``
        defaults to the pool's rule: uniform for ``"seed"``, priority-proportional for ``"policy"``.
        """
        if pool not in self._pools:
            raise ValueError(f"unknown pool {pool!r}; expected one of {POOLS}")
        gen = _rng(rng)
        self._compact(pool)
        p = self._pools[pool]
        size = len(p)
        if n <= 0 or size == 0:
            return []
        if weighted is None:
            weighted = pool == "policy"
        if weighted and p.tree.total <= 0.0:
            weighted = False  # all priorities zero: uniform
        if replace:
            idx = p.tree.sample(n, gen) if weighted else gen.integers(size, size=n)
        else:
            idx = gumbel_top_k(p.tree.weights, n, gen) if weighted else uniform_without_replacement(size, n, gen)
        get = p.get
        return [get(i) for i in idx.tolist()]

    def training_set(
        self,
        n_seed: int = 10_000,
        n_policy: int = 90_000,
        rng: RngLike = None,
        *,
        mix: TrainingMix | None = None,
    ) -> list[Experience]:
        """The paper's per-iteration training set: seed draws followed by policy draws.

        ``n_seed`` uniform draws without replacement from the seed pool (capped at its size) plus
        ``min(n_policy, policy size)`` priority-proportional draws without replacement from the policy pool.
        ``mix`` overrides ``n_seed``/``n_policy`` (and may backfill the policy shortfall from the seed pool).
        The trainer is expected to shuffle / bucket the result.
        """
        gen = _rng(rng)
        if mix is not None:
            n_seed, n_policy = mix.n_seed, mix.n_policy
        policy = self.sample(n_policy, "policy", gen)
        if mix is not None and mix.backfill_seed:
            n_seed += max(0, n_policy - len(policy))
        seed = self.sample(n_seed, "seed", gen)
        return seed + policy


__all__ = ["POOLS", "ReplayBuffer", "TrainingMix"]
