"""The ``--backend {local,ray}`` and ``--address ADDR`` options shared by ``codeit compare``, ``solve``, ``train``
and ``resume`` (see :mod:`agents.backends`)."""

from __future__ import annotations

import argparse
from typing import Optional

__all__ = ["add_backend_arguments", "backend_error"]


def add_backend_arguments(p: argparse.ArgumentParser, default: Optional[str] = "local") -> None:
    """``--backend {local,ray}`` and ``--address ADDR`` (see :mod:`agents.backends`)."""
    p.add_argument("--backend", choices=("local", "ray"), default=default,
                   help="where jobs run: local worker processes, or Ray tasks (a local Ray instance on 127.0.0.1, "
                        "or the cluster at --address; needs the [ray] extra)" +
                        (" (default: local)" if default else " (default: the run's)"))
    p.add_argument("--address", default=None, metavar="ADDR",
                   help="with --backend ray: the Ray cluster to join (auto, or HOST:PORT of `ray start --head`)")


def backend_error(backend: Optional[str], address: Optional[str]) -> Optional[str]:
    """The one-line message for a backend that cannot be used (Ray not installed, --address without Ray)."""
    from agents.backends import BackendUnavailable, check_backend

    if address is not None and backend != "ray":
        return "--address needs --backend ray"
    if backend is None:
        return None
    try:
        check_backend(backend, address)
    except (ValueError, BackendUnavailable) as exc:
        return str(exc)
    return None
