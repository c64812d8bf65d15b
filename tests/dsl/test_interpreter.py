"""The interpreter reports failures as error kinds and stops adversarial programs within its limits."""

import time

from dsl import ERROR_KINDS, compile_program, run_program

GRID = ((1, 2), (3, 4))


def test_runs_a_program():
    assert run_program("x1 = rot90(I)\nO = rot90(x1)", GRID).output == ((4, 3), (2, 1))


def test_parse_and_type_errors_are_kinds():
    assert run_program("O = rot90(", GRID).error == "parse"
    assert run_program("O = rot90(ZERO)", GRID).error == "type"


def test_non_grid_output_is_invalid_output():
    # canvas of 40x40 is a legal intermediate but not an ARC output
    result = run_program("x1 = vec(TEN, TEN)\nx2 = scale(x1, FOUR)\nO = canvas(ZERO, x2)", GRID)
    assert result.error == "invalid_output"


def test_doubling_container_hits_the_size_limit_quickly():
    lines = ["x1 = asindices(I)", "x2 = singleton(x1)"]
    for k in range(3, 40):
        lines.append(f"x{k} = combine(x{k - 1}, x{k - 1})")
    lines.append("O = rot90(I)")
    start = time.perf_counter()
    result = run_program("\n".join(lines), GRID)
    assert result.error == "limit"
    assert time.perf_counter() - start < 1.0


def test_exponential_function_composition_times_out():
    lines = ["x1 = compose(rot90, rot90)"]
    for k in range(2, 60):
        lines.append(f"x{k} = fork(hconcat, x{k - 1}, x{k - 1})" if k % 2 else f"x{k} = compose(x{k - 1}, x{k - 1})")
    lines.append("O = x59(I)")
    start = time.perf_counter()
    result = run_program("\n".join(lines), GRID, seconds=0.5)
    assert result.error in ("timeout", "limit")
    assert time.perf_counter() - start < 2.0


def test_deep_composition_of_many_lines_is_bounded():
    lines = ["x1 = compose(rot90, identity)"] + [f"x{k} = compose(x{k - 1}, rot90)" for k in range(2, 190)]
    lines.append("O = x189(I)")
    result = run_program("\n".join(lines), GRID)
    assert result.error is None or result.error in ("timeout", "limit")


def test_error_kinds_have_stable_codes():
    assert ERROR_KINDS["ok"] == 0 and ERROR_KINDS["illegal_token"] == 1
    assert len(set(ERROR_KINDS.values())) == len(ERROR_KINDS)


def test_compiled_program_runs_many():
    compiled = compile_program("O = vmirror(I)")
    assert [r.output for r in compiled.run_many([GRID, ((5,),)])] == [((2, 1), (4, 3)), ((5,),)]
