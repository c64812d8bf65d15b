"""The Ray backend of the deadline pool: the same ``imap`` contract as :class:`agents.pool.DeadlinePool`, with the
jobs running as Ray tasks on a local Ray instance or on a cluster.

:class:`RayPool` keeps at most one job per CPU of the cluster (or ``workers``) in flight, so that a job's
deadline, counted from its dispatch, is time spent running and not time spent queued. Results come back in
completion order, each a :class:`agents.pool.JobResult`, with the local pool's meanings:

* a job past its deadline is cancelled with ``ray.cancel(ref, force=True)``, which kills the worker process
  running it (Ray starts a fresh one); it is reported ``error="timeout"`` and never retried (Ray does not retry
  cancelled tasks);
* a worker that dies mid-job (killed by a user or the OS, its node lost) is a *system* failure: Ray reruns the
  job on another worker, up to ``max_retries`` times, and only then is the job reported ``"crash"``. A retried
  job keeps its first dispatch time, so the deadline bounds all its attempts together;
* an exception in ``fn`` is caught inside the worker and reported ``"error: <message>"`` (never retried: it would
  raise again); a job that runs out of its memory cap (``MemoryError`` under ``RLIMIT_AS``) is reported
  ``"crash"``, as the local pool does.

The memory cap (``memory_bytes``) is an address-space limit set inside the Ray worker for the duration of each
job (what the worker maps when the job starts, plus ``memory_bytes``) and lifted afterwards, so the long-lived
Ray workers keep no cap between jobs.

Connections: without an address a local Ray instance is started on first use, bound to the loopback interface
only (127.0.0.1), with ``workers`` CPUs (default: this machine's cores), no dashboard, and quiet logs; it is
shut down when the last pool using it closes. With an address (``"auto"``, ``"HOST:PORT"``, ``"ray://..."``)
the pool joins that cluster and only disconnects on close. If the process is already connected to Ray
(``ray.init`` called by the caller), the pool uses that connection and leaves it open.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from typing import Any, Callable, Iterator, Optional, Sequence

from agents.pool import JobResult, _limit_memory, _one_line

logger = logging.getLogger(__name__)

#: How often Ray reruns a job whose worker died (a system failure) before reporting ``"crash"``.
DEFAULT_MAX_RETRIES = 3
# Ray's switch between "cluster" and "loopback only" node addresses (read through ray._private.ray_constants).
_CLUSTER_ENV = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"


def _default_cpus() -> int:
    from agents.solve import default_workers

    return default_workers()


# ------------------------------------------------------------------------------------------------- worker side

def _run_job(fn: Callable[[Any], Any], item: Any, memory_bytes: Optional[int]) -> tuple[Any, Optional[str]]:
    """Inside a Ray worker: ``(fn(item), None)`` or ``(None, error)``; exceptions never reach Ray (so Ray only
    retries system failures), and the memory cap holds for this job only."""
    previous = None
    if memory_bytes:
        import resource

        previous = resource.getrlimit(resource.RLIMIT_AS)
        _limit_memory(memory_bytes)
    try:
        return fn(item), None
    except MemoryError:
        return None, "crash"
    except Exception as e:  # noqa: BLE001 - reported to the driver like the local pool does
        return None, _one_line(e)
    finally:
        if previous is not None:
            import resource

            try:
                resource.setrlimit(resource.RLIMIT_AS, previous)
            except (ValueError, OSError):  # pragma: no cover - the soft limit may always be raised to the hard one
                logger.warning("could not lift a job's memory cap in Ray worker %d", os.getpid())


# ------------------------------------------------------------------------------------------------- connection

class _Connection:
    """Reference-counted use of this process's Ray connection (several pools may share it)."""

    lock = threading.Lock()
    users = 0
    owned = False  # True if a pool called ray.init (and so calls ray.shutdown after the last user)
    started_seconds = 0.0  # how long ray.init took, for the benchmark

    @classmethod
    def acquire(cls, address: Optional[str], cpus: Optional[int]) -> None:
        import ray

        with cls.lock:
            if cls.users == 0 and not ray.is_initialized():
                started = time.perf_counter()
                if address is None:
                    _init_local(cpus or _default_cpus())
                else:
                    ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False,
                             configure_logging=False)
                cls.started_seconds = time.perf_counter() - started
                cls.owned = True
                logger.info("ray: %s in %.1f s (%s CPUs)", "started a local instance" if address is None else
                            f"connected to {address}", cls.started_seconds,
                            int(ray.cluster_resources().get("CPU", 0)))
            elif cls.users == 0:
                cls.owned = False  # the caller's connection: used, never shut down
            cls.users += 1

    @classmethod
    def release(cls) -> None:
        import ray

        with cls.lock:
            cls.users = max(0, cls.users - 1)
            if cls.users == 0 and cls.owned and ray.is_initialized():
                ray.shutdown()
                cls.owned = False


def _init_local(cpus: int) -> None:
    """Start a local Ray instance listening on 127.0.0.1 only."""
    import ray
    from ray._private import ray_constants  # the node address switch; checked below, warned about if ignored

    saved_env = os.environ.get(_CLUSTER_ENV)
    saved_flag = getattr(ray_constants, "ENABLE_RAY_CLUSTER", None)
    # With the "cluster" switch off, Ray takes 127.0.0.1 as the node address and binds its servers there; the
    # environment variable carries the switch to the GCS, raylet and worker processes started below.
    os.environ[_CLUSTER_ENV] = "0"
    ray_constants.ENABLE_RAY_CLUSTER = False
    try:
        context = ray.init(num_cpus=cpus, include_dashboard=False, _node_ip_address="127.0.0.1",
                           logging_level=logging.WARNING, log_to_driver=False, configure_logging=False)
    finally:
        if saved_env is None:
            os.environ.pop(_CLUSTER_ENV, None)
        else:
            os.environ[_CLUSTER_ENV] = saved_env
        if saved_flag is not None:
            ray_constants.ENABLE_RAY_CLUSTER = saved_flag
    node_ip = getattr(context, "address_info", {}).get("node_ip_address")
    if node_ip not in (None, "127.0.0.1"):
        logger.warning("the local Ray instance took node address %s, not 127.0.0.1", node_ip)


def ray_startup_seconds() -> float:
    """Seconds the last ``ray.init`` by a pool took (0 if the pool used the caller's connection)."""
    return _Connection.started_seconds


# ------------------------------------------------------------------------------------------------- the pool

class RayPool:
    """Ray tasks under a per-job deadline, with the :class:`agents.pool.DeadlinePool` API.

    Args:
        workers: jobs in flight at once (and the CPUs of a local instance); None: the cluster's CPUs (a local
            instance gets this machine's cores).
        memory_bytes: address space a job may map beyond its worker's size when it starts (``RLIMIT_AS``);
            None for no cap.
        address: a Ray cluster to join (``"auto"``, ``"HOST:PORT"``); None starts a local instance on 127.0.0.1.
        max_retries: reruns of a job whose worker died before it is reported ``"crash"``.

    Ray is connected on first use, not on construction.
    """

    def __init__(self, workers: Optional[int] = None, memory_bytes: Optional[int] = None,
                 address: Optional[str] = None, max_retries: int = DEFAULT_MAX_RETRIES) -> None:
        if workers is not None and workers < 1:
            raise ValueError("a RayPool needs at least one worker (or None for the cluster's CPUs)")
        import ray  # noqa: F401 - fail here, not at the first job, when the [ray] extra is missing

        self.workers = workers
        self.memory_bytes = memory_bytes
        self.address = address
        self.max_retries = max_retries
        self.killed = 0  # jobs stopped at their deadline so far
        self._connected = False
        self._remote: Any = None

    def _connect(self) -> None:
        if self._connected:
            return
        import ray

        _Connection.acquire(self.address, self.workers)
        self._connected = True
        self._remote = ray.remote(num_cpus=1, max_retries=self.max_retries, retry_exceptions=False)(_run_job)

    def capacity(self) -> int:
        """Jobs this pool keeps in flight: ``workers``, else the cluster's CPUs now (clusters may grow)."""
        self._connect()
        if self.workers is not None:
            return self.workers
        import ray

        return max(1, int(ray.cluster_resources().get("CPU", 1)))

    def imap(self, fn: Callable[[Any], Any], items: Sequence[Any], timeout: Optional[float]) -> Iterator[JobResult]:
        """Yield a :class:`JobResult` per item as jobs complete; a job past ``timeout`` seconds is cancelled and
        its worker killed."""
        import ray

        if not items:
            return
        self._connect()
        capacity = self.capacity()
        fn_ref = ray.put(fn)
        pending = list(enumerate(items))
        pending.reverse()  # pop() from the end keeps the items' order
        inflight: dict[Any, tuple[int, float]] = {}  # ref -> (index, dispatch time)
        try:
            while pending or inflight:
                while pending and len(inflight) < capacity:
                    index, item = pending.pop()
                    try:
                        ref = self._remote.remote(fn_ref, item, self.memory_bytes)
                    except Exception as e:  # noqa: BLE001 - the item cannot be serialized
                        yield JobResult(index, None, _one_line(e), 0.0)
                        continue
                    inflight[ref] = (index, time.perf_counter())
                if not inflight:
                    continue
                wait_for = None
                if timeout is not None:
                    first = min(started for _, started in inflight.values())
                    wait_for = max(0.0, first + timeout - time.perf_counter())
                refs = list(inflight)
                ready, rest = ray.wait(refs, num_returns=1, timeout=wait_for)
                if ready and rest:  # collect everything else already done in one go
                    more, _ = ray.wait(rest, num_returns=len(rest), timeout=0)
                    ready += more
                for ref in ready:
                    index, started = inflight.pop(ref)
                    yield self._result(ref, index, started)
                if timeout is not None:
                    now = time.perf_counter()
                    late = [ref for ref, (_, started) in inflight.items() if now - started > timeout]
                    if late:
                        done, _ = ray.wait(late, num_returns=len(late), timeout=0)
                        for ref in done:  # finished just in time
                            index, started = inflight.pop(ref)
                            yield self._result(ref, index, started)
                        for ref in late:
                            if ref in inflight:
                                index, started = inflight.pop(ref)
                                ray.cancel(ref, force=True)
                                self.killed += 1
                                logger.info("job %d passed its %.1f s deadline: Ray worker killed", index, timeout)
                                yield JobResult(index, None, "timeout", now - started)
        finally:
            for ref in inflight:  # abandoned mid-job (the caller stopped iterating): stop the work
                ray.cancel(ref, force=True)

    @staticmethod
    def _result(ref: Any, index: int, started: float) -> JobResult:
        import ray

        seconds = time.perf_counter() - started
        try:
            value, error = ray.get(ref)
        except ray.exceptions.RayError as e:  # the worker died on every attempt, its node was lost, ...
            logger.warning("job %d failed in Ray: %s", index, _one_line(e))
            return JobResult(index, None, "crash", seconds)
        return JobResult(index, value, error, seconds)

    def close(self) -> None:
        """Release this pool's use of the Ray connection (a local instance stops with its last pool)."""
        if self._connected:
            self._connected = False
            self._remote = None
            _Connection.release()

    def __enter__(self) -> "RayPool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
