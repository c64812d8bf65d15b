"""Where parallel work runs: one executor interface, two backends.

Every kind of parallel work in the project (solving tasks with any agent, scoring program batches, CodeIt's
per-task sampling and search) goes through a *pool* with one method::

    pool.imap(fn, items, timeout) -> Iterator[JobResult]   # results in completion order
    pool.close()                                            # also a context manager

``fn`` is a picklable top-level function, each item one job; a job past ``timeout`` seconds is stopped alone
(``error="timeout"``), a dead worker reads ``"crash"``, an exception in ``fn`` ``"error: <message>"``
(see :class:`agents.pool.JobResult`). :func:`make_pool` picks the backend:

* ``"local"`` (the default): :class:`agents.pool.DeadlinePool`, worker processes on this machine;
* ``"ray"``: :class:`agents.ray_pool.RayPool`, Ray tasks on a local Ray instance (127.0.0.1 only) or on the
  cluster at ``address``; a job whose worker dies is rerun on another worker. Needs the ``[ray]`` extra.
"""

from __future__ import annotations

import importlib.util
from typing import Any, Callable, Iterator, Optional, Protocol, Sequence

from agents.pool import DeadlinePool, JobResult, imap_deadline

__all__ = ["BACKENDS", "BackendUnavailable", "Pool", "check_backend", "imap_jobs", "make_pool"]

BACKENDS = ("local", "ray")
RAY_EXTRA_HINT = '--backend ray needs the [ray] extra: pip install -e ".[ray]"'


class BackendUnavailable(RuntimeError):
    """The backend's package is not installed (the message says which extra to install)."""


class Pool(Protocol):
    """What every backend's pool provides."""

    killed: int

    def imap(self, fn: Callable[[Any], Any], items: Sequence[Any],
             timeout: Optional[float]) -> Iterator[JobResult]: ...

    def close(self) -> None: ...

    def __enter__(self) -> "Pool": ...

    def __exit__(self, *exc: object) -> None: ...


def check_backend(backend: str, address: Optional[str] = None) -> None:
    """Raise ValueError for an unknown backend or an address without Ray, :class:`BackendUnavailable` when the
    backend's package is missing."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; expected one of {', '.join(BACKENDS)}")
    if backend == "local" and address is not None:
        raise ValueError("--address is for --backend ray")
    if backend == "ray" and importlib.util.find_spec("ray") is None:
        raise BackendUnavailable(RAY_EXTRA_HINT)


def make_pool(backend: str = "local", workers: Optional[int] = None, address: Optional[str] = None,
              memory_bytes: Optional[int] = None) -> Pool:
    """A pool of the named backend.

    Args:
        backend: ``"local"`` or ``"ray"``.
        workers: local: worker processes (default: one per core). Ray: jobs in flight and, for a local
            instance, its CPUs (default: the cluster's CPUs; a local instance gets this machine's cores).
        address: Ray only: the cluster to join (``"auto"``, ``"HOST:PORT"``); None starts a local instance.
        memory_bytes: address space each job may map beyond its worker's size (``RLIMIT_AS``); None: no cap.

    Raises ValueError for bad arguments and :class:`BackendUnavailable` when Ray is asked for but missing.
    Pools start their workers (or connect to Ray) on first use.
    """
    check_backend(backend, address)
    if backend == "local":
        from agents.solve import default_workers

        return DeadlinePool(default_workers() if workers is None else workers, memory_bytes)
    from agents.ray_pool import RayPool

    return RayPool(workers, memory_bytes, address)


def imap_jobs(fn: Callable[[Any], Any], items: Sequence[Any], *, backend: str = "local",
              workers: Optional[int] = None, timeout: Optional[float], memory_bytes: Optional[int] = None,
              address: Optional[str] = None) -> Iterator[JobResult]:
    """One-shot :meth:`Pool.imap` on a fresh pool of ``backend`` (closed afterwards). Local: ``workers=0`` runs
    in this process without a deadline, and no more workers than items are started."""
    check_backend(backend, address)
    if backend == "local":
        from agents.solve import default_workers

        yield from imap_deadline(fn, items, workers=default_workers() if workers is None else workers,
                                 timeout=timeout, memory_bytes=memory_bytes)
        return
    with make_pool(backend, workers, address, memory_bytes) as pool:
        yield from pool.imap(fn, items, timeout)

