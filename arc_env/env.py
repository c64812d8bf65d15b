"""``ARCProgram-v0``: write a DSL program one token per step; it is rewarded on the task's demonstrations."""

from __future__ import annotations

import os
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
from arc_env.scoring import ProgramScore, score_program
from arc_env.tasks import Task
from dsl.grammar import GrammarState
from dsl.interpreter import ERROR_KINDS
from dsl.program import Program
from dsl.text import print_program
from dsl.tokens import Vocabulary


class ARCProgramEnv(TaskEnvBase):
    """Program synthesis for one ARC task per episode, one DSL token per step.

    An episode writes a straight-line program in the project's typed DSL (see ``docs/dsl.md``): each line
    is a callee token followed by its argument tokens, and ``<eos>`` ends the program. The program then runs
    on the task's demonstration inputs and is rewarded for reproducing their outputs.

    **Action space** ``Discrete(V)``: a token id of :class:`dsl.tokens.Vocabulary` (``<pad>`` 0, ``<eos>``
    1, ``I`` 2, ``x1..x63``, constants, primitives). The legal next tokens (arity, types and the remaining
    budget) are given by :meth:`action_masks` (sb3-contrib MaskablePPO), by the ``action_mask`` observation
    key (RLlib, TorchRL) and by ``info["action_mask"]``; the mask is never all false, and every
    grammar-legal sequence is a well-typed program that ends within ``max_tokens`` steps.

    **Observation space** a flat ``Dict`` of int arrays:

    - ``demo_inputs``, ``demo_outputs``: ``(10, 30, 30)`` int8, grids padded with 10 (not a colour); a task
      with more than 10 demos shows its first 10 (the reward still counts all of them);
    - ``input_shapes``, ``output_shapes``: ``(10, 2)`` int8; ``pair_mask``: ``(10,)`` int8;
    - ``test_input``: ``(30, 30)`` int8 and ``test_shape``: ``(2,)`` (the first test input; test outputs never
      appear in an observation or in ``info``);
    - ``tokens``: ``(max_tokens,)`` int32, the tokens emitted so far, ``<pad>``-filled;
    - ``tokens_left``: ``(1,)`` int32, the remaining budget; ``action_mask``: ``(V,)`` int8.

    **Rewards** 0 on every step but the last. When ``<eos>`` is emitted the program runs on the demos and
    the reward depends on ``reward_mode``: ``"demo_fraction"`` (default, the fraction of demo pairs reproduced
    exactly), ``"all_or_nothing"`` (1 if all are) or ``"pixel"`` (mean pixel accuracy, 0 for a shape
    mismatch). A program that fails to run scores as its outputs do (failed pairs count 0).

    **Actions outside the space, illegal tokens** (the same rule in ``ARCProgramText-v0``): an action that is
    not in the action space (not an integer: a float, a string, a list, a bool; or an integer outside
    ``0..V-1``) raises ``ValueError`` naming the action and the space, and leaves the episode as it was. A
    token inside the space that the grammar does not allow at this point never raises: it ends the episode
    with reward ``illegal_penalty`` (default -1) and ``info["error_code"] == 1`` (``illegal_token``).
    ``step`` before ``reset`` or after the episode ended raises ``RuntimeError``.

    **Episode end** ``terminated`` on ``<eos>`` or an illegal token. The grammar guarantees ``<eos>`` within
    ``max_tokens`` steps, so ``truncated`` is always False unless a wrapper adds a time limit.

    **Info** the same numpy-typed keys at every step: ``is_success``, ``pairs_solved``, ``pixel_accuracy``,
    ``error_code`` (see :data:`dsl.interpreter.ERROR_KINDS`), ``program_length`` (tokens so far) and
    ``action_mask``. Unless ``final_info_extras=False`` (useful for TorchRL, which freezes the key set),
    ``reset`` also gives ``task_id`` and the end also holds ``program`` (canonical text), ``outputs`` (the realized demo outputs, None where the
    program failed: what hindsight relabeling needs) and ``task_id``.

    **Arguments**

    - ``dataset``: ``"arcagi2"`` (default), ``"arcagi"`` (ARC-AGI-1), a path to an ARC JSON file or folder,
      or an iterable of :class:`~arc_env.tasks.Task`; ``split``: ``"training"`` or ``"evaluation"``;
    - ``task_ids``: restrict to these tasks; ``order``: ``"random"`` (drawn with ``self.np_random``) or
      ``"sequential"``; a task can also be chosen with ``reset(options={"task_id": ...})`` or
      :meth:`set_task` (for RLlib, which never passes options);
    - ``max_tokens``: the token budget including ``<eos>`` (default 64); ``reward_mode``;
      ``illegal_penalty``; ``render_mode``: ``"ansi"`` (returns text) or ``"rgb_array"``;
      ``vocab``: a :class:`~dsl.tokens.Vocabulary` (default: the full registry).

    **Version history** v0: initial release.
    """

    def __init__(self, dataset: Union[str, os.PathLike, Iterable[Task]] = "arcagi2", split: str = "training",
                 task_ids: Optional[Sequence[str]] = None, order: str = "random", max_tokens: int = 64,
                 reward_mode: str = "demo_fraction", illegal_penalty: float = -1.0,
                 render_mode: Optional[str] = None, vocab: Optional[Vocabulary] = None,
                 final_info_extras: bool = True) -> None:
        # At least the shortest program (callee, argument, <eos>); at most far more than 63 lines can use.
        max_tokens = check_int_arg("max_tokens", max_tokens, 3, 4096)
        if not np.isfinite(illegal_penalty):
            raise ValueError(f"illegal_penalty must be a finite number, got {illegal_penalty!r}")
        super().__init__(dataset, split, task_ids, order, reward_mode, render_mode)
        self.vocab = vocab or Vocabulary.from_registry()
        self.max_tokens = max_tokens
        self.illegal_penalty = float(illegal_penalty)
        self.final_info_extras = final_info_extras
        n = len(self.vocab)
        self.action_space = spaces.Discrete(n)
        self.observation_space = spaces.Dict({
            **task_observation_space(),
            "tokens": spaces.Box(0, n - 1, (self.max_tokens,), np.int32),
            "tokens_left": spaces.Box(0, self.max_tokens, (1,), np.int32),
            "action_mask": spaces.Box(0, 1, (n,), np.int8),
        })
        self._state = GrammarState(self.vocab, self.max_tokens)
        self._tokens = np.zeros(self.max_tokens, dtype=np.int32)
        self._ended = True  # until the first reset
        self._started = False

    # -- Gymnasium API -------------------------------------------------------------------------------------

    def reset(self, *, seed: Optional[int] = None, options: Optional[dict] = None) -> tuple[dict, dict]:
        super().reset(seed=seed)
        self._choose_task(options)
        self._state = GrammarState(self.vocab, self.max_tokens)
        self._tokens[:] = self.vocab.pad_id
        self._ended = False
        self._started = True
        obs = self._observation()
        info = self._info(empty_score_info(), obs)
        if self.final_info_extras:
            info["task_id"] = self.task.id
        return obs, info

    def step(self, action: Any) -> tuple[dict, float, bool, bool, dict]:
        if self._ended:
            raise RuntimeError("step() called after the episode ended; call reset()" if self._started
                               else "step() called before reset(); call reset() first")
        token = self._token(action)
        if not self._state.is_legal(token):
            self._ended = True
            info = empty_score_info()
            info["error_code"] = np.int64(ERROR_KINDS["illegal_token"])
            obs = self._observation()
            return obs, self.illegal_penalty, True, False, self._info(info, obs, final=True)
        self._tokens[len(self._state.tokens)] = token
        self._state.advance(token)
        if not self._state.done:
            obs = self._observation()
            return obs, 0.0, False, False, self._info(empty_score_info(), obs)
        self._ended = True
        score = score_program(self.task, self._state.program())
        self._last_score = score
        obs = self._observation()
        return obs, float(score.reward(self.reward_mode)), True, False, self._info(score_info(score), obs, True, score)

    def _token(self, action: Any) -> int:
        """The token id an action names; ``ValueError`` for anything outside ``Discrete(V)``."""
        if isinstance(action, (bool, np.bool_)):
            raise action_error(action, self.action_space, "a bool is not a token id")
        if isinstance(action, (int, np.integer)):
            token = int(action)
        elif isinstance(action, np.ndarray) and action.shape == () and np.issubdtype(action.dtype, np.integer):
            token = int(action)
        else:
            raise action_error(action, self.action_space, "expected an integer token id")
        if not 0 <= token < self.action_space.n:
            raise action_error(action, self.action_space, f"token ids are 0..{self.action_space.n - 1}")
        return token

    def action_masks(self) -> np.ndarray:
        """Boolean mask of the legal next tokens (the method sb3-contrib's MaskablePPO calls)."""
        if self._ended:
            # After the end any token is as good as another; never hand a learner an all-false mask.
            mask = np.zeros(len(self.vocab), dtype=bool)
            mask[self.vocab.eos_id] = True
            return mask
        return self._state.legal_mask().copy()  # the grammar never leaves a live state without a legal token

    # -- helpers -------------------------------------------------------------------------------------------

    @property
    def program_text(self) -> str:
        """The program so far (complete lines only) as DSL text."""
        return self._program_text()

    def _program_text(self) -> str:
        return print_program(Program(tuple(self._state.lines)), partial=not self._state.done)

    def _observation(self) -> dict[str, np.ndarray]:
        obs = {k: v.copy() for k, v in self._task_obs.items()}
        obs["tokens"] = self._tokens.copy()
        obs["tokens_left"] = np.array([self._state.remaining], dtype=np.int32)
        obs["action_mask"] = (self.action_masks() if self._ended else self._state.legal_mask()).astype(np.int8)
        return obs

    def _info(self, info: dict, obs: dict, final: bool = False, score: Optional[ProgramScore] = None) -> dict:
        info["program_length"] = np.int64(len(self._state.tokens))
        info["action_mask"] = obs["action_mask"].copy()
        if final and self.final_info_extras:
            info["task_id"] = self.task.id
            info["program"] = score.program if score is not None else self._program_text()
            info["outputs"] = score.demo_outputs if score is not None else ()
        return info
