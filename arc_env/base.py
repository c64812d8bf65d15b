"""What the token env and the text env share: task selection, the task observation, and rendering."""

from __future__ import annotations

import os
from typing import Any, Iterable, Optional, Sequence, Union

import gymnasium as gym
import numpy as np
from gymnasium import spaces

from arc_env.loaders import load_tasks
from arc_env.render import grids_side_by_side, panels_to_rgb
from arc_env.scoring import REWARD_MODES, ProgramScore
from arc_env.tasks import ARC_MAX_SIDE, Task
from dsl.interpreter import ERROR_KINDS

MAX_SIDE = ARC_MAX_SIDE
MAX_DEMOS = 10
PAD_COLOUR = 10  # never a colour: padding is distinguishable from black
TASK_ORDERS = ("random", "sequential")
RGB_CELL = 12  # pixels per grid cell in rgb_array renders: a 30x30 grid is 360 pixels wide


def grid_array(grid: Optional[Sequence[Sequence[int]]]) -> np.ndarray:
    """A grid padded to 30x30 with :data:`PAD_COLOUR` as int8."""
    out = np.full((MAX_SIDE, MAX_SIDE), PAD_COLOUR, dtype=np.int8)
    if grid:
        a = np.asarray(grid, dtype=np.int8)
        out[: a.shape[0], : a.shape[1]] = a
    return out


def task_observation_space() -> dict[str, spaces.Space]:
    """The observation keys that describe the task (demo pairs and the first test input, never its output)."""
    grids = spaces.Box(0, PAD_COLOUR, (MAX_DEMOS, MAX_SIDE, MAX_SIDE), np.int8)
    shapes = spaces.Box(0, MAX_SIDE, (MAX_DEMOS, 2), np.int8)
    return {
        "demo_inputs": grids,
        "demo_outputs": grids,
        "input_shapes": shapes,
        "output_shapes": shapes,
        "pair_mask": spaces.Box(0, 1, (MAX_DEMOS,), np.int8),
        "test_input": spaces.Box(0, PAD_COLOUR, (MAX_SIDE, MAX_SIDE), np.int8),
        "test_shape": spaces.Box(0, MAX_SIDE, (2,), np.int8),
    }


def task_arrays(task: Task) -> dict[str, np.ndarray]:
    """The task part of an observation (demos beyond :data:`MAX_DEMOS` are dropped)."""
    demos = task.train[:MAX_DEMOS]
    obs = {
        "demo_inputs": np.full((MAX_DEMOS, MAX_SIDE, MAX_SIDE), PAD_COLOUR, dtype=np.int8),
        "demo_outputs": np.full((MAX_DEMOS, MAX_SIDE, MAX_SIDE), PAD_COLOUR, dtype=np.int8),
        "input_shapes": np.zeros((MAX_DEMOS, 2), dtype=np.int8),
        "output_shapes": np.zeros((MAX_DEMOS, 2), dtype=np.int8),
        "pair_mask": np.zeros(MAX_DEMOS, dtype=np.int8),
    }
    for k, pair in enumerate(demos):
        obs["demo_inputs"][k] = grid_array(pair.input)
        obs["demo_outputs"][k] = grid_array(pair.output)
        obs["input_shapes"][k] = (len(pair.input), len(pair.input[0]))
        obs["output_shapes"][k] = (len(pair.output), len(pair.output[0]))
        obs["pair_mask"][k] = 1
    test = task.test[0].input
    obs["test_input"] = grid_array(test)
    obs["test_shape"] = np.array((len(test), len(test[0])), dtype=np.int8)
    return obs


_EMPTY_SCORE_INFO = {
    "is_success": np.bool_(False),
    "pairs_solved": np.int64(0),
    "pixel_accuracy": np.float32(0.0),
    "error_code": np.int64(0),
}


def empty_score_info() -> dict[str, Any]:
    """The numeric info keys every step carries, before the program has run (a fresh dict; numpy scalars
    are immutable, so sharing them is safe)."""
    return dict(_EMPTY_SCORE_INFO)


def score_info(score: ProgramScore) -> dict[str, Any]:
    """The numeric info keys for a scored program."""
    return {
        "is_success": np.bool_(score.solves_demos),
        "pairs_solved": np.int64(score.pairs_solved),
        "pixel_accuracy": np.float32(score.pixel_accuracy),
        "error_code": np.int64(ERROR_KINDS[score.error] if score.error else 0),
    }


def check_int_arg(name: str, value: Any, minimum: int, maximum: int) -> int:
    """``value`` as an int in ``minimum..maximum``; our own ``ValueError`` otherwise (not numpy's, later)."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not minimum <= value <= maximum:
        raise ValueError(f"{name} must be an integer from {minimum} to {maximum}, got {value!r}")
    return int(value)


def action_error(action: Any, space: spaces.Space, why: str = "") -> ValueError:
    """The error for an action outside the action space: it names the action (shortened) and the space."""
    text = repr(action)
    if len(text) > 80:
        text = text[:77] + "..."
    shown = str(space)
    if isinstance(space, spaces.MultiDiscrete) and space.nvec.size and (space.nvec == space.nvec.flat[0]).all():
        shown = f"MultiDiscrete([{space.nvec.flat[0]}] * {space.nvec.size})"
    return ValueError(f"action {text} ({type(action).__name__}) is outside the action space {shown}"
                      + (f": {why}" if why else ""))


class TaskEnvBase(gym.Env):
    """Task selection and rendering shared by :class:`~arc_env.env.ARCProgramEnv` and the text env."""

    metadata = {"render_modes": ["ansi", "rgb_array"], "render_fps": 4}

    def __init__(self, dataset: Union[str, os.PathLike, Iterable[Task]] = "arcagi2", split: str = "training",
                 task_ids: Optional[Sequence[str]] = None, order: str = "random",
                 reward_mode: str = "demo_fraction", render_mode: Optional[str] = None) -> None:
        if reward_mode not in REWARD_MODES:
            raise ValueError(f"reward_mode must be one of {REWARD_MODES}, not {reward_mode!r}")
        if order not in TASK_ORDERS:
            raise ValueError(f"order must be one of {TASK_ORDERS}, not {order!r}")
        if render_mode is not None and render_mode not in self.metadata["render_modes"]:
            raise ValueError(f"render_mode must be one of {self.metadata['render_modes']}, not {render_mode!r}")
        is_source = isinstance(dataset, (str, os.PathLike))
        tasks = load_tasks(dataset, split) if is_source else list(dataset)
        if not is_source and not all(isinstance(t, Task) for t in tasks):
            raise TypeError("dataset must be a dataset name, a path, or an iterable of arc_env.tasks.Task")
        if task_ids is not None:
            by_id = {t.id: t for t in tasks}
            missing = [i for i in task_ids if i not in by_id]
            if missing:
                raise KeyError(f"task ids not in {dataset!r}/{split}: {missing[:5]}")
            tasks = [by_id[i] for i in task_ids]
        if not tasks:
            where = f"{str(dataset)!r}/{split}" if is_source else "the given task list"
            raise ValueError(f"no tasks to serve: {where} holds none" + (" of the requested ids" if task_ids else ""))
        self.tasks: list[Task] = tasks
        self._task_index = {t.id: k for k, t in enumerate(tasks)}
        self.order = order
        self.reward_mode = reward_mode
        self.render_mode = render_mode
        self._next_sequential = 0
        self._pinned: Optional[int] = None
        self.task: Task = tasks[0]
        self._task_obs = task_arrays(self.task)
        self._last_score: Optional[ProgramScore] = None

    # -- task selection ------------------------------------------------------------------------------------

    def set_task(self, task_id: Optional[str]) -> None:
        """Serve ``task_id`` at every following reset (``None`` returns to the constructor's order).

        This is the way to choose tasks from libraries that never pass reset options (RLlib)."""
        if task_id is None:
            self._pinned = None
            return
        if task_id not in self._task_index:
            raise KeyError(f"unknown task id {task_id!r}")
        self._pinned = self._task_index[task_id]

    def _choose_task(self, options: Optional[dict]) -> None:
        if options and options.get("task_id") is not None:
            task_id = options["task_id"]
            if task_id not in self._task_index:
                raise KeyError(f"unknown task id {task_id!r}")
            index = self._task_index[task_id]
        elif self._pinned is not None:
            index = self._pinned
        elif self.order == "sequential":
            index = self._next_sequential % len(self.tasks)
            self._next_sequential += 1
        else:
            index = int(self.np_random.integers(len(self.tasks)))
        self.task = self.tasks[index]
        self._task_obs = task_arrays(self.task)
        self._last_score = None

    # -- rendering -----------------------------------------------------------------------------------------

    def _program_text(self) -> str:
        raise NotImplementedError

    def render(self) -> Union[str, np.ndarray, None]:
        """``ansi``: the task's demos, the realized outputs and the program so far, as text.
        ``rgb_array``: one row per demo under the titles input, expected, realized (the realized output is an
        empty square until the program has run), 12-pixel cells with cell lines."""
        realized = self._last_score.demo_outputs if self._last_score else (None,) * len(self.task.train)
        if self.render_mode == "ansi":
            parts = [f"task {self.task.id}"]
            for k, (pair, out) in enumerate(zip(self.task.train, realized)):
                parts.append(f"demo {k}: input -> expected -> realized")
                parts.append(grids_side_by_side([pair.input, pair.output, out], sep=" -> "))
            parts.append("program:")
            parts.append(self._program_text() or "(empty)")
            return "\n".join(parts)
        if self.render_mode == "rgb_array":
            return panels_to_rgb([[p.input, p.output, out] for p, out in zip(self.task.train, realized)],
                                 cell=RGB_CELL, titles=("input", "expected", "realized"), grid_lines=True)
        return None

