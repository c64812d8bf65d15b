"""Train sb3-contrib's MaskablePPO on ``ARCProgram-v0``, then evaluate it with action masks.

What it shows
    * ``make_vec_env`` over ``ARCProgram-v0`` (``DummyVecEnv`` or, with ``--subproc``, ``SubprocVecEnv``), each
      env wrapped in ``Monitor(info_keywords=("is_success",))`` so episodes log their success;
    * ``MaskablePPO("MultiInputPolicy", ...)``: the Dict observation goes through SB3's ``CombinedExtractor``, and
      the masks come from the env's own ``action_masks()`` method (which works across subprocesses);
    * TensorBoard logging (``rollout/ep_rew_mean``, ``rollout/success_rate``, ...) under ``--tensorboard-log``;
    * evaluation with masks: ``get_action_masks(env)`` and ``model.predict(obs, action_masks=...)``.

By default it trains on 8 ARC-AGI-1 tasks that one DSL line solves (``O = rot180(I)`` and the like), where a
short run already beats the random agent. Whole-split runs (``--tasks all``) need far more steps.

Run
    python examples/maskable_ppo.py                          # 50k steps, 4 envs, then 100 eval episodes
    python examples/maskable_ppo.py --subproc --n-envs 8 --total-timesteps 200000
    tensorboard --logdir runs/maskable_ppo
    python examples/maskable_ppo.py --smoke                  # a few hundred steps, for tests
"""

from __future__ import annotations

import argparse
import time

import gymnasium as gym
import torch
from sb3_contrib import MaskablePPO
from sb3_contrib.common.maskable.utils import get_action_masks
from stable_baselines3.common.env_util import make_vec_env
from stable_baselines3.common.vec_env import DummyVecEnv, SubprocVecEnv

import arc_env  # noqa: F401  (registers ARCProgram-v0 in this process)

# "arc_env:ARCProgram-v0" makes gym.make import arc_env first, so subprocess workers find the env too.
ENV_ID = "arc_env:ARCProgram-v0"
EASY_TASKS = ["6150a2bd", "67a3c6ac", "68b16354", "74dd1130", "3c9b0459", "9dfd6313", "a416b8f3", "ed36ccf7"]


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--dataset", default="arcagi", help='"arcagi" (ARC-AGI-1), "arcagi2", or a JSON path')
    p.add_argument("--split", default="training")
    p.add_argument("--tasks", default="easy", help='"easy", "all" or comma-separated task ids')
    p.add_argument("--max-tokens", type=int, default=16, help="token budget per program, <eos> included")
    p.add_argument("--total-timesteps", type=int, default=50_000)
    p.add_argument("--n-envs", type=int, default=4)
    p.add_argument("--subproc", action="store_true", help="run the envs in subprocesses (SubprocVecEnv)")
    p.add_argument("--n-steps", type=int, default=256, help="rollout length per env")
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--learning-rate", type=float, default=3e-4)
    p.add_argument("--ent-coef", type=float, default=0.01)
    p.add_argument("--eval-episodes", type=int, default=100)
    p.add_argument("--tensorboard-log", default="runs/maskable_ppo", help='"" disables TensorBoard')
    p.add_argument("--save", default="", help="save the trained model to this path (.zip)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--torch-threads", type=int, default=1,
                   help="torch CPU threads (the default small MLP runs fastest on one; 0 = torch default)")
    p.add_argument("--smoke", action="store_true", help="tiny run (for tests)")
    args = p.parse_args()
    if args.smoke:
        args.total_timesteps, args.n_envs, args.n_steps, args.batch_size = 128, 2, 32, 32
        args.eval_episodes, args.max_tokens = 4, min(args.max_tokens, 16)
    return args


def task_ids(spec: str):
    if spec == "easy":
        return EASY_TASKS
    return None if spec == "all" else [t.strip() for t in spec.split(",") if t.strip()]


def evaluate(model: MaskablePPO, env_kwargs: dict, episodes: int, seed: int) -> float:
    """Greedy rollouts with masks on a plain Gymnasium env; returns the fraction of tasks solved."""
    env = gym.make(ENV_ID, **env_kwargs)
    obs, _ = env.reset(seed=seed + 1000)
    solved, examples = 0, {}
    for _ in range(episodes):
        done = False
        while not done:
            # get_action_masks works on a VecEnv (env_method) or a single env (get_wrapper_attr).
            action, _ = model.predict(obs, action_masks=get_action_masks(env), deterministic=True)
            obs, _, terminated, truncated, info = env.step(action)
            done = terminated or truncated
        if info["is_success"]:
            solved += 1
            examples.setdefault(info["task_id"], info["program"])
        obs, _ = env.reset()
    env.close()
    for tid, program in examples.items():
        print(f"solved {tid}:\n  " + program.replace("\n", "\n  "))
    return solved / max(episodes, 1)


def main() -> None:
    args = parse_args()
    if args.torch_threads > 0:
        torch.set_num_threads(args.torch_threads)
    env_kwargs = {"dataset": args.dataset, "split": args.split, "task_ids": task_ids(args.tasks),
                  "max_tokens": args.max_tokens}
    vec_env = make_vec_env(
        ENV_ID, n_envs=args.n_envs, seed=args.seed, env_kwargs=env_kwargs,
        vec_env_cls=SubprocVecEnv if args.subproc else DummyVecEnv,
        monitor_kwargs={"info_keywords": ("is_success",)},  # make_vec_env wraps every env in Monitor
    )
    model = MaskablePPO(
        "MultiInputPolicy", vec_env, n_steps=args.n_steps, batch_size=args.batch_size,
        learning_rate=args.learning_rate, ent_coef=args.ent_coef, gamma=1.0,  # one reward per episode
        tensorboard_log=args.tensorboard_log or None, seed=args.seed, verbose=0 if args.smoke else 1,
    )
    start = time.perf_counter()
    model.learn(total_timesteps=args.total_timesteps, tb_log_name="MaskablePPO")  # use_masking=True by default
    print(f"trained {model.num_timesteps} steps in {time.perf_counter() - start:.1f}s"
          + (f"; TensorBoard logs in {args.tensorboard_log}" if args.tensorboard_log else ""))
    if args.save:
        model.save(args.save)
    vec_env.close()

    rate = evaluate(model, env_kwargs, args.eval_episodes, args.seed)
    print(f"eval success rate: {rate:.3f} over {args.eval_episodes} episodes")


if __name__ == "__main__":
    main()
