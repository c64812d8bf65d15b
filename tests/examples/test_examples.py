"""Run every example script with ``--smoke`` in a fresh interpreter and check its exit code and output.

The TorchRL and RLlib examples need optional extras; their tests skip when ``torchrl`` / ``ray`` is not importable.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
TIMEOUT_S = 180


def run_example(name: str, *extra: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    # One torch thread: the examples' small networks run fastest that way, above all on busy CI machines.
    env.setdefault("OMP_NUM_THREADS", "1")
    env["PYTHONUNBUFFERED"] = "1"
    proc = subprocess.run(
        [sys.executable, str(EXAMPLES / name), "--smoke", *extra], check=False,
        cwd=tmp_path,  # scripts must not depend on the working directory; stray logs land in tmp_path
        env=env, capture_output=True, text=True, timeout=TIMEOUT_S,
    )
    assert proc.returncode == 0, (
        f"{name} exited with {proc.returncode}\n--- stdout ---\n{proc.stdout[-4000:]}\n"
        f"--- stderr ---\n{proc.stderr[-4000:]}"
    )
    return proc


def test_quickstart(tmp_path):
    out = run_example("quickstart.py", tmp_path=tmp_path).stdout
    assert "action space: Discrete(" in out
    assert "env.render() with render_mode='ansi'" in out
    assert "program:" in out
    assert "solved:" in out and "mean reward:" in out


def test_maskable_ppo(tmp_path):
    tb = tmp_path / "tb"
    out = run_example("maskable_ppo.py", "--tensorboard-log", str(tb), tmp_path=tmp_path).stdout
    assert "trained " in out
    assert "eval success rate:" in out
    assert any(p.name.startswith("events.out.tfevents") for p in tb.rglob("*")), "no TensorBoard event file"


def test_maskable_ppo_subproc(tmp_path):
    out = run_example("maskable_ppo.py", "--subproc", "--tensorboard-log", "", tmp_path=tmp_path).stdout
    assert "eval success rate:" in out


def test_cleanrl_ppo(tmp_path):
    logs = tmp_path / "runs"
    out = run_example("cleanrl_ppo.py", "--log-dir", str(logs), tmp_path=tmp_path).stdout
    assert "iteration 1/" in out
    assert "final success rate" in out
    # Episodes must finish (16-token budget, 128 steps per iteration) and reach the TensorBoard log.
    episodes = int(out.split("episodes=")[1].split()[0])
    assert episodes > 0
    assert any(p.name.startswith("events.out.tfevents") for p in logs.rglob("*")), "no TensorBoard event file"


def test_torchrl_masked(tmp_path):
    pytest.importorskip("torchrl")
    out = run_example("torchrl_masked.py", tmp_path=tmp_path).stdout
    assert "masked random rollout:" in out
    assert "MaskedCategorical policy rollout:" in out
    assert "all actions legal: False" not in out
    assert out.count("all actions legal: True") == 2


def test_rllib_ppo(tmp_path):
    pytest.importorskip("ray.rllib")
    out = run_example("rllib_ppo.py", tmp_path=tmp_path).stdout
    assert "iteration 1:" in out
    assert "eval success rate:" in out
    assert "(illegal actions: 0)" in out
