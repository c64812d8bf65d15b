"""``codeit train``, ``codeit resume`` and ``codeit evaluate``: the CodeIt subcommands of the CLI."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Callable, Optional

from agents.cli_backend import add_backend_arguments, backend_error

if TYPE_CHECKING:
    from agents.codeit.trainer import CodeItTrainer

EXIT_USAGE = 2


def _error(message: str) -> int:
    """A user error: one line on stderr, exit code 2."""
    print(f"codeit: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _user_errors() -> tuple[type[BaseException], ...]:
    """The exceptions that mean a bad command line, configuration or run directory (not a bug)."""
    from agents.codeit.config import ConfigError
    from agents.codeit.trainer import RunStateError
    from arc_env.loaders import TaskFormatError

    return ConfigError, RunStateError, TaskFormatError


def add_subcommands(subparsers: argparse._SubParsersAction, register: Callable) -> None:
    """Register the CodeIt subcommands with the ``codeit`` parser."""
    p = register(subparsers, "train", _cmd_train, "run CodeIt (default: the cpu preset on ARC-AGI-1)")
    p.add_argument("--preset", choices=("cpu", "paper"), default="cpu")
    p.add_argument("--sampler", default=None, metavar="NAME",
                   help="search (a prior-guided search; the cpu preset's) or t5 (the paper preset's)")
    p.add_argument("--out", default="runs/codeit", help="run directory (default: runs/codeit)")
    p.add_argument("--iterations", type=int, default=None, help="meta-iterations (default: the preset's)")
    p.add_argument("--tasks", type=int, default=None, help="use only the first K search tasks")
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                   help="override any config field, e.g. --set samples_per_task=8 --set relabel=false")
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    p.add_argument("--overwrite", action="store_true",
                   help="delete the run already in --out and start over (default: refuse; see `codeit resume`)")
    add_backend_arguments(p, default=None)
    p = register(subparsers, "resume", _cmd_resume, "continue a CodeIt run from its last checkpoint")
    p.add_argument("out", metavar="DIR")
    p.add_argument("--iterations", type=int, default=None, help="total meta-iterations to reach")
    p.add_argument("--quiet", action="store_true")
    add_backend_arguments(p, default=None)
    p = register(subparsers, "evaluate", _cmd_evaluate, "score a CodeIt run (top-3 and pass@2)")
    p.add_argument("out", metavar="DIR")
    p.add_argument("--json", action="store_true", help="print one JSON object")


def _print_table(trainer) -> None:
    rows = trainer.solved_table()
    if not rows:
        print(f"\nno search task solved (top-3) out of {len(trainer.search_tasks)}")
    else:
        print(f"\nsolved {len(rows)}/{len(trainer.search_tasks)} search tasks (top-3):")
        print(f"{'task':10s} {'iter':>4s}  program")
        for task_id, program, iteration in rows:
            print(f"{task_id:10s} {iteration:4d}  {program.replace(chr(10), '; ')}")
    cut = [row["iteration"] for row in trainer.performance if str(row.get("train_cut_short")) == "True"]
    if cut:
        print(f"note: max_train_seconds={trainer.config.max_train_seconds} cut training short in iteration(s) "
              f"{', '.join(map(str, cut))} (column train_cut_short of performance.csv)")
    print(f"run directory: {trainer.out}")


def _cmd_train(args: argparse.Namespace) -> int:
    # Imported here: torch and transformers take seconds to load, and other subcommands do not need them.
    from agents.codeit.config import CodeItConfig
    from agents.codeit.trainer import CodeItTrainer

    backend = _backend(args)
    problem = backend_error(backend, args.address)
    if problem:
        return _error(problem)
    try:
        config = CodeItConfig.from_preset(args.preset).override(args.overrides)
        extra = {k: str(v) for k, v in (("sampler", args.sampler), ("iterations", args.iterations),
                                        ("tasks", args.tasks), ("backend", backend), ("address", args.address))
                 if v is not None}
        config = config.override([f"{k}={v}" for k, v in extra.items()])
        trainer = CodeItTrainer(config, args.out, progress=not args.quiet, log=print, overwrite=args.overwrite)
    except _user_errors() as exc:
        return _error(str(exc))
    return _run(trainer, None)


def _run(trainer: "CodeItTrainer", iterations: Optional[int]) -> int:
    """Run to ``iterations``; Ctrl-C stops with a one-line hint (everything committed so far is kept)."""
    from agents.codeit.trainer import ITERATION_META

    try:
        trainer.run(iterations)
    except KeyboardInterrupt:
        committed = trainer.buffer.store.get_meta(ITERATION_META, "0")
        print(f"codeit: interrupted; {committed} iteration(s) committed; continue with "
              f"`codeit resume {trainer.out}`", file=sys.stderr)
        return 130
    finally:
        trainer.buffer.close()  # folds SQLite's write-ahead log into buffer.db
    _print_table(trainer)
    return 0


def _cmd_resume(args: argparse.Namespace) -> int:
    from agents.codeit.trainer import CodeItTrainer

    backend = _backend(args)
    problem = backend_error(backend, args.address)
    if problem:
        return _error(problem)
    try:
        trainer = CodeItTrainer.resume(args.out, progress=not args.quiet, log=print)
        if backend is not None:
            _switch_backend(trainer, backend, args.address)
    except _user_errors() as exc:
        return _error(str(exc))
    return _run(trainer, args.iterations)


def _backend(args: argparse.Namespace) -> Optional[str]:
    """``--backend``, or ``ray`` when only ``--address`` is given; None when neither is."""
    return args.backend or ("ray" if args.address is not None else None)


def _switch_backend(trainer: "CodeItTrainer", backend: str, address: Optional[str]) -> None:
    """Run the rest of a resumed run on another backend (where programs run does not change the results; the
    run's saved config.json keeps the backend it was started with)."""
    import dataclasses

    from agents.codeit.executor import ProgramExecutor

    config = dataclasses.replace(trainer.config, backend=backend, address=address)
    old = trainer.executor
    trainer.executor = ProgramExecutor(config.workers, config.program_seconds, slack=old.slack,
                                       memory_bytes=old.memory_bytes, backend=backend, address=address)
    old.close()
    trainer.config = config


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from agents.codeit.trainer import evaluate_run

    try:
        result = evaluate_run(args.out)
    except _user_errors() as exc:
        return _error(str(exc))
    if args.json:
        print(json.dumps(result))
    else:
        print(f"solved {result['solved_top3']:.0f}/{result['tasks']} (top-3), pass@2 {result['solved_pass2']:.2f}; "
              f"{result['tasks_with_candidates']} tasks have candidates")
        print(f"rewrote {result['submission']}")
    return 0
