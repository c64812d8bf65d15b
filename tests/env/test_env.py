"""ARCProgram-v0 and ARCProgramText-v0: API compliance, masks, rewards, seeding and integrity."""

import warnings

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env as gym_check_env
from stable_baselines3.common.env_checker import check_env as sb3_check_env

import arc_env  # noqa: F401  (registers the envs)
from arc_env.base import grid_array
from arc_env.env import ARCProgramEnv
from arc_env.text_env import ARCProgramTextEnv, encode_text
from dsl import ERROR_KINDS, Vocabulary

VOCAB = Vocabulary.from_registry()
INFO_KEYS = {"is_success", "pairs_solved", "pixel_accuracy", "error_code", "program_length", "action_mask"}


def rollout(env, rng):
    obs, info = env.reset()
    infos = [info]
    while True:
        action = int(rng.choice(np.flatnonzero(env.unwrapped.action_masks())))
        obs, reward, terminated, truncated, info = env.step(action)
        infos.append(info)
        if terminated or truncated:
            return reward, infos


def test_readme_snippet_with_both_ids():
    for env_id in ("ARCProgram-v0", "arc_env:ARCProgram-v0"):
        env = gym.make(env_id)
        obs, info = env.reset(seed=0)
        mask = env.unwrapped.action_masks()
        obs, reward, terminated, truncated, info = env.step(int(mask.nonzero()[0][0]))
        assert isinstance(reward, float) and not truncated


@pytest.mark.parametrize("env_id", ["ARCProgram-v0", "ARCProgramText-v0"])
def test_gymnasium_and_sb3_checkers_pass(env_id):
    env = gym.make(env_id, dataset="arcagi")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gym_check_env(env.unwrapped, skip_render_check=False)
        sb3_check_env(env.unwrapped)


def test_solving_program_gets_full_reward_and_info():
    env = ARCProgramEnv(dataset="arcagi", task_ids=["3c9b0459"])  # rotate by 180 degrees
    env.reset(seed=0)
    for name in ("rot180", "I", "<eos>"):
        obs, reward, terminated, truncated, info = env.step(VOCAB.index[name])
    assert terminated and reward == 1.0 and info["is_success"]
    assert info["program"] == "O = rot180(I)"
    assert info["pairs_solved"] == len(env.task.train) and info["error_code"] == 0
    assert list(info["outputs"]) == [p.output for p in env.task.train]


@pytest.mark.parametrize("mode, expected", [("demo_fraction", 0.0), ("all_or_nothing", 0.0), ("pixel", None)])
def test_reward_modes(mode, expected):
    env = ARCProgramEnv(dataset="arcagi", task_ids=["3c9b0459"], reward_mode=mode)
    env.reset(seed=0)
    for name in ("rot90", "I", "<eos>"):
        _, reward, _, _, info = env.step(VOCAB.index[name])
    if expected is None:
        assert 0.0 < reward < 1.0 and reward == pytest.approx(float(info["pixel_accuracy"]))
    else:
        assert reward == expected


def test_illegal_token_ends_with_penalty_and_code():
    env = ARCProgramEnv(dataset="arcagi", illegal_penalty=-0.5)
    env.reset(seed=0)
    obs, reward, terminated, truncated, info = env.step(VOCAB.input_id)  # I cannot start a line
    assert terminated and reward == -0.5 and info["error_code"] == ERROR_KINDS["illegal_token"]
    env.reset(seed=0)
    with pytest.raises(ValueError, match="outside the action space"):
        env.step(10_000)


def test_info_keys_are_stable_and_numpy_typed():
    env = gym.make("ARCProgram-v0", dataset="arcagi", final_info_extras=False)
    _, infos = rollout(env, np.random.default_rng(0))
    for info in infos:
        assert set(info) == INFO_KEYS
        assert all(hasattr(v, "dtype") for v in info.values())


def test_mask_never_all_false_and_exposed_three_ways():
    env = ARCProgramEnv(dataset="arcagi", max_tokens=12)
    rng = np.random.default_rng(1)
    for _ in range(30):
        obs, info = env.reset()
        done = False
        while not done:
            mask = env.action_masks()
            assert mask.any()
            assert np.array_equal(obs["action_mask"].astype(bool), mask)
            assert np.array_equal(info["action_mask"].astype(bool), mask)
            obs, _, done, _, info = env.step(int(rng.choice(np.flatnonzero(mask))))
        assert len(env._state.tokens) <= 12


def test_seeded_resets_are_reproducible():
    a, b = ARCProgramEnv(dataset="arcagi"), ARCProgramEnv(dataset="arcagi")
    ids_a = [a.reset(seed=s)[0] and a.task.id for s in range(5)]
    ids_b = [b.reset(seed=s)[0] and b.task.id for s in range(5)]
    assert ids_a == ids_b
    a.reset(seed=3)
    seq_a = [a.task.id] + [a.reset()[0] and a.task.id for _ in range(5)]
    b.reset(seed=3)
    seq_b = [b.task.id] + [b.reset()[0] and b.task.id for _ in range(5)]
    assert seq_a == seq_b


def test_task_selection_by_options_setter_and_order():
    env = ARCProgramEnv(dataset="arcagi", order="sequential", task_ids=["3c9b0459", "007bbfb7"])
    assert [env.reset()[0] and env.task.id for _ in range(3)] == ["3c9b0459", "007bbfb7", "3c9b0459"]
    env.reset(options={"task_id": "007bbfb7"})
    assert env.task.id == "007bbfb7"
    env.set_task("3c9b0459")
    assert all(env.reset()[0] is not None and env.task.id == "3c9b0459" for _ in range(3))
    with pytest.raises(KeyError):
        env.set_task("nope")


def test_test_outputs_never_reach_observations_or_info():
    env = ARCProgramEnv(dataset="arcagi", split="evaluation")
    rng = np.random.default_rng(0)
    for _ in range(5):
        _, infos = rollout(env, rng)
        obs = env._observation()
        assert "test_output" not in obs and not any("test" in k for info in infos for k in info)
        demo_outputs = {p.output for p in env.task.train}
        for pair in env.task.test:
            if pair.output in demo_outputs:
                continue
            padded = grid_array(pair.output)
            for value in obs.values():
                if value.shape[-2:] == (30, 30):
                    assert not any(np.array_equal(v, padded) for v in value.reshape(-1, 30, 30))


def test_render_modes():
    env = ARCProgramEnv(dataset="arcagi", render_mode="ansi", task_ids=["3c9b0459"])
    env.reset(seed=0)
    env.step(VOCAB.index["rot90"])
    env.step(VOCAB.input_id)
    text = env.render()
    assert isinstance(text, str) and "x1 = rot90(I)" in text and "\x1b[" in text
    env = ARCProgramEnv(dataset="arcagi", render_mode="rgb_array", task_ids=["3c9b0459"])
    env.reset(seed=0)
    image = env.render()
    assert image.dtype == np.uint8 and image.ndim == 3 and image.shape[2] == 3


def test_text_env_scores_text_and_arrays():
    env = ARCProgramTextEnv(dataset="arcagi", task_ids=["3c9b0459"])
    env.reset(seed=0)
    assert env.step("O = rot180(I)")[1] == 1.0
    env.reset(seed=0)
    assert env.step(encode_text("O = rot180(I)", env.max_length))[1] == 1.0
    env.reset(seed=0)
    _, reward, terminated, _, info = env.step("O = import(os)")
    assert terminated and reward == 0.0 and info["error_code"] == ERROR_KINDS["parse"]


def test_async_vector_env_rollout():
    envs = gym.make_vec("ARCProgram-v0", num_envs=2, vectorization_mode="async",
                        dataset="arcagi", final_info_extras=False)
    obs, info = envs.reset(seed=0)
    rng = np.random.default_rng(0)
    finished = 0
    for _ in range(200):
        masks = obs["action_mask"].astype(bool)
        actions = np.array([rng.choice(np.flatnonzero(m)) for m in masks])
        obs, rewards, terminated, truncated, info = envs.step(actions)
        finished += int(terminated.sum())
    envs.close()
    assert finished > 0


def test_maskable_ppo_learns_for_2048_steps(tmp_path):
    from sb3_contrib import MaskablePPO

    env = ARCProgramEnv(dataset="arcagi", max_tokens=16, final_info_extras=False)
    model = MaskablePPO("MultiInputPolicy", env, n_steps=512, batch_size=128, n_epochs=1, seed=0, verbose=0)
    model.learn(total_timesteps=2048)
    assert model.num_timesteps >= 2048
    obs, _ = env.reset(seed=0)
    action, _ = model.predict(obs, action_masks=env.action_masks())
    assert env.action_masks()[int(action)]
