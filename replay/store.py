"""Crash-safe SQLite persistence for the replay buffer.

Design
------
One SQLite file (stdlib :mod:`sqlite3`) in WAL journal mode. Every write happens inside an explicit transaction
(``BEGIN IMMEDIATE`` ... ``COMMIT``); SQLite's atomic commit guarantees that after a ``kill -9`` at any moment the
database reopens cleanly and holds exactly the transactions that committed. With ``synchronous=NORMAL`` (default) a
committed WAL transaction survives any *process* crash; ``synchronous="FULL"`` additionally fsyncs every commit so it
survives power loss as well (slower per commit).

Schema (inspect with ordinary tools)::

    sqlite3 buffer.db 'select origin, count(*) from experiences group by origin'
    sqlite3 buffer.db 'select parent_id, demo_accuracy, program from experiences order by priority desc limit 5'
    sqlite3 buffer.db 'select * from meta'

``experiences``: ``parent_id TEXT, program TEXT, tokens TEXT (JSON list), inputs TEXT (JSON list of grids),
outputs TEXT (JSON list of grids), priority REAL, origin TEXT, iteration INTEGER, demo_accuracy REAL,
added_at REAL (unix time of the first insert)``; primary key ``(parent_id, program)``. Overwrites use an upsert,
which keeps the row's ``rowid``; rows are loaded in ``rowid`` order, which is also the in-memory order of the buffer,
so sampling after a reopen is reproducible.

``meta``: ``key TEXT PRIMARY KEY, value TEXT`` (``schema_version``, ``created_at``, buffer settings, and any
caller-provided key).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from typing import Any

from .experience import Experience, Key, decode_shared_grids, grids_from_json

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS experiences (
    parent_id     TEXT    NOT NULL,
    program       TEXT    NOT NULL,
    tokens        TEXT    NOT NULL,
    inputs        TEXT    NOT NULL,
    outputs       TEXT    NOT NULL,
    priority      REAL    NOT NULL,
    origin        TEXT    NOT NULL CHECK (origin IN ('seed', 'mutant', 'policy')),
    iteration     INTEGER NOT NULL,
    demo_accuracy REAL    NOT NULL,
    added_at      REAL    NOT NULL,
    PRIMARY KEY (parent_id, program)
);
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

_UPSERT = """
INSERT INTO experiences
    (parent_id, program, tokens, inputs, outputs, priority, origin, iteration, demo_accuracy, added_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (parent_id, program) DO UPDATE SET
    tokens = excluded.tokens, inputs = excluded.inputs, outputs = excluded.outputs,
    priority = excluded.priority, origin = excluded.origin, iteration = excluded.iteration,
    demo_accuracy = excluded.demo_accuracy
"""

StoredRow = tuple[str, str, str, str, str, float, str, int, float]
"""``(parent_id, program, tokens_json, inputs_json, outputs_json, priority, origin, iteration, demo_accuracy)``."""


def row_to_experience(row: StoredRow) -> Experience:
    """Decode a stored row into an :class:`Experience`."""
    parent_id, program, tokens, inputs, outputs, priority, origin, iteration, acc = row
    exp = Experience(
        parent_id=parent_id,
        program=program,
        tokens=tuple(json.loads(tokens)),
        inputs=decode_shared_grids(inputs),
        outputs=grids_from_json(outputs),
        priority=priority,
        origin=origin,
        iteration=iteration,
        demo_accuracy=acc,
    )
    # The stored texts are the canonical encodings: prime the instance's cached properties with them.
    exp.__dict__.update(tokens_json=tokens, inputs_json=inputs, outputs_json=outputs)
    return exp


class SqliteStore:
    """Write-through SQLite storage of experiences plus a small key/value ``meta`` table.

    Not thread-safe; one writer process per file. Use :meth:`transaction` to group writes; a write outside a
    transaction is committed on its own.
    """

    def __init__(self, path: str | os.PathLike[str], synchronous: str = "NORMAL") -> None:
        if synchronous.upper() not in {"NORMAL", "FULL", "EXTRA"}:
            raise ValueError("synchronous must be NORMAL, FULL or EXTRA")
        self.path = os.fspath(path)
        self._conn: sqlite3.Connection | None = sqlite3.connect(self.path, isolation_level=None)
        self._depth = 0
        c = self._conn
        c.execute("PRAGMA journal_mode=WAL")
        c.execute(f"PRAGMA synchronous={synchronous.upper()}")
        c.execute("PRAGMA busy_timeout=10000")
        # A larger page cache keeps the primary-key index hot while inserting into a large table.
        c.execute("PRAGMA cache_size=-65536")
        with self.transaction():
            for stmt in _SCHEMA.strip().split(";"):
                if stmt.strip():
                    c.execute(stmt)
            c.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?), ('created_at', ?)",
                (str(SCHEMA_VERSION), repr(time.time())),
            )
        version = int(self.get_meta("schema_version", str(SCHEMA_VERSION)))
        if version != SCHEMA_VERSION:
            raise RuntimeError(f"{self.path}: schema version {version}, expected {SCHEMA_VERSION}")

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise RuntimeError("store is closed")
        return self._conn

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes into one atomic transaction (re-entrant: nested blocks join the outer one).

        The transaction commits when the outermost block exits, *also* when it exits with an exception: each
        buffer operation that returned has already been applied in memory, and committing keeps disk and memory
        in agreement. An operation that failed inside SQLite raised before touching memory.
        """
        conn = self.conn
        if self._depth == 0:
            conn.execute("BEGIN IMMEDIATE")
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if self._depth == 0 and conn.in_transaction:
                conn.execute("COMMIT")

    def upsert(self, exp: Experience, added_at: float | None = None) -> None:
        """Insert ``exp`` or overwrite the row with the same key (keeping its ``rowid`` and ``added_at``)."""
        with self.transaction():
            self.conn.execute(_UPSERT, self._params(exp, added_at))

    def delete(self, key: Key) -> None:
        """Delete the row with ``key`` (no-op if absent)."""
        with self.transaction():
            self.conn.execute("DELETE FROM experiences WHERE parent_id = ? AND program = ?", key)

    def update_priorities(self, items: Sequence[tuple[Key, float]]) -> None:
        """Set the priority of several rows, in one transaction."""
        with self.transaction():
            self.conn.executemany(
                "UPDATE experiences SET priority = ? WHERE parent_id = ? AND program = ?",
                [(p, k[0], k[1]) for k, p in items],
            )

    @staticmethod
    def _params(exp: Experience, added_at: float | None) -> tuple[Any, ...]:
        return (
            exp.parent_id,
            exp.program,
            exp.tokens_json,
            exp.inputs_json,
            exp.outputs_json,
            exp.priority,
            exp.origin,
            exp.iteration,
            exp.demo_accuracy,
            time.time() if added_at is None else added_at,
        )

    def rows(self) -> Iterator[StoredRow]:
        """All stored rows in ``rowid`` (insertion) order."""
        cur = self.conn.execute(
            "SELECT parent_id, program, tokens, inputs, outputs, priority, origin, iteration, demo_accuracy "
            "FROM experiences ORDER BY rowid"
        )
        while True:
            batch = cur.fetchmany(8192)
            if not batch:
                return
            yield from batch

    def count(self) -> int:
        """Number of stored experiences."""
        return int(self.conn.execute("SELECT count(*) FROM experiences").fetchone()[0])

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        """Value of a ``meta`` entry, or ``default``."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return default if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        """Set a ``meta`` entry (committed with the current transaction, or at once)."""
        with self.transaction():
            self.conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, str(value)),
            )

    def integrity_ok(self) -> bool:
        """``PRAGMA integrity_check`` reports ``ok``."""
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    def checkpoint(self) -> None:
        """Fold the WAL into the main file (optional; SQLite also does this automatically)."""
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        """Close the connection (idempotent)."""
        if self._conn is not None:
            if self._conn.in_transaction:
                self._conn.execute("COMMIT")
                self._depth = 0
            self._conn.close()
            self._conn = None


__all__ = ["SCHEMA_VERSION", "SqliteStore", "StoredRow", "row_to_experience"]
