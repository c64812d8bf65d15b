"""A MaskablePPO agent on ``ARCProgram-v0``: the plain-RL baseline.

The policy (sb3-contrib ``MaskablePPO`` with ``"MultiInputPolicy"``) writes a program one DSL token per
step under the grammar's action masks and is rewarded at ``<eos>`` with the fraction of demos reproduced
(the env's default reward). :meth:`PPOAgent.learn` trains it on a set of tasks (the reward only uses demo
pairs, so training on the search tasks themselves is transductive in the CodeIt sense and never sees a test
output); :meth:`PPOAgent.solve` samples programs from the trained policy on one task (stochastic actions,
masked) and ranks the distinct ones that reproduce at least one demo.

Budgets: ``programs`` counts episodes (one program per episode; ``learn`` runs at most
``programs * max_tokens`` timesteps and stops as soon as that many episodes have ended), ``seconds`` wall
time. Training curves go to TensorBoard when ``tensorboard_log`` is given.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Any, Iterator, Optional, Sequence

import numpy as np

from agents.base import Agent, Budget, BudgetMeter, Callback, Candidate, rank_candidates
from arc_env.env import ARCProgramEnv
from arc_env.tasks import Task

__all__ = ["PPOAgent"]


@contextmanager
def _torch_threads(n: Optional[int]) -> Iterator[None]:
    """Run with ``n`` torch CPU threads, restoring the previous setting (the policy's matrices are small:
    more threads than one mostly add contention)."""
    import torch

    if n is None:
        yield
        return
    before = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def _make_stop_callback(agent: "PPOAgent", meter: BudgetMeter, callbacks: Sequence[Callback]):
    """An SB3 callback that counts finished episodes against ``meter`` and relays rollout figures."""
    from stable_baselines3.common.callbacks import BaseCallback

    class _EpisodeBudget(BaseCallback):
        def __init__(self) -> None:
            super().__init__()
            self.rewards: list[float] = []
            self.stopped_by_callback = False

        def _on_step(self) -> bool:
            dones = self.locals.get("dones")
            if dones is not None:
                finished = int(np.sum(dones))
                if finished:
                    meter.spend(finished)
                    rewards = self.locals.get("rewards")
                    if rewards is not None:
                        self.rewards.extend(float(r) for r, d in zip(rewards, dones) if d)
            return not (meter.exhausted or self.stopped_by_callback)

        def _on_rollout_end(self) -> None:
            recent = self.rewards[-100:]
            info = {"episodes": meter.programs, "timesteps": self.num_timesteps, "seconds": meter.seconds,
                    "mean_reward": float(np.mean(recent)) if recent else 0.0}
            self.logger.record("codeit/episodes", meter.programs)
            if not agent._notify(callbacks, "rollout", info):
                self.stopped_by_callback = True  # the next step ends training

    return _EpisodeBudget()


class PPOAgent(Agent):
    """sb3-contrib MaskablePPO ("MultiInputPolicy") writing DSL programs token by token in ARCProgram-v0.

    Args:
        seed: seeds the model (torch and the env) and the agent's numpy ``Generator``.
        max_tokens: the env's token budget per program.
        n_steps, batch_size, n_epochs, learning_rate, ent_coef, gamma: PPO hyper-parameters.
        tensorboard_log: a directory for TensorBoard event files (None: no logging).
        device: torch device (default "cpu").
        policy_kwargs: extra arguments for the policy (e.g. ``net_arch``).
        torch_threads: torch CPU threads while learning and solving (restored afterwards; None: leave as is).

    After :meth:`solve`, ``trace`` lists ``(programs spent, candidate)`` and ``stats`` the spend; after
    :meth:`learn` ``learn_stats`` holds the episodes, timesteps and seconds of training.
    """

    name = "ppo"

    def __init__(self, seed: int = 0, max_tokens: int = 24, n_steps: int = 256, batch_size: int = 64,
                 n_epochs: int = 4, learning_rate: float = 3e-4, ent_coef: float = 0.01, gamma: float = 1.0,
                 tensorboard_log: Optional[str] = None, device: str = "cpu",
                 policy_kwargs: Optional[dict] = None, torch_threads: Optional[int] = 1) -> None:
        self.seed = seed
        self.rng = np.random.default_rng(seed)
        self.max_tokens = max_tokens
        self.hparams = {"n_steps": n_steps, "batch_size": batch_size, "n_epochs": n_epochs,
                        "learning_rate": learning_rate, "ent_coef": ent_coef, "gamma": gamma}
        self.tensorboard_log = tensorboard_log
        self.device = device
        self.policy_kwargs = policy_kwargs
        self.torch_threads = torch_threads
        self.model: Any = None
        self.trace: list[tuple[int, Candidate]] = []
        self.stats: dict[str, Any] = {}
        self.learn_stats: dict[str, Any] = {}

    # -- model ----------------------------------------------------------------------------------------------

    def _env(self, tasks: Sequence[Task], order: str = "random") -> ARCProgramEnv:
        return ARCProgramEnv(dataset=list(tasks), order=order, max_tokens=self.max_tokens,
                             final_info_extras=False)

    def _ensure_model(self, env: ARCProgramEnv) -> None:
        from sb3_contrib import MaskablePPO

        if self.model is None:
            self.model = MaskablePPO("MultiInputPolicy", env, seed=self.seed, verbose=0,
                                     tensorboard_log=self.tensorboard_log, device=self.device,
                                     policy_kwargs=self.policy_kwargs, **self.hparams)
        else:
            self.model.set_env(env)

    # -- the Agent API --------------------------------------------------------------------------------------

    def learn(self, tasks: Sequence[Task], budget: Budget, callbacks: Sequence[Callback] = ()) -> dict[str, Any]:
        """Train on ``tasks`` (drawn at random per episode) for ``budget.programs`` episodes."""
        with _torch_threads(self.torch_threads):
            return self._learn(tasks, budget, callbacks)

    def _learn(self, tasks: Sequence[Task], budget: Budget, callbacks: Sequence[Callback]) -> dict[str, Any]:
        if not tasks:
            raise ValueError("PPOAgent.learn needs at least one task")
        env = self._env(tasks)
        self._ensure_model(env)
        meter = BudgetMeter(budget)
        stop = _make_stop_callback(self, meter, callbacks)
        steps = (budget.programs * self.max_tokens) if budget.programs is not None else 1 << 40
        first = self.model.num_timesteps == 0
        self.model.learn(total_timesteps=max(1, steps), callback=stop, tb_log_name="ppo",
                         reset_num_timesteps=first)
        recent = stop.rewards[-100:]
        self.learn_stats = {"episodes": meter.programs, "timesteps": int(self.model.num_timesteps),
                            "seconds": meter.seconds, "mean_reward": float(np.mean(recent)) if recent else 0.0,
                            "stopped_by_callback": stop.stopped_by_callback}
        self._notify(callbacks, "learn_end", dict(self.learn_stats))
        return dict(self.learn_stats)

    def solve(self, task: Task, budget: Budget) -> list[Candidate]:
        """Sample programs from the policy (masked, stochastic) until the budget is spent."""
        with _torch_threads(self.torch_threads):
            return self._solve(task, budget)

    def _solve(self, task: Task, budget: Budget) -> list[Candidate]:
        from stable_baselines3.common.utils import set_random_seed

        started = time.perf_counter()
        env = ARCProgramEnv(dataset=[task], order="sequential", max_tokens=self.max_tokens,
                            final_info_extras=True)
        if self.model is None:
            self._ensure_model(env)  # an untrained policy: a masked random-ish sampler
        set_random_seed(int(self.rng.integers(2**31 - 1)))
        meter = BudgetMeter(budget)
        self.trace = []
        candidates: list[Candidate] = []
        seen: set[str] = set()
        n_demos = len(task.train)
        episode = 0
        while not meter.exhausted:
            obs, _ = env.reset(seed=self.seed + episode)
            episode += 1
            done = False
            info: dict = {}
            while not done:
                action, _ = self.model.predict(obs, action_masks=env.action_masks(), deterministic=False)
                obs, _reward, terminated, truncated, info = env.step(int(action))
                done = terminated or truncated
            meter.spend()
            program = info.get("program", "")
            if not program or program in seen:
                continue
            seen.add(program)
            solved = int(info.get("pairs_solved", 0))
            if solved:
                cand = Candidate(program, solved / n_demos, self.name)
                candidates.append(cand)
                self.trace.append((meter.programs, cand))
        self.stats = {"programs": meter.programs, "distinct_programs": len(seen),
                      "seconds": time.perf_counter() - started, "candidates": len(candidates)}
        return rank_candidates(candidates)
