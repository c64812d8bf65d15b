"""The CodeIt run configuration: one typed dataclass, two presets, command-line overrides, saved with a run."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Optional, Union

from agents.codeit.policy import PolicyConfig

PRIORITIES = ("demo_accuracy", "uniform")


@dataclass
class CodeItConfig:
    """Everything a CodeIt run depends on. ``cpu`` (default) fits 2 cores; ``paper`` is the paper's setting.

    Ablations (notes section 8) are switches: ``relabel=False`` (A2: only programs solving all demos enter
    the buffer, with the real outputs), ``priority="uniform"`` (A3), ``use_mutants=False`` (A6: seeds are the
    reference programs only), ``one_demo=True`` (A5: prompt and relabeling use only the smallest demo) and
    ``expert_iteration=False`` (A1: policy samples are scored but never added; each iteration adds
    ``mutants_per_iteration`` fresh mutation programs relabeled on random search tasks instead).
    """

    preset: str = "cpu"
    # data
    dataset: str = "arcagi"
    search_split: str = "evaluation"
    tasks: Optional[int] = None          # use the first K search tasks (by id); None = all
    mutants: int = 1_000                 # mutation attempts for the seed pool (paper: 19,200)
    # loop
    iterations: int = 1
    seed: int = 17
    samples_per_task: int = 4            # paper: 24
    temperature: float = 0.95
    # replay draw per iteration (paper: 10,000 seed + 90,000 policy)
    n_seed_draw: int = 1_200
    n_policy_draw: int = 1_200
    # learning
    epochs_per_iteration: int = 1
    batch_size: int = 16
    grad_accumulation: int = 1           # paper: 8 x 64 = 512
    learning_rate: float = 1e-3          # paper: 5e-5 from a pretrained model; a random-init small model needs more
    weight_decay: float = 0.01
    max_train_seconds: Optional[float] = 90.0  # cut an epoch short on slow machines (None = no cap)
    # execution
    workers: int = 2
    program_seconds: float = 0.25        # wall-clock budget per program run (the paper's per-line 0.25 s)
    # ablations
    relabel: bool = True
    priority: str = "demo_accuracy"
    use_mutants: bool = True
    one_demo: bool = False
    expert_iteration: bool = True
    mutants_per_iteration: int = 0
    # model
    policy: dict = field(default_factory=lambda: asdict(PolicyConfig.cpu()))
    device: str = "cpu"
    sample_batch_size: int = 96
    # torch intra-op threads (None: torch's default). One thread is faster on a small shared CPU: two
    # threads spin against each other and against the executor's workers.
    torch_threads: Optional[int] = 1

    def __post_init__(self) -> None:
        if self.priority not in PRIORITIES:
            raise ValueError(f"priority must be one of {PRIORITIES}")
        PolicyConfig(**self.policy)  # validate early

    @property
    def policy_config(self) -> PolicyConfig:
        """The policy's size and caps."""
        return PolicyConfig(**self.policy)

    @classmethod
    def from_preset(cls, name: str = "cpu", **overrides: Any) -> "CodeItConfig":
        """``cpu``: one meta-iteration over the 400 ARC-AGI-1 evaluation tasks in minutes on 2 cores.
        ``paper``: the paper's hyperparameters, for a GPU."""
        if name == "cpu":
            config = cls()
        elif name == "paper":
            config = cls(preset="paper", mutants=19_200, iterations=100, samples_per_task=24, n_seed_draw=10_000,
                         n_policy_draw=90_000, batch_size=8, grad_accumulation=64, learning_rate=5e-5,
                         max_train_seconds=None, workers=8, policy=asdict(PolicyConfig.paper()), device="auto",
                         torch_threads=None)
        else:
            raise ValueError(f"unknown preset {name!r}; expected 'cpu' or 'paper'")
        return dataclasses.replace(config, **overrides)

    def override(self, assignments: list[str]) -> "CodeItConfig":
        """Apply ``key=value`` strings (values parsed as JSON when possible, e.g. ``relabel=false``)."""
        known = {f.name: f for f in fields(self)}
        changes: dict[str, Any] = {}
        for item in assignments:
            key, sep, raw = item.partition("=")
            if not sep or key not in known:
                raise ValueError(f"bad override {item!r}; known keys: {', '.join(sorted(known))}")
            try:
                value = json.loads(raw)
            except json.JSONDecodeError:
                value = raw
            changes[key] = value
        return dataclasses.replace(self, **changes)

    def save(self, path: Union[str, Path]) -> None:
        """Write the configuration as JSON."""
        Path(path).write_text(json.dumps(asdict(self), indent=1))

    @classmethod
    def load(cls, path: Union[str, Path]) -> "CodeItConfig":
        """Read a configuration written by :meth:`save`."""
        return cls(**json.loads(Path(path).read_text()))
