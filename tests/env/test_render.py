"""Tests for arc_env.render and the ``codeit show`` command."""

from __future__ import annotations

import re

import numpy as np
import pytest

from agents.cli import main
from arc_env.render import (
    PALETTE,
    grid_to_ansi,
    grid_to_rgb,
    grids_side_by_side,
    panels_to_rgb,
    task_to_ansi,
)
from arc_env.tasks import Pair, Task

ANSI = re.compile(r"\x1b\[[0-9;]*m")
G1 = ((0, 1, 2), (3, 4, 5))
G2 = ((9,),)
TASK = Task("t1", (Pair(G1, G2), Pair(G2, G1)), (Pair(G1, None), Pair(G2, G2)), "mem")


def visible(s: str) -> str:
    return ANSI.sub("", s)


def test_grid_to_ansi() -> None:
    s = grid_to_ansi(G1)
    assert isinstance(s, str) and "\x1b[48;2;0;116;217m" in s  # blue in truecolour
    lines = s.split("\n")
    assert len(lines) == 2 and all(line.endswith("\x1b[0m") for line in lines)
    assert [visible(line) for line in lines] == ["      ", "      "]
    s256 = grid_to_ansi(G1, truecolor=False)
    assert "\x1b[48;5;" in s256 and "48;2;" not in s256


def test_grids_side_by_side() -> None:
    s = grids_side_by_side([G1, G2, None], ["in", "a long title", "c"], sep=" -> ")
    lines = s.split("\n")
    assert visible(lines[0]).startswith("in")
    assert "a long title" in lines[0]
    assert len(lines) == 3  # title + two grid rows
    assert " -> " in visible(lines[1]) and "?" in visible(lines[1])


def test_task_to_ansi() -> None:
    s = task_to_ansi(TASK)
    assert "\x1b[" in s and "train[1]" in s and "test[0]" in s
    assert "output (hidden)" in s  # test[0] has no output
    assert s.count("output (hidden)") == 1
    assert task_to_ansi(TASK, show_test_outputs=False).count("output (hidden)") == 2


def test_grid_to_rgb() -> None:
    img = grid_to_rgb(G1, cell=4)
    assert img.shape == (8, 12, 3) and img.dtype == np.uint8
    assert tuple(img[0, 4]) == PALETTE[1] and tuple(img[7, 11]) == PALETTE[5]


def test_panels_to_rgb() -> None:
    img = panels_to_rgb([[G1, G2], [G2, None]], cell=2, gap=3)
    # columns: widths max(6, 2)=6 and max(2, 3*2)=6; rows: heights max(4, 2)=4 and max(2, 6)=6
    assert img.shape == (3 + 4 + 3 + 6 + 3, 3 + 6 + 3 + 6 + 3, 3)
    assert img.dtype == np.uint8
    assert tuple(img[3, 3 + 2]) == PALETTE[1]
    assert tuple(img[0, 0]) != PALETTE[0]


def test_cli_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "007bbfb7", "--color", "always"]) == 0
    out = capsys.readouterr().out
    assert "007bbfb7" in out and "\x1b[48;" in out and "train[0]" in out and "test[0]" in out


def test_cli_show_writes_no_escape_codes_to_files_or_under_no_color(capsys, monkeypatch) -> None:
    assert main(["show", "007bbfb7"]) == 0  # captured stdout is not a terminal
    out = capsys.readouterr().out
    assert "\x1b" not in out and "0 7 7" in out
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    assert main(["show", "007bbfb7"]) == 0
    assert "\x1b" not in capsys.readouterr().out


def test_cli_show_hidden_and_dataset(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "007bbfb7", "--dataset", "arcagi2", "--no-test-outputs"]) == 0
    out = capsys.readouterr().out
    assert "arcagi2" in out and "output (hidden)" in out


def test_cli_unknown_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "notatask"]) == 2
    err = capsys.readouterr().err
    assert "unknown task id 'notatask'" in err


def test_cli_no_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main(["show", "x", "--dataset", "bogus"]) == 2


def test_rgb_render_has_titles_cell_lines_and_readable_size() -> None:
    from arc_env.env import ARCProgramEnv
    from arc_env.render import GRID_LINE, TEXT

    env = ARCProgramEnv(dataset="arcagi", render_mode="rgb_array", task_ids=["3c9b0459"])
    env.reset(seed=0)
    image = env.render()
    assert image.shape[0] >= 150 and image.shape[1] >= 150
    assert (image[:20] == TEXT).all(axis=2).any()  # the column titles
    assert (image == GRID_LINE).all(axis=2).sum() > 50  # cell lines
