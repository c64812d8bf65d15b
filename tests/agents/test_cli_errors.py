"""User errors are one line on stderr with exit code 2; config overrides are typed; parse errors keep the
parser's message."""

import pytest

from agents.cli import main
from agents.codeit.config import CodeItConfig, ConfigError
from arc_env.loaders import get_task
from arc_env.scoring import score_program


def test_overrides_are_converted_to_their_field_types():
    config = CodeItConfig.from_preset("cpu").override(
        ["relabel=False", "batch_size=32", "tasks=none", "max_train_seconds=null", "temperature=0.5",
         "policy.d_model=64", "policy.num_heads=2"])
    assert config.relabel is False and config.batch_size == 32 and config.tasks is None
    assert config.max_train_seconds is None and config.temperature == 0.5
    preset = CodeItConfig.from_preset("cpu").policy
    assert config.policy == {**preset, "d_model": 64, "num_heads": 2}  # the rest of the preset's policy stays
    assert CodeItConfig.from_preset("cpu").override(['policy={"d_model": 64}']).policy["d_ff"] == preset["d_ff"]


@pytest.mark.parametrize("item, pattern", [
    ("relabel=maybe", "relabel='maybe': expected a boolean"),
    ("batch_size=abc", "batch_size='abc': expected an integer"),
    ("batch_size=0", "batch_size=0: must be at least 1"),
    ("temperature=nan", "temperature='nan': expected a finite number"),
    ("priority=best", "priority='best'"),
    ("dataset=arc9", "unknown dataset"),
    ("policy.d_modle=64", "policy keys"),
    ("policy.d_model=63", "multiple of num_heads"),
    ("nope=1", "bad override"),
    ("relabel", "bad override"),
])
def test_bad_overrides_name_the_key(item, pattern):
    with pytest.raises(ConfigError, match=pattern):
        CodeItConfig.from_preset("cpu").override([item])


@pytest.mark.parametrize("argv, pattern", [
    (["train", "--set", "relabel=maybe"], "relabel='maybe'"),
    (["train", "--sampler", "gpt"], "sampler='gpt'"),
    (["resume", "/no/such/run"], "/no/such/run: no such run directory"),
    (["evaluate", "/no/such/run"], "/no/such/run: no such run directory"),
])
def test_user_errors_are_one_line_with_exit_code_2(capsys, argv, pattern):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert pattern in err and err.count("\n") == 1 and "Traceback" not in err


def test_train_refuses_an_existing_run_directory(tmp_path, capsys):
    (tmp_path / "config.json").write_text("{}")
    assert main(["train", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "codeit resume" in err and "--overwrite" in err and err.count("\n") == 1


def test_resume_names_a_broken_config(tmp_path, capsys):
    (tmp_path / "config.json").write_text('{"bogus": 1}')
    assert main(["resume", str(tmp_path)]) == 2
    assert "config.json: unknown config keys ['bogus']" in capsys.readouterr().err


def test_parse_errors_keep_the_parser_message():
    task, _ = get_task("3c9b0459", "arcagi")
    score = score_program(task, "O = rot181(I)")
    assert score.error == "parse" and "unknown name 'rot181'" in score.error_message
    assert score_program(task, "O = rot180(I)").error_message == ""


@pytest.mark.parametrize("sampler", ["search", "t5"])
def test_train_takes_the_sampler_as_an_option(tmp_path, sampler):
    out = tmp_path / "run"
    argv = ["train", "--sampler", sampler, "--tasks", "1", "--iterations", "0", "--quiet", "--out", str(out),
            "--set", "prior=uniform", "--set", "use_mutants=false", "--set", "workers=0"]
    assert main(argv) == 0
    assert CodeItConfig.load(out / "config.json").sampler == sampler
