"""The ``codeit library`` and ``codeit mutate`` subcommands."""

import json

from agents.augment import read_mutants
from agents.cli import main


def test_library_verify_json(capsys):
    assert main(["library", "--verify", "--json"]) == 0
    out = capsys.readouterr().out
    report = json.loads(out)  # exactly one JSON object
    for key in ("verified", "total", "failed", "eval_task_ids_present", "total_seconds", "median_seconds",
                "wall_seconds"):
        assert key in report
    assert report["eval_task_ids_present"] == []
    assert report["total"] == 400
    assert 0 < report["verified"] <= report["programs"]
    assert isinstance(report["failed"], list)


def test_library_stats_human(capsys):
    assert main(["library", "--stats"]) == 0
    out = capsys.readouterr().out
    assert "coverage:" in out and "program lines:" in out and "objects" in out


def test_library_needs_a_flag(capsys):
    assert main(["library"]) == 2


def test_mutate_twice_gives_identical_files(tmp_path, capsys):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert main(["mutate", "--n", "50", "--seed", "0", "--out", str(a)]) == 0
    out = capsys.readouterr().out
    assert "attempts 50" in out and "kept" in out and "kept/s" in out
    assert main(["mutate", "--n", "50", "--seed", "0", "--out", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()
    records = read_mutants(a)
    assert 0 < len(records) <= 50
