"""``ARCProgramText-v0``: one step is one whole program text, for language-model agents."""

from __future__ import annotations

import os
import string
from typing import Any, Iterable, Optional, Sequence, Union

import numpy as np
from gymnasium import spaces

from arc_env.base import (
    TaskEnvBase,
    action_error,
    check_int_arg,
    empty_score_info,
    score_info,
    task_observation_space,
)
from arc_env.scoring import score_program
from arc_env.tasks import Task
from dsl.text import MAX_PROGRAM_CHARS

# Everything program text can contain: names, digits, punctuation of the grammar, spaces and newlines.
# Code 0 ends the text; character k of this string has code k + 1.
PROGRAM_CHARSET = string.ascii_letters + string.digits + "_=(),# \n"
_CODE = {c: k + 1 for k, c in enumerate(PROGRAM_CHARSET)}


def encode_text(text: str, max_length: int) -> np.ndarray:
    """Program text as the env's action array (character codes, 0-padded); raises on other characters."""
    if len(text) > max_length:
        raise ValueError(f"program text of {len(text)} characters exceeds {max_length}")
    bad = sorted(set(text) - set(_CODE))
    if bad:
        raise ValueError(f"characters outside the program charset: {bad[:10]}")
    out = np.zeros(max_length, dtype=np.int64)
    out[: len(text)] = [_CODE[c] for c in text]
    return out


def decode_text(codes: Any) -> str:
    """The program text an action array spells (up to its first 0)."""
    chars = []
    for c in np.asarray(codes).reshape(-1):
        c = int(c)
        if c <= 0 or c > len(PROGRAM_CHARSET):
            break
        chars.append(PROGRAM_CHARSET[c - 1])
    return "".join(chars)


class ARCProgramTextEnv(TaskEnvBase):
    """The task and reward of ``ARCProgram-v0``, but one step submits a whole program as text.

    **Action space** ``MultiDiscrete([len(PROGRAM_CHARSET) + 1] * max_length)``: DSL program text (``x1 =
    f(I)`` ... ``O = g(x1)``, see ``docs/dsl.md``) as character codes, 0 ending the text (see
    :func:`encode_text`). This keeps the env usable by array-based libraries (Stable-Baselines3 checks and
    vector envs); language-model agents may also pass the ``str`` itself to ``step``. The text is parsed by
    the DSL's strict grammar (never evaluated as Python), type-checked and run on the demos.

    **Actions outside the space** (the rule of ``ARCProgram-v0``): an action that is not in the action space
    raises ``ValueError`` naming it and the space, and leaves the episode as it was: anything but a ``str`` or
    an integer array of shape ``(max_length,)`` with codes ``0..len(PROGRAM_CHARSET)`` (``None``, NaN, floats,
    dicts, bytes), and a ``str`` that has no encoding in the space (longer than ``max_length``, or a
    character outside :data:`PROGRAM_CHARSET`). Text inside the space that does not parse or type-check is
    the grammar-illegal case: it gets the penalty below. ``step`` before ``reset`` or a second ``step`` in an
    episode raises ``RuntimeError``.

    **Observation space** the task keys of ``ARCProgram-v0`` (demo inputs and outputs padded with 10, their
    shapes, the pair mask, the first test input and its shape), without ``tokens`` or ``action_mask``.

    **Rewards** as ``ARCProgram-v0`` (``reward_mode``). Text that does not parse or type-check gets reward
    ``invalid_penalty`` (default 0) and ``info["error_code"]`` 2 (parse) or 3 (type).

    **Episode end** every episode is one step: ``terminated`` is True after it.

    **Info** ``is_success``, ``pairs_solved``, ``pixel_accuracy``, ``error_code``, ``program_length``
    (characters) at every step. Unless ``final_info_extras=False``: ``task_id`` at reset and after the step,
    and after the step also ``program`` (canonical text), ``outputs`` (realized demo outputs) and
    ``error_message`` (the parser's message, "" if the text parsed and type-checked).

    **Arguments** ``dataset``, ``split``, ``task_ids``, ``order``, ``reward_mode``, ``render_mode`` as for
    ``ARCProgram-v0``; ``max_length``: the longest accepted program text; ``invalid_penalty``.

    **Version history** v0: initial release.
    """

    def __init__(self, dataset: Union[str, os.PathLike, Iterable[Task]] = "arcagi2", split: str = "training",
                 task_ids: Optional[Sequence[str]] = None, order: str = "random",
                 reward_mode: str = "demo_fraction", render_mode: Optional[str] = None, max_length: int = 2048,
                 invalid_penalty: float = 0.0, final_info_extras: bool = True) -> None:
        max_length = check_int_arg("max_length", max_length, 1, MAX_PROGRAM_CHARS)
        if not np.isfinite(invalid_penalty):
            raise ValueError(f"invalid_penalty must be a finite number, got {invalid_penalty!r}")
        super().__init__(dataset, split, task_ids, order, reward_mode, render_mode)
        self.max_length = max_length
        self.invalid_penalty = float(invalid_penalty)
        self.final_info_extras = final_info_extras
        self.action_space = spaces.MultiDiscrete([len(PROGRAM_CHARSET) + 1] * self.max_length)
        self.observation_space = spaces.Dict(task_observation_space())
        self._program = ""
        self._ended = True  # until the first reset
        self._started = False

    def reset(self, *, seed: Optional[int] = None, options: Optional[dict] = None) -> tuple[dict, dict]:
        super().reset(seed=seed)
        self._choose_task(options)
        self._program = ""
        self._ended = False
        self._started = True
        info = empty_score_info()
        info["program_length"] = np.int64(0)
        if self.final_info_extras:
            info["task_id"] = self.task.id
        return self._observation(), info

    def step(self, action: Any) -> tuple[dict, float, bool, bool, dict]:
        if self._ended:
            raise RuntimeError("step() called after the episode ended (one step per episode); call reset()"
                               if self._started else "step() called before reset(); call reset() first")
        text = self._text(action)
        self._ended = True
        score = score_program(self.task, text)
        self._last_score = score
        self._program = score.program
        info = score_info(score)
        info["program_length"] = np.int64(len(text))
        if score.error in ("parse", "type"):
            reward = self.invalid_penalty
        else:
            reward = float(score.reward(self.reward_mode))
        if self.final_info_extras:
            info["task_id"] = self.task.id
            info["program"] = score.program
            info["outputs"] = score.demo_outputs
            info["error_message"] = score.error_message  # why text did not parse or type-check
        return self._observation(), reward, True, False, info

    def _text(self, action: Any) -> str:
        """The program text an action spells; ``ValueError`` for anything outside the action space."""
        if isinstance(action, str):
            if len(action) > self.max_length:
                raise action_error(action, self.action_space,
                                   f"text of {len(action)} characters exceeds max_length={self.max_length}")
            bad = sorted(set(action) - set(_CODE))
            if bad:
                raise action_error(action, self.action_space,
                                   f"characters outside PROGRAM_CHARSET: {''.join(bad[:10])!r}")
            return action
        if isinstance(action, (list, tuple, np.ndarray)):
            try:
                codes = np.asarray(action)
            except (ValueError, TypeError):
                codes = None
            if (codes is not None and codes.shape == self.action_space.shape
                    and np.issubdtype(codes.dtype, np.integer) and not np.issubdtype(codes.dtype, np.bool_)
                    and self.action_space.contains(codes.astype(np.int64))):
                return decode_text(codes)
            raise action_error(action, self.action_space, f"expected a str or an integer array of shape "
                                                          f"({self.max_length},) with codes 0..{len(PROGRAM_CHARSET)}")
        raise action_error(action, self.action_space, "expected a str or an integer array of character codes")

    def _program_text(self) -> str:
        return self._program

    def _observation(self) -> dict[str, np.ndarray]:
        return {k: v.copy() for k, v in self._task_obs.items()}
