"""Backend selection (agents.backends): the local pool through make_pool, bad input as one-line errors, and the
--backend options of the CLI. Needs no Ray (tests/agents/test_ray_backend.py has the Ray tests)."""

import importlib.util

import pytest

from agents.backends import RAY_EXTRA_HINT, BackendUnavailable, check_backend, imap_jobs, make_pool
from agents.cli import main
from agents.codeit.config import CodeItConfig, ConfigError
from agents.codeit.executor import ProgramExecutor
from agents.pool import DeadlinePool
from tests.agents.pool_jobs import job


@pytest.fixture
def no_ray(monkeypatch):
    """Make Ray look uninstalled, whether or not the [ray] extra is."""
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "ray" else real(name, *a))


def test_make_pool_local_is_the_deadline_pool():
    with make_pool("local", workers=1) as pool:
        assert isinstance(pool, DeadlinePool)
        results = sorted(pool.imap(job, [2, "raise", 3], timeout=10.0), key=lambda r: r.index)
    assert [r.value for r in results] == [4, None, 9] and results[1].error == "error: ValueError: bad item"
    assert [r.value for r in imap_jobs(job, [4], workers=0, timeout=None)] == [16]


def test_bad_backends_are_refused(no_ray):
    with pytest.raises(ValueError, match="unknown backend 'spark'"):
        make_pool("spark", 1)
    with pytest.raises(ValueError, match="--address is for --backend ray"):
        check_backend("local", "10.0.0.1:6379")
    with pytest.raises(BackendUnavailable, match=r"needs the \[ray\] extra"):
        make_pool("ray", 1)
    with pytest.raises(BackendUnavailable):
        ProgramExecutor(1, backend="ray")


def test_config_backend_fields():
    config = CodeItConfig.from_preset("cpu").override(["backend=ray", "address=auto"])
    assert (config.backend, config.address) == ("ray", "auto")
    with pytest.raises(ConfigError, match="backend='dask'"):
        CodeItConfig(backend="dask")
    with pytest.raises(ConfigError, match="only with backend=ray"):
        CodeItConfig(address="auto")


@pytest.mark.parametrize("command", [
    ["solve", "--tasks", "1"],
    ["compare", "--agents", "random", "--budget", "1", "--tasks", "1"],
    ["train", "--tasks", "1"],
    ["resume", "no-such-run"],
])
def test_cli_backend_ray_without_ray_is_one_line(no_ray, capsys, tmp_path, command):
    code = main([*command, "--backend", "ray"] + (["--out", str(tmp_path)] if command[0] != "resume" else []))
    err = capsys.readouterr().err
    assert code == 2 and err == f"codeit: error: {RAY_EXTRA_HINT}\n"


def test_cli_address_needs_ray(capsys, tmp_path):
    assert main(["solve", "--tasks", "1", "--address", "auto", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == "codeit: error: --address needs --backend ray\n"
