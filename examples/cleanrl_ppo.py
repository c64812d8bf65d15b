"""CleanRL-style single-file PPO with invalid-action masking on ``ARCProgram-v0``.

What it shows, top to bottom in one file (no RL library):
    * a ``gym.vector.SyncVectorEnv`` over ``gym.make("ARCProgram-v0", ...)``; each env is wrapped in
      ``RecordEpisodeStatistics``, then ``FilterObservation`` (drops ``action_mask`` and any keys you leave out)
      and ``FlattenObservation``, so the network sees one flat vector;
    * the action mask kept *separately* from the observation: it comes from ``info["action_mask"]``;
    * Gymnasium 1.x autoreset: the vector env runs in ``AutoresetMode.SAME_STEP``, so the observation and the
      mask returned with a ``done`` already belong to the next episode and the finished episode's data is in
      ``info["final_info"]`` (CleanRL's original semantics; the default NEXT_STEP mode would insert a reset step
      whose action is ignored);
    * a small MLP actor-critic, a masked categorical (logits of illegal tokens set to -1e8), GAE and the clipped
      PPO objective;
    * TensorBoard logging with ``SummaryWriter`` (episodic return and length, success rate, losses, SPS).

Run
    python examples/cleanrl_ppo.py                       # 8 one-line ARC-AGI-1 tasks, 100k steps
    python examples/cleanrl_ppo.py --tasks all --total-timesteps 1000000
    tensorboard --logdir runs
    python examples/cleanrl_ppo.py --smoke               # a few hundred steps, for tests
"""

from __future__ import annotations

import argparse
import random
import time
from collections import deque

import gymnasium as gym
import numpy as np
import torch
from torch import nn, optim
from torch.distributions.categorical import Categorical
from torch.utils.tensorboard import SummaryWriter

import arc_env  # noqa: F401  (registers ARCProgram-v0)

EASY_TASKS = ["6150a2bd", "67a3c6ac", "68b16354", "74dd1130", "3c9b0459", "9dfd6313", "a416b8f3", "ed36ccf7"]
# Observation keys fed to the network (everything but the mask, which is handled separately).
OBS_KEYS = ["demo_inputs", "demo_outputs", "input_shapes", "output_shapes", "pair_mask", "test_input",
            "test_shape", "tokens", "tokens_left"]


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--exp-name", default="cleanrl_ppo")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--torch-deterministic", action=argparse.BooleanOptionalAction, default=True)
    p.add_argument("--torch-threads", type=int, default=1,
                   help="torch CPU threads (small MLPs with small batches run fastest on one; 0 = torch default)")
    p.add_argument("--log-dir", default="runs", help="TensorBoard runs are written to LOG_DIR/<run name>")
    # environment
    p.add_argument("--dataset", default="arcagi")
    p.add_argument("--split", default="training")
    p.add_argument("--tasks", default="easy", help='"easy", "all" or comma-separated task ids')
    p.add_argument("--max-tokens", type=int, default=16)
    p.add_argument("--obs-keys", default=",".join(OBS_KEYS), help="comma-separated observation keys to use")
    # algorithm
    p.add_argument("--total-timesteps", type=int, default=100_000)
    p.add_argument("--learning-rate", type=float, default=2.5e-4)
    p.add_argument("--num-envs", type=int, default=8)
    p.add_argument("--num-steps", type=int, default=128, help="steps per env per rollout")
    p.add_argument("--anneal-lr", action=argparse.BooleanOptionalAction, default=True)
    p.add_argument("--gamma", type=float, default=1.0, help="1: the only reward is at the end of the program")
    p.add_argument("--gae-lambda", type=float, default=0.95)
    p.add_argument("--num-minibatches", type=int, default=4)
    p.add_argument("--update-epochs", type=int, default=4)
    p.add_argument("--norm-adv", action=argparse.BooleanOptionalAction, default=True)
    p.add_argument("--clip-coef", type=float, default=0.2)
    p.add_argument("--clip-vloss", action=argparse.BooleanOptionalAction, default=True)
    p.add_argument("--ent-coef", type=float, default=0.01)
    p.add_argument("--vf-coef", type=float, default=0.5)
    p.add_argument("--max-grad-norm", type=float, default=0.5)
    p.add_argument("--target-kl", type=float, default=None)
    p.add_argument("--smoke", action="store_true", help="tiny run (for tests)")
    args = p.parse_args()
    if args.smoke:
        args.total_timesteps, args.num_envs, args.num_steps = 256, 2, 64
        args.max_tokens = min(args.max_tokens, 16)
    args.batch_size = args.num_envs * args.num_steps
    args.minibatch_size = args.batch_size // args.num_minibatches
    args.num_iterations = max(1, args.total_timesteps // args.batch_size)
    return args


def task_ids(spec: str):
    if spec == "easy":
        return EASY_TASKS
    return None if spec == "all" else [t.strip() for t in spec.split(",") if t.strip()]


def make_env(args: argparse.Namespace):
    def thunk() -> gym.Env:
        env = gym.make("ARCProgram-v0", dataset=args.dataset, split=args.split, task_ids=task_ids(args.tasks),
                       max_tokens=args.max_tokens)
        env = gym.wrappers.RecordEpisodeStatistics(env)
        env = gym.wrappers.FilterObservation(env, filter_keys=args.obs_keys.split(","))
        env = gym.wrappers.FlattenObservation(env)  # Dict of Boxes -> one flat integer Box
        return env

    return thunk


def layer_init(layer: nn.Linear, std: float = np.sqrt(2), bias_const: float = 0.0) -> nn.Linear:
    torch.nn.init.orthogonal_(layer.weight, std)
    torch.nn.init.constant_(layer.bias, bias_const)
    return layer


class CategoricalMasked(Categorical):
    """A categorical over the legal actions only: illegal logits become -1e8, and they add no entropy."""

    def __init__(self, logits: torch.Tensor, mask: torch.Tensor):
        self.mask = mask
        super().__init__(logits=torch.where(mask, logits, torch.tensor(-1e8, device=logits.device)))

    def entropy(self) -> torch.Tensor:
        p_log_p = torch.where(self.mask, self.logits * self.probs, torch.zeros_like(self.probs))
        return -p_log_p.sum(-1)


class Agent(nn.Module):
    def __init__(self, envs: gym.vector.VectorEnv):
        super().__init__()
        space = envs.single_observation_space
        obs_dim = int(np.prod(space.shape))
        # The flat observation holds colours (0..10), sizes and token ids: scale each entry by its bound.
        self.register_buffer("scale", torch.as_tensor(1.0 / np.maximum(space.high.astype(np.float32), 1.0)))
        self.critic = nn.Sequential(
            layer_init(nn.Linear(obs_dim, 128)), nn.Tanh(),
            layer_init(nn.Linear(128, 128)), nn.Tanh(),
            layer_init(nn.Linear(128, 1), std=1.0),
        )
        self.actor = nn.Sequential(
            layer_init(nn.Linear(obs_dim, 128)), nn.Tanh(),
            layer_init(nn.Linear(128, 128)), nn.Tanh(),
            layer_init(nn.Linear(128, envs.single_action_space.n), std=0.01),
        )

    def get_value(self, x: torch.Tensor) -> torch.Tensor:
        return self.critic(x * self.scale)

    def get_action_and_value(self, x: torch.Tensor, mask: torch.Tensor, action: torch.Tensor | None = None):
        x = x * self.scale
        probs = CategoricalMasked(self.actor(x), mask)
        if action is None:
            action = probs.sample()
        return action, probs.log_prob(action), probs.entropy(), self.critic(x)


def main() -> None:
    args = parse_args()
    run_name = f"{args.exp_name}__{args.seed}__{int(time.time())}"
    writer = SummaryWriter(f"{args.log_dir}/{run_name}")
    table = "\n".join(f"|{k}|{v}|" for k, v in vars(args).items())
    writer.add_text("hyperparameters", f"|param|value|\n|-|-|\n{table}")

    # Seeding
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.backends.cudnn.deterministic = args.torch_deterministic
    if args.torch_threads > 0:
        torch.set_num_threads(args.torch_threads)
    device = torch.device("cpu")

    # Env setup: SAME_STEP autoreset, so every returned observation/mask is one the agent acts on.
    envs = gym.vector.SyncVectorEnv([make_env(args) for _ in range(args.num_envs)],
                                    autoreset_mode=gym.vector.AutoresetMode.SAME_STEP)
    assert isinstance(envs.single_action_space, gym.spaces.Discrete), "only discrete action spaces are supported"
    n_actions = int(envs.single_action_space.n)

    agent = Agent(envs).to(device)
    optimizer = optim.Adam(agent.parameters(), lr=args.learning_rate, eps=1e-5)

    # Storage
    obs = torch.zeros((args.num_steps, args.num_envs) + envs.single_observation_space.shape).to(device)
    masks = torch.zeros((args.num_steps, args.num_envs, n_actions), dtype=torch.bool).to(device)
    actions = torch.zeros((args.num_steps, args.num_envs) + envs.single_action_space.shape).to(device)
    logprobs = torch.zeros((args.num_steps, args.num_envs)).to(device)
    rewards = torch.zeros((args.num_steps, args.num_envs)).to(device)
    dones = torch.zeros((args.num_steps, args.num_envs)).to(device)
    values = torch.zeros((args.num_steps, args.num_envs)).to(device)

    # Start the game
    global_step = 0
    start_time = time.time()
    next_obs, infos = envs.reset(seed=args.seed)
    next_obs = torch.Tensor(next_obs).to(device)
    next_mask = torch.as_tensor(infos["action_mask"], dtype=torch.bool, device=device)
    next_done = torch.zeros(args.num_envs).to(device)
    recent_success: deque = deque(maxlen=100)
    episodes, solved_programs = 0, {}

    for iteration in range(1, args.num_iterations + 1):
        if args.anneal_lr:
            frac = 1.0 - (iteration - 1.0) / args.num_iterations
            optimizer.param_groups[0]["lr"] = frac * args.learning_rate

        for step in range(args.num_steps):
            global_step += args.num_envs
            obs[step] = next_obs
            dones[step] = next_done
            masks[step] = next_mask

            with torch.no_grad():
                action, logprob, _, value = agent.get_action_and_value(next_obs, next_mask)
                values[step] = value.flatten()
            actions[step] = action
            logprobs[step] = logprob

            next_obs, reward, terminations, truncations, infos = envs.step(action.cpu().numpy())
            # ARCProgram-v0 only terminates (EOS or an illegal token); with a TimeLimit added, truncated episodes
            # would need bootstrapping from infos["final_obs"], which this script (like CleanRL) skips.
            next_done = np.logical_or(terminations, truncations)
            rewards[step] = torch.tensor(reward).to(device).view(-1)
            next_obs, next_done = torch.Tensor(next_obs).to(device), torch.Tensor(next_done).to(device)
            # In SAME_STEP mode the mask in infos is the one for next_obs (the reset's mask after a done).
            next_mask = torch.as_tensor(infos["action_mask"], dtype=torch.bool, device=device)

            if "final_info" in infos:
                final = infos["final_info"]
                for i in np.flatnonzero(infos["_final_info"]):
                    episodes += 1
                    success = bool(final["is_success"][i])
                    recent_success.append(success)
                    if success and "program" in final:
                        solved_programs.setdefault(str(final["task_id"][i]), str(final["program"][i]))
                    writer.add_scalar("charts/episodic_return", final["episode"]["r"][i], global_step)
                    writer.add_scalar("charts/episodic_length", final["episode"]["l"][i], global_step)
                    writer.add_scalar("charts/success", float(success), global_step)

        # Bootstrap value if not done (GAE)
        with torch.no_grad():
            next_value = agent.get_value(next_obs).reshape(1, -1)
            advantages = torch.zeros_like(rewards).to(device)
            lastgaelam = 0
            for t in reversed(range(args.num_steps)):
                if t == args.num_steps - 1:
                    nextnonterminal = 1.0 - next_done
                    nextvalues = next_value
                else:
                    nextnonterminal = 1.0 - dones[t + 1]
                    nextvalues = values[t + 1]
                delta = rewards[t] + args.gamma * nextvalues * nextnonterminal - values[t]
                advantages[t] = lastgaelam = delta + args.gamma * args.gae_lambda * nextnonterminal * lastgaelam
            returns = advantages + values

        # Flatten the batch
        b_obs = obs.reshape((-1,) + envs.single_observation_space.shape)
        b_masks = masks.reshape((-1, n_actions))
        b_logprobs = logprobs.reshape(-1)
        b_actions = actions.reshape((-1,) + envs.single_action_space.shape)
        b_advantages = advantages.reshape(-1)
        b_returns = returns.reshape(-1)
        b_values = values.reshape(-1)

        # Optimize the policy and value network
        b_inds = np.arange(args.batch_size)
        clipfracs = []
        for epoch in range(args.update_epochs):
            np.random.shuffle(b_inds)
            for start in range(0, args.batch_size, args.minibatch_size):
                mb_inds = b_inds[start:start + args.minibatch_size]

                _, newlogprob, entropy, newvalue = agent.get_action_and_value(
                    b_obs[mb_inds], b_masks[mb_inds], b_actions.long()[mb_inds])
                logratio = newlogprob - b_logprobs[mb_inds]
                ratio = logratio.exp()

                with torch.no_grad():
                    # calculate approx_kl http://joschu.net/blog/kl-approx.html
                    old_approx_kl = (-logratio).mean()
                    approx_kl = ((ratio - 1) - logratio).mean()
                    clipfracs += [((ratio - 1.0).abs() > args.clip_coef).float().mean().item()]

                mb_advantages = b_advantages[mb_inds]
                if args.norm_adv:
                    mb_advantages = (mb_advantages - mb_advantages.mean()) / (mb_advantages.std() + 1e-8)

                # Policy loss
                pg_loss1 = -mb_advantages * ratio
                pg_loss2 = -mb_advantages * torch.clamp(ratio, 1 - args.clip_coef, 1 + args.clip_coef)
                pg_loss = torch.max(pg_loss1, pg_loss2).mean()

                # Value loss
                newvalue = newvalue.view(-1)
                if args.clip_vloss:
                    v_loss_unclipped = (newvalue - b_returns[mb_inds]) ** 2
                    v_clipped = b_values[mb_inds] + torch.clamp(
                        newvalue - b_values[mb_inds], -args.clip_coef, args.clip_coef)
                    v_loss_clipped = (v_clipped - b_returns[mb_inds]) ** 2
                    v_loss = 0.5 * torch.max(v_loss_unclipped, v_loss_clipped).mean()
                else:
                    v_loss = 0.5 * ((newvalue - b_returns[mb_inds]) ** 2).mean()

                entropy_loss = entropy.mean()
                loss = pg_loss - args.ent_coef * entropy_loss + v_loss * args.vf_coef

                optimizer.zero_grad()
                loss.backward()
                nn.utils.clip_grad_norm_(agent.parameters(), args.max_grad_norm)
                optimizer.step()

            if args.target_kl is not None and approx_kl > args.target_kl:
                break

        y_pred, y_true = b_values.cpu().numpy(), b_returns.cpu().numpy()
        var_y = np.var(y_true)
        explained_var = np.nan if var_y == 0 else 1 - np.var(y_true - y_pred) / var_y

        sps = int(global_step / (time.time() - start_time))
        success_rate = float(np.mean(recent_success)) if recent_success else 0.0
        writer.add_scalar("charts/learning_rate", optimizer.param_groups[0]["lr"], global_step)
        writer.add_scalar("charts/success_rate", success_rate, global_step)
        writer.add_scalar("losses/value_loss", v_loss.item(), global_step)
        writer.add_scalar("losses/policy_loss", pg_loss.item(), global_step)
        writer.add_scalar("losses/entropy", entropy_loss.item(), global_step)
        writer.add_scalar("losses/old_approx_kl", old_approx_kl.item(), global_step)
        writer.add_scalar("losses/approx_kl", approx_kl.item(), global_step)
        writer.add_scalar("losses/clipfrac", np.mean(clipfracs), global_step)
        writer.add_scalar("losses/explained_variance", explained_var, global_step)
        writer.add_scalar("charts/SPS", sps, global_step)
        print(f"iteration {iteration}/{args.num_iterations} global_step={global_step} episodes={episodes} "
              f"success_rate(last 100)={success_rate:.3f} SPS={sps}")

    for tid, program in solved_programs.items():
        print(f"solved {tid}:\n  " + program.replace("\n", "\n  "))
    final_rate = float(np.mean(recent_success)) if recent_success else 0.0
    print(f"final success rate (last {len(recent_success)} episodes): {final_rate:.3f}; "
          f"TensorBoard run: {args.log_dir}/{run_name}")
    envs.close()
    writer.close()


if __name__ == "__main__":
    main()
