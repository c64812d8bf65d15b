"""TorchRL with action masking on ``ARCProgram-v0``: ``GymEnv`` + ``ActionMask`` + a ``MaskedCategorical`` policy.

What it shows
    * ``GymEnv("ARCProgram-v0", categorical_action_encoding=True, ...)`` (after ``import arc_env``): integer token
      actions instead of one-hot, every observation key becomes an entry of the tensordict;
    * ``final_info_extras=False`` keeps the env's ``info`` keys numeric and identical at every step, which TorchRL's
      info reader needs; ``set_info_dict_reader`` copies ``is_success`` and ``pairs_solved`` into the tensordict;
    * ``TransformedEnv(env, Compose(DTypeCastTransform(int8 -> bool on "action_mask"), ActionMask()))``: the
      mask restricts the action spec, so ``env.rand_action`` / ``env.rollout()`` without a policy only pick legal
      tokens; ``check_env_specs`` validates the specs;
    * a tiny untrained policy: a ``TensorDictModule`` (token embedding -> logits) inside a ``ProbabilisticActor``
      with ``distribution_class=MaskedCategorical``, rolled out with ``env.rollout(policy=...)``.

TorchRL is an optional extra (``pip install -e ".[torchrl]"``); without it the script exits with code 3.

Run
    python examples/torchrl_masked.py                  # 500 steps with the random and the tiny policy
    python examples/torchrl_masked.py --smoke          # a few dozen steps, for tests
"""

from __future__ import annotations

import argparse
import sys
import time

EASY_TASKS = ["6150a2bd", "67a3c6ac", "68b16354", "74dd1130", "3c9b0459", "9dfd6313", "a416b8f3", "ed36ccf7"]


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--dataset", default="arcagi")
    p.add_argument("--split", default="training")
    p.add_argument("--tasks", default="easy", help='"easy", "all" or comma-separated task ids')
    p.add_argument("--max-tokens", type=int, default=16)
    p.add_argument("--steps", type=int, default=500, help="rollout length (episodes restart inside it)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--smoke", action="store_true", help="short rollouts (for tests)")
    args = p.parse_args()
    if args.smoke:
        args.steps, args.max_tokens = 40, min(args.max_tokens, 16)
    return args


def task_ids(spec: str):
    if spec == "easy":
        return EASY_TASKS
    return None if spec == "all" else [t.strip() for t in spec.split(",") if t.strip()]


def main() -> int:
    args = parse_args()
    try:
        import torch
        from tensordict.nn import TensorDictModule
        from torch import nn
        from torchrl.data import Unbounded
        from torchrl.envs import Compose, DTypeCastTransform, GymEnv, TransformedEnv, default_info_dict_reader
        from torchrl.envs.transforms import ActionMask
        from torchrl.envs.utils import check_env_specs
        from torchrl.modules import MaskedCategorical, ProbabilisticActor
    except ImportError as exc:
        print(f"torchrl is not installed ({exc}); install the extra with: pip install -e \".[torchrl]\"",
              file=sys.stderr)
        return 3

    import arc_env  # noqa: F401  (registers ARCProgram-v0 before GymEnv calls gym.make)

    torch.manual_seed(args.seed)
    base = GymEnv("ARCProgram-v0", dataset=args.dataset, split=args.split, task_ids=task_ids(args.tasks),
                  max_tokens=args.max_tokens, final_info_extras=False, categorical_action_encoding=True)
    # Copy two numeric info keys into the tensordict (they are present, with the same dtype, at every step).
    base.set_info_dict_reader(default_info_dict_reader(
        ["is_success", "pairs_solved"],
        spec={"is_success": Unbounded(shape=(), dtype=torch.bool),
              "pairs_solved": Unbounded(shape=(), dtype=torch.int64)},
    ))
    env = TransformedEnv(base, Compose(
        DTypeCastTransform(torch.int8, torch.bool, in_keys=["action_mask"]),  # the env's mask is int8
        ActionMask(),  # restricts env.action_spec to the legal tokens after every reset/step
    ))
    env.set_seed(args.seed)
    check_env_specs(env)
    n_actions = env.action_spec.space.n
    print(f"action spec: Categorical(n={n_actions}); observation keys: {sorted(env.observation_spec.keys())}")

    def summarize(name: str, rollout, seconds: float) -> None:
        nxt = rollout["next"]
        done = nxt["done"].squeeze(-1)
        legal = rollout["action_mask"].gather(-1, rollout["action"].unsqueeze(-1)).all().item()
        episodes = int(done.sum())
        solved = int(nxt["is_success"].squeeze(-1)[done].sum()) if episodes else 0
        mean_return = float(nxt["reward"].squeeze(-1)[done].mean()) if episodes else 0.0
        print(f"{name}: {rollout.shape[0]} steps, {episodes} episodes, mean return {mean_return:.3f}, "
              f"solved {solved}, all actions legal: {legal} ({seconds:.1f}s)")

    # 1. A random agent: without a policy, rollout() samples env.action_spec, which ActionMask keeps masked.
    start = time.perf_counter()
    rollout = env.rollout(args.steps, break_when_any_done=False)
    summarize("masked random rollout", rollout, time.perf_counter() - start)

    # 2. A tiny (untrained) policy: embed the program so far, predict logits, sample with MaskedCategorical.
    class TinyPolicy(nn.Module):
        def __init__(self, vocab: int, max_tokens: int, hidden: int = 64):
            super().__init__()
            self.embed = nn.Embedding(vocab, hidden)
            self.mlp = nn.Sequential(nn.Linear(hidden + 1, hidden), nn.Tanh(), nn.Linear(hidden, vocab))
            self.max_tokens = max_tokens

        def forward(self, tokens: torch.Tensor, tokens_left: torch.Tensor) -> torch.Tensor:
            x = self.embed(tokens.long()).mean(-2)  # (..., hidden): a bag of the tokens emitted so far
            return self.mlp(torch.cat([x, tokens_left.float() / self.max_tokens], -1))

    module = TensorDictModule(TinyPolicy(n_actions, args.max_tokens), in_keys=["tokens", "tokens_left"],
                              out_keys=["logits"])
    actor = ProbabilisticActor(
        module, in_keys={"logits": "logits", "mask": "action_mask"}, out_keys=["action"],
        distribution_class=MaskedCategorical, return_log_prob=True, spec=env.action_spec,
    )
    start = time.perf_counter()
    with torch.no_grad():
        rollout = env.rollout(args.steps, policy=actor, break_when_any_done=False)
    summarize("MaskedCategorical policy rollout", rollout, time.perf_counter() - start)
    print(f"mean log-prob of the sampled tokens: {rollout['action_log_prob'].mean():.3f}")
    env.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
