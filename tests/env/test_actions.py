"""One action rule for both envs: outside the action space, a ValueError naming it; a grammar-illegal
token or text inside it, the penalty. Episode order (reset first, one episode at a time) is enforced."""

import numpy as np
import pytest

from arc_env.env import ARCProgramEnv
from arc_env.text_env import ARCProgramTextEnv, encode_text
from dsl.interpreter import ERROR_KINDS

OUTSIDE_TOKEN = [float("inf"), float("nan"), 94.9, 94.0, "94", [94], (94,), np.array([94]), True, None, -1,
                 10**9, np.float32(3), {"a": 1}, b"\x01"]
OUTSIDE_TEXT = [None, float("nan"), 3, {}, b"O = rot180(I)", [1.5] * 8, np.zeros(3, dtype=np.int64),
                "O = f('x')", "x" * 5000]


@pytest.fixture(scope="module")
def env():
    return ARCProgramEnv(dataset="arcagi", task_ids=["3c9b0459"])


@pytest.fixture(scope="module")
def text_env():
    return ARCProgramTextEnv(dataset="arcagi", task_ids=["3c9b0459"], max_length=64)


@pytest.mark.parametrize("action", OUTSIDE_TOKEN, ids=repr)
def test_token_env_rejects_actions_outside_the_space(env, action):
    env.reset(seed=0)
    with pytest.raises(ValueError, match="outside the action space Discrete"):
        env.step(action)
    # The episode is unchanged: a legal token still works.
    legal = int(np.flatnonzero(env.action_masks())[0])
    assert env.step(np.int64(legal))[2] in (False, True)


def test_token_env_accepts_integer_types_and_penalizes_illegal_tokens(env):
    for action in (np.int64(2), np.array(2), 2):
        env.reset(seed=0)
        _, reward, terminated, _, info = env.step(action)  # I cannot start a line: illegal, inside the space
        assert terminated and reward == env.illegal_penalty and info["error_code"] == ERROR_KINDS["illegal_token"]


@pytest.mark.parametrize("action", OUTSIDE_TEXT, ids=lambda a: repr(a)[:30])
def test_text_env_rejects_actions_outside_the_space(text_env, action):
    text_env.reset(seed=0)
    with pytest.raises(ValueError, match="outside the action space MultiDiscrete"):
        text_env.step(action)
    assert text_env.step("O = rot180(I)")[1] == 1.0  # the episode was left as it was


def test_text_env_penalizes_text_that_does_not_parse_and_needs_reset(text_env):
    text_env.reset(seed=0)
    _, reward, terminated, _, info = text_env.step("O = rot181(I)")
    assert terminated and reward == text_env.invalid_penalty and info["error_code"] == ERROR_KINDS["parse"]
    with pytest.raises(RuntimeError, match="reset"):
        text_env.step("O = rot180(I)")
    text_env.reset(seed=0)
    assert text_env.step(list(encode_text("O = rot180(I)", 64)))[1] == 1.0


def test_step_before_reset_and_bad_constructor_arguments():
    for cls in (ARCProgramEnv, ARCProgramTextEnv):
        with pytest.raises(RuntimeError, match="reset"):
            cls(dataset="arcagi").step(1)
    for bad in (-5, 0, 2, 2.5, "64", True, 10**9):
        with pytest.raises(ValueError, match="max_tokens must be an integer"):
            ARCProgramEnv(dataset="arcagi", max_tokens=bad)
    with pytest.raises(ValueError, match="max_length must be an integer"):
        ARCProgramTextEnv(dataset="arcagi", max_length=-1)


def test_reset_info_names_the_task(env, text_env):
    assert env.reset(seed=0)[1]["task_id"] == "3c9b0459"
    assert text_env.reset(seed=0)[1]["task_id"] == "3c9b0459"
