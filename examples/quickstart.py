"""Quickstart: make ``ARCProgram-v0`` and roll out a random agent that only picks legal tokens.

What it shows
    * ``import arc_env`` registers the env; ``gym.make("ARCProgram-v0", dataset="arcagi", ...)`` builds it;
    * the observation is a flat ``Dict`` of arrays and the action is one DSL token (``Discrete``);
    * the legal next tokens are in ``info["action_mask"]`` (int8), which ``action_space.sample(mask=...)``
      accepts directly, so the random agent never emits an illegal token;
    * the reward arrives on the last step, with ``info["is_success"]``, ``info["program"]`` (the program text)
      and the other end-of-episode keys;
    * ``render_mode="ansi"`` makes ``env.render()`` *return* a string (demo grids, realized outputs, program).

Run
    python examples/quickstart.py                       # 200 episodes on 8 one-line ARC-AGI-1 tasks
    python examples/quickstart.py --tasks all --episodes 50 --dataset arcagi --split evaluation
    python examples/quickstart.py --smoke               # a few episodes, for tests
"""

from __future__ import annotations

import argparse
import time

import gymnasium as gym
import numpy as np

import arc_env  # noqa: F401  (registers ARCProgram-v0)

# ARC-AGI-1 training tasks that one DSL line solves (e.g. ``O = rot180(I)``): a random agent solves some.
EASY_TASKS = ["6150a2bd", "67a3c6ac", "68b16354", "74dd1130", "3c9b0459", "9dfd6313", "a416b8f3", "ed36ccf7"]


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--dataset", default="arcagi", help='"arcagi" (ARC-AGI-1), "arcagi2", or a JSON path')
    p.add_argument("--split", default="training", help='"training" or "evaluation"')
    p.add_argument("--tasks", default="easy",
                   help='"easy" (8 one-line tasks), "all" (the whole split) or comma-separated task ids')
    p.add_argument("--episodes", type=int, default=200, help="number of episodes to roll out")
    p.add_argument("--max-tokens", type=int, default=16, help="token budget per program, <eos> included")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--show", type=int, default=3, help="print this many solved programs")
    p.add_argument("--smoke", action="store_true", help="a few episodes only (for tests)")
    args = p.parse_args()
    if args.smoke:
        args.episodes = min(args.episodes, 5)
    return args


def task_ids(spec: str):
    if spec == "easy":
        return EASY_TASKS
    if spec == "all":
        return None  # every task of the split
    return [t.strip() for t in spec.split(",") if t.strip()]


def main() -> None:
    args = parse_args()
    env = gym.make("ARCProgram-v0", dataset=args.dataset, split=args.split, task_ids=task_ids(args.tasks),
                   max_tokens=args.max_tokens, render_mode="ansi")
    print(f"action space: {env.action_space} (DSL tokens); tasks served: {len(env.unwrapped.tasks)}")

    env.action_space.seed(args.seed)
    obs, info = env.reset(seed=args.seed)
    print("observation:", {k: f"{v.dtype}{list(v.shape)}" for k, v in obs.items()})
    print(f"legal first tokens: {int(info['action_mask'].sum())} of {env.action_space.n}")
    returns, solved, shown, last_text, last_program = [], 0, 0, "", ""
    start = time.perf_counter()
    for episode in range(args.episodes):
        done, ep_return = False, 0.0
        while not done:
            # Sample among the legal tokens only: the mask is never all zero.
            action = env.action_space.sample(mask=info["action_mask"])
            _, reward, terminated, truncated, info = env.step(action)
            ep_return += reward
            done = terminated or truncated
        returns.append(ep_return)
        last_text = env.render()  # ansi: a str with the task, the realized outputs and the program
        last_program = info["program"]  # canonical DSL text, in the final step's info
        if info["is_success"]:
            solved += 1
            if shown < args.show:
                shown += 1
                print(f"\nepisode {episode}: solved task {info['task_id']} with\n{info['program']}")
        _, info = env.reset()
    elapsed = time.perf_counter() - start

    print("\nlast episode, env.render() with render_mode='ansi':")
    print(last_text)
    print(f"\nlast program:\n{last_program or '(empty)'}")
    print(f"\nepisodes: {args.episodes}  mean reward: {np.mean(returns):.3f}  solved: {solved}/{args.episodes}"
          f"  ({elapsed:.1f}s)")
    env.close()


if __name__ == "__main__":
    main()
