"""A process pool with a deadline per job: a job past its deadline kills only its own worker.

:func:`imap_deadline` runs a picklable top-level function on each item in worker processes and yields a
:class:`JobResult` per item as each completes. A job that runs past ``timeout`` seconds gets its worker
killed (``error="timeout"``) and a fresh worker takes the worker's place; the other jobs keep running and
keep their real results. A worker that dies (killed by the OS, out of memory) reports ``"crash"``; an
exception in ``fn`` reports ``"error: <message>"`` and the worker carries on.

Workers are started with ``spawn`` (they must not inherit a trainer's torch threads or open files), may be
given an address-space limit (``RLIMIT_AS``) as a backstop against memory blow-ups, and never outlive the
process that drives them: on Linux they ask the kernel for SIGKILL when their parent dies
(``PR_SET_PDEATHSIG``), and everywhere a watchdog thread exits once the parent is gone.

:class:`DeadlinePool` keeps its workers between calls (CodeIt's executor scores a batch per iteration);
:func:`imap_deadline` is the one-shot form.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Iterator, Optional, Sequence

logger = logging.getLogger(__name__)

_WATCHDOG_SECONDS = 0.5  # how often a worker checks that its parent is alive
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class JobResult:
    """The outcome of one job.

    Attributes:
        index: position of the item in ``items``.
        value: ``fn(item)`` when ok, else None.
        error: None, ``"timeout"`` (killed at the deadline), ``"crash"`` (the worker died or ran out of
            memory), or ``"error: <one-line message>"`` (``fn`` raised).
        seconds: wall-clock seconds from dispatch to result (or to the kill).
    """

    index: int
    value: Any
    error: Optional[str]
    seconds: float

    @property
    def ok(self) -> bool:
        """True if ``fn`` returned a value."""
        return self.error is None


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"error: {type(exc).__name__}" + (f": {text[0]}" if text else "")


# ------------------------------------------------------------------------------------------------- worker

def _die_with_parent(parent_pid: int, deathsig: bool) -> None:
    """Make sure this worker never outlives the process that started it."""
    if deathsig and sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - exotic libc; the watchdog still runs
            pass
    if os.getppid() != parent_pid:  # the parent died before the request above took effect
        os._exit(1)

    def watch() -> None:
        # Covers non-Linux systems and workers whose starting thread may exit before the parent does.
        while True:
            time.sleep(_WATCHDOG_SECONDS)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


def _vm_bytes() -> int:
    """This process's current virtual memory size (0 where /proc is not available)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _limit_memory(memory_bytes: int) -> None:
    """Cap the address space at what the worker maps now plus ``memory_bytes``."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _vm_bytes() + memory_bytes
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _worker_main(conn: Connection, parent_pid: int, memory_bytes: Optional[int], deathsig: bool) -> None:
    """A worker's loop: receive ``(fn, index, item)``, send ``(index, value, error)``."""
    _die_with_parent(parent_pid, deathsig)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the driver's to handle
    if memory_bytes:
        _limit_memory(memory_bytes)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        fn, index, item = message
        try:
            value, error = fn(item), None
        except MemoryError:
            value = None
            conn.send((index, None, "crash"))
            return  # a worker that ran out of memory is not trusted with another job
        except Exception as e:  # noqa: BLE001 - reported to the driver, never fatal to the worker
            value, error = None, _one_line(e)
        try:
            conn.send((index, value, error))
        except Exception as e:  # noqa: BLE001 - e.g. an unpicklable value
            conn.send((index, None, _one_line(e)))


# ------------------------------------------------------------------------------------------------- driver

class _Worker:
    __slots__ = ("conn", "job", "process", "started")

    def __init__(self, ctx: Any, memory_bytes: Optional[int]) -> None:
        parent_end, child_end = ctx.Pipe()
        deathsig = threading.current_thread() is threading.main_thread()  # the signal follows the thread
        self.process = ctx.Process(target=_worker_main, args=(child_end, os.getpid(), memory_bytes, deathsig),
                                   daemon=True)
        self.process.start()
        child_end.close()  # so that the worker's death reads as end-of-file here
        self.conn = parent_end
        self.job: Optional[int] = None
        self.started = 0.0

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(timeout=1.0)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class DeadlinePool:
    """Worker processes that run jobs under a per-job deadline; see :func:`imap_deadline`.

    Args:
        workers: number of worker processes (started on first use).
        memory_bytes: address space each worker may map beyond its size at start (``RLIMIT_AS``); None for
            no limit.
    """

    def __init__(self, workers: int, memory_bytes: Optional[int] = None) -> None:
        if workers < 1:
            raise ValueError("a DeadlinePool needs at least one worker; use imap_deadline(workers=0) in-process")
        self.workers = workers
        self.memory_bytes = memory_bytes
        self.killed = 0  # jobs stopped at their deadline so far
        self._ctx = mp.get_context("spawn")
        self._idle: list[_Worker] = []

    def imap(self, fn: Callable[[Any], Any], items: Sequence[Any], timeout: Optional[float]) -> Iterator[JobResult]:
        """Yield a :class:`JobResult` per item as jobs complete; a job past ``timeout`` seconds is killed."""
        pending = deque(enumerate(items))
        busy: dict[Connection, _Worker] = {}
        try:
            while pending or busy:
                while pending and (self._idle or len(busy) < self.workers):
                    worker = self._idle.pop() if self._idle else _Worker(self._ctx, self.memory_bytes)
                    index, item = pending.popleft()
                    try:
                        worker.conn.send((fn, index, item))
                    except (OSError, EOFError):  # the idle worker had died: count the job as a crash
                        worker.kill()
                        yield JobResult(index, None, "crash", 0.0)
                        continue
                    except Exception as e:  # noqa: BLE001 - fn or item cannot be pickled
                        self._idle.append(worker)
                        yield JobResult(index, None, _one_line(e), 0.0)
                        continue
                    worker.job, worker.started = index, time.perf_counter()
                    busy[worker.conn] = worker
                if not busy:
                    continue
                wait_for = None
                if timeout is not None:
                    first = min(w.started for w in busy.values())
                    wait_for = max(0.0, first + timeout - time.perf_counter())
                for conn in wait(list(busy), wait_for):
                    worker = busy.pop(conn)
                    try:
                        index, value, error = conn.recv()
                    except (EOFError, OSError):
                        worker.kill()
                        yield JobResult(worker.job, None, "crash", time.perf_counter() - worker.started)
                        continue
                    if error == "crash":
                        worker.kill()
                    else:
                        self._idle.append(worker)
                    yield JobResult(index, value, error, time.perf_counter() - worker.started)
                if timeout is not None:
                    now = time.perf_counter()
                    for conn, worker in list(busy.items()):
                        if now - worker.started > timeout and not conn.poll():
                            del busy[conn]
                            worker.kill()
                            self.killed += 1
                            logger.info("job %d passed its %.1f s deadline: worker killed", worker.job, timeout)
                            yield JobResult(worker.job, None, "timeout", now - worker.started)
        finally:
            for worker in busy.values():  # abandoned mid-job (the caller stopped iterating): results are stale
                worker.kill()

    def close(self) -> None:
        """Stop the idle workers."""
        while self._idle:
            self._idle.pop().stop()

    def __enter__(self) -> "DeadlinePool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def imap_deadline(fn: Callable[[Any], Any], items: Sequence[Any], *, workers: int, timeout: Optional[float],
                  memory_bytes: Optional[int] = None) -> Iterator[JobResult]:
    """Run fn on each item in worker processes, yielding results as they complete; a job past `timeout`
    seconds kills only its own worker (replaced by a fresh one); workers=0 runs in-process (no deadline)."""
    if workers <= 0:
        for index, item in enumerate(items):
            start = time.perf_counter()
            try:
                value, error = fn(item), None
            except Exception as e:  # noqa: BLE001 - same reporting as in a worker
                value, error = None, _one_line(e)
            yield JobResult(index, value, error, time.perf_counter() - start)
        return
    with DeadlinePool(min(workers, max(len(items), 1)), memory_bytes) as pool:
        yield from pool.imap(fn, items, timeout)
