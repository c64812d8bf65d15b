"""The CodeIt run configuration: one typed dataclass, two presets, command-line overrides, saved with a run."""

from __future__ import annotations

import dataclasses
import json
import math
import typing
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Optional, Union

from agents.backends import BACKENDS
from agents.codeit.policy import PolicyConfig
from agents.codeit.prior import PriorConfig
from arc_env.loaders import normalize_dataset, normalize_split

PRIORITIES = ("demo_accuracy", "pixel_accuracy", "uniform")
SAMPLERS = ("search", "t5")
PRIOR_MODES = ("learned", "uniform")
PRESETS = ("cpu", "paper")
_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}
# Lower bounds of numeric fields (None values are checked separately: only Optional fields allow them).
_MINIMUM = {
    "tasks": 1, "mutants": 0, "iterations": 0, "samples_per_task": 1, "n_seed_draw": 0, "n_policy_draw": 0,
    "epochs_per_iteration": 1, "batch_size": 1, "grad_accumulation": 1, "workers": 0, "mutants_per_iteration": 0,
    "sample_batch_size": 1, "torch_threads": 1, "weight_decay": 0.0, "search_states": 1, "search_depth": 1,
    "hindsight_close": 0, "hindsight_random": 0, "seed_random_chains": 0, "seed_search_seconds": 0.0,
    "seed_hindsight_random": 0, "prior_pretrain_epochs": 0, "prior_states": 0,
}
_POSITIVE = ("temperature", "learning_rate", "max_train_seconds", "program_seconds", "search_seconds",
             "search_growth", "prior_pretrain_seconds")


class ConfigError(ValueError):
    """A configuration value or file is invalid; the message names the key (and the file)."""


def _convert(raw: str, hint: Any, key: str) -> Any:
    """``raw`` (command-line text) as a value of type ``hint``; raise :class:`ConfigError` if it is not one."""
    origin = typing.get_origin(hint)
    if origin is Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if raw.strip().lower() in ("none", "null"):
            return None
        return _convert(raw, args[0], key)
    text = raw.strip()
    if hint is bool:
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise ConfigError(f"{key}={raw!r}: expected a boolean (true/false)")
    if hint is int:
        try:
            return int(text)
        except ValueError:
            raise ConfigError(f"{key}={raw!r}: expected an integer") from None
    if hint is float:
        try:
            value = float(text)
        except ValueError:
            raise ConfigError(f"{key}={raw!r}: expected a number") from None
        if not math.isfinite(value):
            raise ConfigError(f"{key}={raw!r}: expected a finite number")
        return value
    if hint is str:
        return raw
    if hint is dict or origin is dict:
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            value = None
        if not isinstance(value, dict):
            raise ConfigError(f"{key}={raw!r}: expected a JSON object (or set one entry: {key}.NAME=VALUE)")
        return value
    raise ConfigError(f"{key}: cannot be set from the command line")


def _check_type(value: Any, hint: Any, key: str) -> None:
    """Raise :class:`ConfigError` unless ``value`` (e.g. read from JSON) fits ``hint``."""
    if typing.get_origin(hint) is Union:
        if value is None and type(None) in typing.get_args(hint):
            return
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    ok = {
        bool: isinstance(value, bool),
        int: isinstance(value, int) and not isinstance(value, bool),
        float: isinstance(value, (int, float)) and not isinstance(value, bool),
        str: isinstance(value, str),
        dict: isinstance(value, dict),
    }.get(hint, True)
    if not ok:
        raise ConfigError(f"{key}: expected {getattr(hint, '__name__', hint)}, got {value!r}")


@dataclass
class CodeItConfig:
    """Everything a CodeIt run depends on. ``cpu`` (default) fits 2 cores; ``paper`` is the paper's setting.

    Two samplers share the loop, the buffer and the outputs: ``sampler="search"`` (the ``cpu`` preset) runs a
    search per task guided by a learned prior over its transforms (``prior="uniform"``: the same search,
    unguided, no learning); ``sampler="t5"`` (the ``paper`` preset) samples programs from a T5 policy.

    The paper's ablations (Butt et al., "CodeIt", ICML 2024) are switches: ``relabel=False`` (A2: only programs
    solving all demos enter the buffer, with the real outputs), ``priority="uniform"`` (A3), ``use_mutants=False``
    (A6: seeds are the reference programs only), ``one_demo=True`` (A5: prompt and relabeling use only the smallest demo) and
    ``expert_iteration=False`` (A1: policy samples are scored but never added; each iteration adds
    ``mutants_per_iteration`` fresh mutation programs relabeled on random search tasks instead).
    """

    preset: str = "cpu"
    sampler: str = "search"
    # data
    dataset: str = "arcagi"
    search_split: str = "evaluation"
    tasks: Optional[int] = None          # use the first K search tasks (by id); None = all
    mutants: int = 1_000                 # mutation attempts for the seed pool (paper: 19,200)
    # loop
    iterations: int = 3
    seed: int = 17
    samples_per_task: int = 4            # paper: 24
    temperature: float = 0.95
    # replay draw per iteration (paper: 10,000 seed + 90,000 policy)
    n_seed_draw: int = 2_000
    n_policy_draw: int = 2_000
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
    backend: str = "local"               # where programs run: "local" worker processes or "ray" (agents.backends)
    address: Optional[str] = None        # the Ray cluster to join (None: a local Ray instance); backend="ray" only
    # ablations
    relabel: bool = True
    priority: str = "demo_accuracy"      # or pixel_accuracy (search sampler) or uniform (A3)
    use_mutants: bool = True
    one_demo: bool = False
    expert_iteration: bool = True
    mutants_per_iteration: int = 0
    # search sampler: per-task search budget per iteration, hindsight rows kept per task, seed pool
    search_seconds: float = 0.6
    search_growth: float = 1.5           # iteration k searches search_seconds * search_growth**k per task
    search_states: Optional[int] = None  # states expanded per task in iteration 0, grown like the seconds
                                         # (None: the time budget only; a state budget makes runs load-proof)
    search_depth: int = 3
    skip_fitted: bool = True             # later iterations skip tasks with a program fitting every demo
    prior: str = "learned"               # "uniform": the unguided search (no learning)
    hindsight_close: int = 8             # per task: the states closest to the demo outputs ...
    hindsight_random: int = 8            # ... plus this many drawn at random
    seed_random_chains: int = 20_000     # random transform chains run on training inputs (seed pool)
    seed_search_seconds: float = 0.3     # search per training task for the seed pool (0: none)
    # The seed search keeps hindsight_close states per training task plus this many at random: its states are
    # already computed, and the prior ranks held-out solution steps better with them (docs/results.md).
    seed_hindsight_random: int = 64
    # Iteration 0 trains the prior on the whole seed pool for this many epochs (within the seconds) instead of
    # one epoch on a draw: one epoch of a few thousand rows leaves it near uniform on unseen tasks.
    prior_pretrain_epochs: int = 8
    prior_pretrain_seconds: Optional[float] = 150.0
    # The prior's strength after iteration 0 (None: prior_model's throughout). Iteration 0 keeps costs near the
    # unguided search's (prior_model.strength 0.15: the prior orders the edges of one depth); the tasks it
    # leaves unfitted are searched again with the prior free to put a likely deeper chain first.
    prior_strength_later: Optional[float] = 1.0
    # The prior also reads the task left after each of a task's likeliest first steps (up to this many depth-1
    # states; 0: off), and learns from the chains' suffixes to do so: those states' next steps are ordered by
    # what they left to do rather than by the transition table alone (docs/architecture.md). Off by default:
    # on held-out training tasks it ranked second steps far better (median 4 against 22) but solved no more
    # (docs/results.md), and it costs a pass over the first steps per iteration.
    prior_states: int = 0
    prior_model: dict = field(default_factory=lambda: asdict(PriorConfig.cpu()))
    # model
    policy: dict = field(default_factory=lambda: asdict(PolicyConfig.cpu()))
    device: str = "cpu"
    sample_batch_size: int = 96
    # torch intra-op threads (None: torch's default). One thread is faster on a small shared CPU: two
    # threads spin against each other and against the executor's workers.
    torch_threads: Optional[int] = 1

    def __post_init__(self) -> None:
        hints = typing.get_type_hints(type(self))
        for f in fields(self):
            value = getattr(self, f.name)
            _check_type(value, hints[f.name], f.name)
            if value is None:
                continue
            if f.name in _MINIMUM and value < _MINIMUM[f.name]:
                raise ConfigError(f"{f.name}={value!r}: must be at least {_MINIMUM[f.name]}")
            if f.name in _POSITIVE and not (value > 0 and math.isfinite(value)):
                raise ConfigError(f"{f.name}={value!r}: must be a positive number")
        if self.preset not in PRESETS:
            raise ConfigError(f"preset={self.preset!r}: expected one of {', '.join(PRESETS)}")
        if self.sampler not in SAMPLERS:
            raise ConfigError(f"sampler={self.sampler!r}: expected one of {', '.join(SAMPLERS)}")
        if self.prior not in PRIOR_MODES:
            raise ConfigError(f"prior={self.prior!r}: expected one of {', '.join(PRIOR_MODES)}")
        try:
            PriorConfig(**self.prior_model)
        except TypeError as exc:
            raise ConfigError(f"prior_model: {exc}") from None
        if self.prior_strength_later is not None and not 0.0 <= self.prior_strength_later <= 4.0:
            raise ConfigError(f"prior_strength_later={self.prior_strength_later!r}: must be in [0, 4]")
        if self.backend not in BACKENDS:
            raise ConfigError(f"backend={self.backend!r}: expected one of {', '.join(BACKENDS)}")
        if self.address is not None and self.backend != "ray":
            raise ConfigError(f"address={self.address!r}: only with backend=ray")
        if self.priority not in PRIORITIES:
            raise ConfigError(f"priority={self.priority!r}: expected one of {', '.join(PRIORITIES)}")
        if not 0 < self.temperature <= 10:
            raise ConfigError(f"temperature={self.temperature!r}: must be in (0, 10]")
        try:
            normalize_dataset(self.dataset)
            normalize_split(self.search_split)
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
        if self.device not in ("cpu", "cuda", "auto", "mps") and not self.device.startswith("cuda:"):
            raise ConfigError(f"device={self.device!r}: expected cpu, cuda, cuda:N, mps or auto")
        try:
            policy = PolicyConfig(**self.policy)  # validate early: unknown keys
        except TypeError as exc:
            raise ConfigError(f"policy: {exc}") from None
        if not policy.num_heads or policy.d_model % policy.num_heads:
            raise ConfigError(f"policy: d_model ({policy.d_model}) must be a multiple of num_heads "
                              f"({policy.num_heads})")
        policy_hints = typing.get_type_hints(PolicyConfig)
        for key, value in self.policy.items():
            _check_type(value, policy_hints[key], f"policy.{key}")
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
                raise ConfigError(f"policy.{key}={value!r}: must not be negative")

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
            config = cls(preset="paper", sampler="t5", mutants=19_200, iterations=100, samples_per_task=24, n_seed_draw=10_000,
                         n_policy_draw=90_000, batch_size=8, grad_accumulation=64, learning_rate=5e-5,
                         max_train_seconds=None, workers=8, policy=asdict(PolicyConfig.paper()), device="auto",
                         torch_threads=None)
        else:
            raise ConfigError(f"unknown preset {name!r}; expected 'cpu' or 'paper'")
        return dataclasses.replace(config, **overrides)

    def override(self, assignments: list[str]) -> "CodeItConfig":
        """Apply ``key=value`` strings, each converted to its field's type (``relabel=false``,
        ``batch_size=32``, ``tasks=none``); ``policy.d_model=64`` sets one entry of the policy. A value that does
        not fit its field raises :class:`ConfigError` naming it."""
        hints = typing.get_type_hints(type(self))
        nested = {"policy": PolicyConfig, "prior_model": PriorConfig}
        changes: dict[str, Any] = {}
        for item in assignments:
            key, sep, raw = item.partition("=")
            key = key.strip()
            group, dot, name = key.partition(".")
            if dot and group in nested:
                group_hints = typing.get_type_hints(nested[group])
                if not sep or name not in group_hints:
                    raise ConfigError(f"bad override {item!r}; {group} keys: {', '.join(sorted(group_hints))}")
                entries = dict(changes.get(group, getattr(self, group)))
                entries[name] = _convert(raw, group_hints[name], key)
                changes[group] = entries
                continue
            if not sep or key not in hints:
                raise ConfigError(f"bad override {item!r}; expected KEY=VALUE with KEY one of "
                                  f"{', '.join(sorted(hints))} (or policy.NAME, prior_model.NAME)")
            value = _convert(raw, hints[key], key)
            if key in nested:
                group_hints = typing.get_type_hints(nested[key])
                unknown = sorted(set(value) - set(group_hints))
                if unknown:
                    raise ConfigError(f"{key}: unknown keys {unknown}; expected some of {sorted(group_hints)}")
                value = {**changes.get(key, getattr(self, key)), **value}  # entries not given keep their values
            changes[key] = value
        return dataclasses.replace(self, **changes)

    def save(self, path: Union[str, Path]) -> None:
        """Write the configuration as JSON."""
        Path(path).write_text(json.dumps(asdict(self), indent=1))

    @classmethod
    def load(cls, path: Union[str, Path]) -> "CodeItConfig":
        """Read a configuration written by :meth:`save`; a missing, malformed or invalid file raises
        :class:`ConfigError` naming it."""
        path = Path(path)
        try:
            data = json.loads(path.read_text())
        except FileNotFoundError:
            raise ConfigError(f"{path}: missing") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ConfigError(f"{path}: unreadable or not JSON ({exc})") from None
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: expected a JSON object")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(f"{path}: unknown config keys {unknown}")
        try:
            return cls(**data)
        except ConfigError as exc:
            raise ConfigError(f"{path}: {exc}") from None
