"""The type system: syntax, subtyping, bounded variables, and the contravariant parameter rule."""

import pytest

from dsl.text import parse_program
from dsl.typecheck import TypeCheckError, call_type, typecheck
from dsl.types import GRID, INT, OBJECT, PATCH, fits, format_type, parse_type


@pytest.mark.parametrize("text", ["Int", "Tup[Object]", "Fn[A, Tup[A] -> Bool]", "Fn[Fn[P -> Vec], Tup[P] -> P]"])
def test_syntax_round_trip(text):
    assert format_type(parse_type(text)) == text


def test_subtyping_and_containers():
    assert fits(OBJECT, PATCH, {}) and not fits(PATCH, OBJECT, {})
    assert fits(parse_type("Tup[Object]"), parse_type("Tup[Patch]"), {})
    assert not fits(GRID, INT, {})


def test_bounded_variables_keep_their_bound():
    shift = parse_type("Fn[P, Vec -> P]")
    assert call_type(shift, [OBJECT, parse_type("Vec")]) == OBJECT
    assert call_type(shift, [INT, parse_type("Vec")]) is None


def test_function_values_keep_the_type_they_are_applied_to():
    program = parse_program("x1 = objects(I, T, F, T)\nx2 = fork(shift, identity, ulcorner)\n"
                            "x3 = apply(x2, x1)\nO = paint_all(I, x3)")
    assert format_type(typecheck(program)[2]) == "Tup[Object]"


def test_type_errors_name_line_and_argument():
    with pytest.raises(TypeCheckError, match="line 2: argument 2 of paint: x1 has type Grid, expected Object"):
        typecheck(parse_program("x1 = rot90(I)\nO = paint(x1, x1)"))
