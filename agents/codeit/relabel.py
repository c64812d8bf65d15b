"""Hindsight relabeling (the rule of Butt et al., ICML 2024) and seed experiences.

A sampled program that runs on some demo inputs of its task becomes a new task: those inputs paired with the
outputs the program *actually* produced. The policy then learns to write that program for that relabeled
task, whether or not it solved the original one.
"""

from __future__ import annotations

from typing import Optional, Sequence

from agents.codeit.encoding import pair_size_key
from arc_env.scoring import ProgramScore
from arc_env.tasks import Task
from replay import Experience

MAX_RELABEL_CELLS = 1_000  # outputs this large are not kept (the paper's rule)


def demo_indices(task: Task, one_demo: bool = False) -> list[int]:
    """The demos a run uses: all of them, or only the smallest (ablation A5: by the paper's sort key)."""
    if not one_demo:
        return list(range(len(task.train)))
    return [min(range(len(task.train)), key=lambda k: pair_size_key((task.train[k].input, task.train[k].output)))]


def relabel(task: Task, score: ProgramScore, tokens: Sequence[int], iteration: int, *, relabel: bool = True,
            one_demo: bool = False) -> Optional[Experience]:
    """The policy experience a scored program yields, or None.

    With ``relabel`` (the default): the demos where the program produced a valid grid of fewer than
    1,000 cells, paired with the realized outputs (identity and degenerate outputs are kept, as in the paper).
    Without it (ablation A2): only a program that solves every demo, paired with the real outputs.
    Priority is left to the buffer's priority function; ``demo_accuracy`` is on the real demos.
    """
    indices = demo_indices(task, one_demo)
    if relabel:
        kept = [k for k in indices if score.demo_outputs[k] is not None
                and len(score.demo_outputs[k]) * len(score.demo_outputs[k][0]) < MAX_RELABEL_CELLS]
        if not kept:
            return None
        outputs = tuple(score.demo_outputs[k] for k in kept)
    else:
        if not all(score.demo_correct[k] for k in indices):
            return None
        kept = indices
        outputs = tuple(task.train[k].output for k in kept)
    return Experience(parent_id=task.id, program=score.program, tokens=tuple(tokens),
                      inputs=tuple(task.train[k].input for k in kept), outputs=outputs, priority=0.0,
                      origin="policy", iteration=iteration, demo_accuracy=score.demo_accuracy)


def seed_experience(task_id: str, program: str, tokens: Sequence[int], pairs: Sequence[tuple], origin: str,
                    one_demo: bool = False) -> Experience:
    """A seed-pool experience: a reference program or a mutant with the pairs it produces."""
    if one_demo:
        pairs = [min(pairs, key=pair_size_key)]
    return Experience(parent_id=task_id, program=program, tokens=tuple(tokens),
                      inputs=tuple(p[0] for p in pairs), outputs=tuple(p[1] for p in pairs), priority=0.0,
                      origin=origin, iteration=0, demo_accuracy=1.0)
