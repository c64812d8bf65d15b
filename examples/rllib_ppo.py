"""RLlib (new API stack) PPO with an action-masking RLModule on ``ARCProgram-v0``.

What it shows
    * a registered env creator (``tune.register_env``) that builds ``ARCProgram-v0`` from ``env_config`` and wraps
      it so its observation is ``Dict{"action_mask": Box(0, 1, (V,)), "observations": flat Box}``, the layout of
      RLlib's action-masking example. RLlib never passes ``reset(options=...)``, so tasks are chosen through
      ``env_config`` (``dataset``, ``split``, ``task_ids``, ``max_tokens``); ``final_info_extras=False`` keeps
      every ``info`` numeric;
    * a small custom ``TorchRLModule`` (policy and value MLPs, ``ValueFunctionAPI``) that adds ``log(mask)``
      (clamped) to the logits in every forward pass, so illegal tokens are never sampled or scored;
    * ``PPOConfig().environment(...).env_runners(...).training(...).rl_module(...)``, a callback that logs the
      episode's ``is_success`` as ``success_rate``, ``algo.train()`` iterations, and a greedy evaluation that
      calls the trained module's ``forward_inference`` directly.

RLlib is an optional extra (``pip install -e ".[rllib]"``); without it the script exits with code 3.
Note that ``ray[rllib]`` may pin its own Gymnasium version: install it in a separate virtual environment if
that would change the project's.

Run
    python examples/rllib_ppo.py                          # 20 iterations, 2 env runners
    python examples/rllib_ppo.py --num-env-runners 0      # sample in the driver process (easier debugging)
    python examples/rllib_ppo.py --smoke                  # one tiny iteration, for tests
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import gymnasium as gym
import numpy as np

EASY_TASKS = ["6150a2bd", "67a3c6ac", "68b16354", "74dd1130", "3c9b0459", "9dfd6313", "a416b8f3", "ed36ccf7"]
OBS_KEYS = ["demo_inputs", "demo_outputs", "input_shapes", "output_shapes", "pair_mask", "test_input",
            "test_shape", "tokens", "tokens_left"]
ENV_NAME = "ARCProgramMasked"


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--dataset", default="arcagi")
    p.add_argument("--split", default="training")
    p.add_argument("--tasks", default="easy", help='"easy", "all" or comma-separated task ids')
    p.add_argument("--max-tokens", type=int, default=16)
    p.add_argument("--iterations", type=int, default=20, help="algo.train() calls")
    p.add_argument("--num-env-runners", type=int, default=2, help="0 samples in the driver process")
    p.add_argument("--num-envs-per-env-runner", type=int, default=4)
    p.add_argument("--train-batch-size", type=int, default=2048, help="env steps per training iteration")
    p.add_argument("--minibatch-size", type=int, default=256)
    p.add_argument("--num-epochs", type=int, default=4)
    p.add_argument("--lr", type=float, default=3e-4)
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--eval-episodes", type=int, default=50)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--smoke", action="store_true", help="one tiny iteration in the driver process (for tests)")
    args = p.parse_args()
    if args.smoke:
        args.iterations, args.num_env_runners, args.num_envs_per_env_runner = 1, 0, 1
        args.train_batch_size, args.minibatch_size, args.num_epochs = 64, 32, 1
        args.eval_episodes, args.max_tokens = 2, min(args.max_tokens, 16)
    return args


def task_ids(spec: str):
    if spec == "easy":
        return EASY_TASKS
    return None if spec == "all" else [t.strip() for t in spec.split(",") if t.strip()]


class MaskedObservation(gym.ObservationWrapper):
    """``Dict{"action_mask": float mask, "observations": the chosen keys, flattened and scaled to [0, 1]}``."""

    def __init__(self, env: gym.Env, obs_keys=OBS_KEYS):
        super().__init__(env)
        self.obs_keys = list(obs_keys)
        spaces = env.observation_space.spaces
        self._scale = [1.0 / np.maximum(spaces[k].high.astype(np.float32).ravel(), 1.0) for k in self.obs_keys]
        size = sum(s.size for s in self._scale)
        self.observation_space = gym.spaces.Dict({
            "action_mask": gym.spaces.Box(0.0, 1.0, spaces["action_mask"].shape, np.float32),
            "observations": gym.spaces.Box(0.0, 1.0, (size,), np.float32),
        })

    def observation(self, obs: dict) -> dict:
        flat = [obs[k].astype(np.float32).ravel() * s for k, s in zip(self.obs_keys, self._scale)]
        return {"action_mask": obs["action_mask"].astype(np.float32), "observations": np.concatenate(flat)}


def env_creator(env_config: dict) -> gym.Env:
    """What ``tune.register_env`` calls on every env runner: all choices come from ``env_config``."""
    import arc_env  # noqa: F401  (registers ARCProgram-v0 in the worker process)

    env = gym.make("ARCProgram-v0", dataset=env_config.get("dataset", "arcagi"),
                   split=env_config.get("split", "training"), task_ids=env_config.get("task_ids"),
                   max_tokens=env_config.get("max_tokens", 16), final_info_extras=False)
    return MaskedObservation(env, env_config.get("obs_keys", OBS_KEYS))


def build_module_class():
    """The masking RLModule; defined in a function so the script can report a missing ``ray`` cleanly."""
    import torch
    from ray.rllib.core.columns import Columns
    from ray.rllib.core.rl_module.apis.value_function_api import ValueFunctionAPI
    from ray.rllib.core.rl_module.torch import TorchRLModule
    from torch import nn

    class MaskedMLPModule(TorchRLModule, ValueFunctionAPI):
        """Policy and value MLPs over ``obs["observations"]``; logits of masked-out tokens get ``log(0)``."""

        def setup(self):
            in_dim = self.observation_space["observations"].shape[0]
            hidden = self.model_config.get("hidden", 128)
            self.pi_net = nn.Sequential(nn.Linear(in_dim, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh(),
                                        nn.Linear(hidden, self.action_space.n))
            self.vf_net = nn.Sequential(nn.Linear(in_dim, hidden), nn.Tanh(), nn.Linear(hidden, 1))

        def _masked_logits(self, obs: dict) -> torch.Tensor:
            logits = self.pi_net(obs["observations"])
            # log(1) = 0 keeps legal logits; log(0) = -inf is clamped to the most negative float32.
            return logits + torch.clamp(torch.log(obs["action_mask"]), min=torch.finfo(logits.dtype).min)

        def _forward(self, batch, **kwargs):  # inference and exploration
            return {Columns.ACTION_DIST_INPUTS: self._masked_logits(batch[Columns.OBS])}

        def _forward_train(self, batch, **kwargs):
            return {Columns.ACTION_DIST_INPUTS: self._masked_logits(batch[Columns.OBS])}

        def compute_values(self, batch, embeddings=None):  # ValueFunctionAPI: PPO's GAE needs it
            return self.vf_net(batch[Columns.OBS]["observations"]).squeeze(-1)

    return MaskedMLPModule


def main() -> int:
    args = parse_args()
    try:
        import ray
        import torch
        from ray.rllib.algorithms.ppo import PPOConfig
        from ray.rllib.callbacks.callbacks import RLlibCallback
        from ray.rllib.core.columns import Columns
        from ray.rllib.core.rl_module.rl_module import RLModuleSpec
        from ray.tune.registry import register_env
    except ImportError as exc:
        print(f"ray[rllib] is not installed ({exc}); install the extra with: pip install -e \".[rllib]\"",
              file=sys.stderr)
        return 3

    class SuccessCallback(RLlibCallback):
        def on_episode_end(self, *, episode, metrics_logger=None, **kwargs):
            success = float(episode.get_infos(-1).get("is_success", False))
            metrics_logger.log_value("success_rate", success, reduce="mean", window=100)

    env_config = {"dataset": args.dataset, "split": args.split, "task_ids": task_ids(args.tasks),
                  "max_tokens": args.max_tokens}
    register_env(ENV_NAME, env_creator)
    os.environ.setdefault("RAY_DEDUP_LOGS", "0")
    ray.init(num_cpus=max(2, args.num_env_runners + 1), include_dashboard=False, log_to_driver=not args.smoke)

    config = (
        PPOConfig()
        .environment(ENV_NAME, env_config=env_config)
        .env_runners(num_env_runners=args.num_env_runners, num_envs_per_env_runner=args.num_envs_per_env_runner)
        .training(train_batch_size_per_learner=args.train_batch_size, minibatch_size=args.minibatch_size,
                  num_epochs=args.num_epochs, lr=args.lr, gamma=1.0, entropy_coeff=0.01)
        .rl_module(rl_module_spec=RLModuleSpec(module_class=build_module_class(),
                                               model_config={"hidden": args.hidden}))
        .callbacks(SuccessCallback)
        .debugging(seed=args.seed)
    )
    algo = config.build_algo()
    start = time.perf_counter()
    for i in range(1, args.iterations + 1):
        result = algo.train()
        runners = result.get("env_runners", {})
        steps = result.get("num_env_steps_sampled_lifetime", runners.get("num_env_steps_sampled_lifetime"))
        print(f"iteration {i}: env steps {steps}"
              f" episode_return_mean={runners.get('episode_return_mean', float('nan')):.3f}"
              f" success_rate={runners.get('success_rate', float('nan')):.3f}")
    print(f"trained {args.iterations} iterations in {time.perf_counter() - start:.1f}s")

    # Greedy evaluation with the trained module, in this process, on the same tasks.
    module = algo.get_module()
    env = env_creator(env_config)
    obs, _ = env.reset(seed=args.seed + 1000)
    solved, illegal = 0, 0
    for _ in range(args.eval_episodes):
        done = False
        while not done:
            batch = {Columns.OBS: {k: torch.as_tensor(v)[None] for k, v in obs.items()}}
            with torch.no_grad():
                logits = module.forward_inference(batch)[Columns.ACTION_DIST_INPUTS]
            action = int(logits.argmax(-1)[0])
            illegal += int(obs["action_mask"][action] == 0)
            obs, _, terminated, truncated, info = env.step(action)
            done = terminated or truncated
        solved += bool(info["is_success"])
        obs, _ = env.reset()
    print(f"eval success rate: {solved / max(args.eval_episodes, 1):.3f} over {args.eval_episodes} episodes "
          f"(illegal actions: {illegal})")
    algo.stop()
    ray.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
