"""CodeIt crash safety: a run killed at any phase boundary resumes to exactly the undisturbed run, and every
corrupted or missing run file is refused with an error that names it."""

import csv
import json
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from agents.codeit.config import CodeItConfig, ConfigError
from agents.codeit.policy import PolicyConfig
from agents.codeit.trainer import CodeItTrainer, RunStateError, evaluate_run
from arc_env.loaders import get_task

ROOT = Path(__file__).resolve().parents[2]
TASK_IDS = ("3c9b0459", "68b16354", "a416b8f3")
PHASES = ("trained", "sampled", "rows_added", "checkpoint_written", "committed", "between_renames", "installed",
          "published")
# Wall-clock figures differ between any two runs; everything else must match.
TIMING = {"seconds", "samples_per_second"}


class Killed(BaseException):
    """Stands for a kill: nothing after the raise runs (BaseException: no `except Exception` catches it)."""


def tasks():
    return [get_task(i, "arcagi")[0] for i in TASK_IDS]


def config(**overrides):
    settings = dict(sampler="t5", use_mutants=False, iterations=3, workers=0, n_seed_draw=32, n_policy_draw=32,
                    samples_per_task=4, max_train_seconds=None, policy=asdict(PolicyConfig.tiny()))
    return CodeItConfig.from_preset("cpu", **{**settings, **overrides})


def run_state(out: Path) -> dict:
    with (out / "performance.csv").open(newline="") as f:
        rows = [{k: v for k, v in row.items() if k not in TIMING} for row in csv.DictReader(f)]
    conn = sqlite3.connect(out / "buffer.db")
    buffer = conn.execute("SELECT parent_id, program, tokens, inputs, outputs, priority, origin, iteration, "
                          "demo_accuracy FROM experiences ORDER BY rowid").fetchall()
    conn.close()
    return {"rows": rows, "buffer": buffer, "solutions": json.loads((out / "solutions.json").read_text()),
            "submission": json.loads((out / "submission.json").read_text())}


def quiet(message):
    return None


@pytest.fixture(scope="module")
def undisturbed(tmp_path_factory):
    out = tmp_path_factory.mktemp("undisturbed")
    trainer = CodeItTrainer(config(), out, search_tasks=tasks(), progress=False, log=quiet)
    trainer.run()
    trainer.buffer.close()  # as at process exit: the WAL is folded into buffer.db
    return out, run_state(out)


@pytest.mark.parametrize("phase", PHASES)
def test_kill_at_each_phase_then_resume_matches_the_undisturbed_run(tmp_path, undisturbed, phase):
    trainer = CodeItTrainer(config(), tmp_path, search_tasks=tasks(), progress=False, log=quiet)
    started = []  # one entry per meta-iteration begun: kill in the second one

    def hook(name):
        if name == "trained":
            started.append(name)
        if name == phase and len(started) == 2:
            raise Killed(phase)

    trainer.fault_hook = hook
    with pytest.raises(Killed):
        trainer.run()
    trainer.close()
    trainer.buffer.close()
    resumed = CodeItTrainer.resume(tmp_path, progress=False, log=quiet, search_tasks=tasks())
    resumed.run()
    resumed.buffer.close()
    assert run_state(tmp_path) == undisturbed[1]
    assert not (tmp_path / "checkpoint.tmp").exists() and not (tmp_path / "checkpoint.old").exists()


def test_hard_kill_inside_the_commit_transaction(tmp_path, undisturbed):
    """os._exit in a child process: no Python cleanup at all, as with kill -9."""
    script = f"""
import os, sys
sys.path.insert(0, {str(ROOT)!r})
from tests.agents.test_codeit_resume import config, tasks, quiet
from agents.codeit.trainer import CodeItTrainer
trainer = CodeItTrainer(config(), {str(tmp_path)!r}, search_tasks=tasks(), progress=False, log=quiet)
def hook(name):
    if name == "checkpoint_written" and trainer.iteration == 2:
        os._exit(9)
trainer.fault_hook = hook
trainer.run()
"""
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 9, proc.stderr
    # The uncommitted iteration's rows are not in the buffer and its checkpoint is not installed.
    assert len((tmp_path / "performance.csv").read_text().splitlines()) == 2
    resumed = CodeItTrainer.resume(tmp_path, progress=False, log=quiet, search_tasks=tasks())
    assert resumed.iteration == 1
    resumed.run()
    resumed.buffer.close()
    assert run_state(tmp_path) == undisturbed[1]


# ------------------------------------------------------------------------------------------------ bad files


@pytest.fixture
def finished(tmp_path, undisturbed):
    out = tmp_path / "run"
    shutil.copytree(undisturbed[0], out)
    return out


def resume(out):
    return CodeItTrainer.resume(out, progress=False, log=quiet, search_tasks=tasks())


def truncate_half(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def overwrite_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    mid = len(data) // 2
    data[mid:mid + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage, named", [
    (lambda out: truncate_half(out / "buffer.db"), "buffer.db"),
    (lambda out: (out / "buffer.db").unlink(), "buffer.db"),
    (lambda out: (out / "checkpoint" / "state.json").write_text('{"iter'), "state.json"),
    (lambda out: (out / "checkpoint" / "state.json").unlink(), "state.json"),
    (lambda out: (out / "checkpoint" / "solutions.json").write_text("[1, 2"), "solutions.json"),
    (lambda out: overwrite_middle(out / "checkpoint" / "optimizer.pt"), "optimizer.pt"),
    (lambda out: overwrite_middle(out / "checkpoint" / "model.safetensors"), "model.safetensors"),
    (lambda out: (out / "checkpoint" / "tokenizer.json").unlink(), "tokenizer.json"),
    (lambda out: (out / "config.json").write_text(json.dumps({**json.loads((out / "config.json").read_text()),
                                                              "bogus": 1})), "config.json"),
])
def test_damaged_run_files_are_refused_naming_the_file(finished, damage, named):
    damage(finished)
    with pytest.raises((RunStateError, ConfigError), match=named):
        resume(finished)


def test_kill_between_the_renames_recovers_from_the_intact_copy(finished, undisturbed):
    (finished / "checkpoint").rename(finished / "checkpoint.tmp")  # what a kill between the renames leaves
    trainer = resume(finished)
    assert trainer.iteration == 3 and (finished / "checkpoint" / "state.json").exists()
    trainer.buffer.close()


def test_damaged_run_dir_copies_are_rewritten_from_the_checkpoint(finished, undisturbed):
    (finished / "solutions.json").write_text("garbage")
    with pytest.raises(RunStateError, match="solutions.json"):
        evaluate_run(finished, search_tasks=tasks())
    (finished / "performance.csv").write_text("iteration\n0\n0\n")
    resume(finished).buffer.close()
    assert run_state(finished) == undisturbed[1]


def test_train_refuses_an_existing_run_unless_overwrite(finished):
    with pytest.raises(RunStateError, match="codeit resume"):
        CodeItTrainer(config(), finished, search_tasks=tasks(), progress=False, log=quiet)
    trainer = CodeItTrainer(config(), finished, search_tasks=tasks(), progress=False, log=quiet, overwrite=True)
    assert len(trainer.buffer) == 0 and not (finished / "performance.csv").exists()
    trainer.buffer.close()


def test_a_trainer_leaves_process_wide_torch_settings_alone(tmp_path):
    import torch

    torch.manual_seed(5)
    state, threads = torch.get_rng_state(), torch.get_num_threads()
    trainer = CodeItTrainer(config(iterations=1, torch_threads=1), tmp_path, search_tasks=tasks(), progress=False,
                            log=quiet)
    trainer.run()
    trainer.buffer.close()
    assert torch.equal(torch.get_rng_state(), state) and torch.get_num_threads() == threads
