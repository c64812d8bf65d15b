"""Top-level job functions for the pool tests (worker processes import them by name)."""

from __future__ import annotations

import os
import time
from pathlib import Path


def job(x: object) -> object:
    """Square a number; hang, raise, die or allocate on the matching command."""
    if x == "hang":
        while True:
            pass
    if x == "raise":
        raise ValueError("bad item\nsecond line")
    if x == "die":
        os._exit(3)
    if x == "allocate":
        return len(bytearray(4 << 30))  # more than the test's memory limit allows
    return x * x


def hang_and_report(path: str) -> None:
    """Write this worker's pid to ``path``, then spin forever."""
    Path(path).write_text(str(os.getpid()))
    while True:
        time.sleep(0.01)


def sleep_and_report(job: tuple[str, int, float]) -> int:
    """Write this worker's pid to ``DIR/INDEX.pid``, sleep ``seconds``, return INDEX squared."""
    folder, index, seconds = job
    Path(folder, f"{index}.pid").write_text(str(os.getpid()))
    time.sleep(seconds)
    return index * index
