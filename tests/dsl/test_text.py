"""Parser and printer: strict grammar, exact round trip, clear errors."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dsl import ParseError, Vocabulary, parse_program, print_program, sample_program_tokens

VOCAB = Vocabulary.from_registry()


def test_round_trip_of_canonical_text():
    text = "x1 = objects(I, T, F, T)\nx2 = argmax(x1, size)\nO = subgrid(x2, I)"
    assert print_program(parse_program(text)) == text


def test_free_whitespace_comments_and_names_are_canonicalised():
    text = "# crop the largest object\nx7 = objects( I,T ,F,T )\n\nx9=argmax(x7,size)\nO = subgrid(x9, I)\n"
    assert print_program(parse_program(text)) == "x1 = objects(I, T, F, T)\nx2 = argmax(x1, size)\nO = subgrid(x2, I)"


@pytest.mark.parametrize("text, fragment", [
    ("", "empty program"),
    ("x1 = rot90(I)", "must assign O"),
    ("O = rot90(I)\nx1 = rot90(I)", "no line may follow"),
    ("O = rot90(x1)", "before it is assigned"),
    ("O = nosuchthing(I)", "unknown name"),
    ("O = rot90(rot90(I))", "arguments are names"),
    ("x1 = rot90(I)\nx1 = rot90(x1)\nO = rot90(x1)", "assigned twice"),
    ("O = I(I)", "cannot be called"),
    ("O = __import__(os)", "unknown name"),
    ("O = rot90(I); print(1)", "arguments are names"),
    ("O rot90(I)", "expected"),
])
def test_parse_errors_name_the_problem(text, fragment):
    with pytest.raises(ParseError, match=fragment):
        parse_program(text)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(3, 48))
def test_round_trip_of_sampled_programs(seed, max_tokens):
    tokens = sample_program_tokens(VOCAB, np.random.default_rng(seed), max_tokens)
    program = VOCAB.decode(tokens)
    text = print_program(program)
    assert parse_program(text) == program
    assert print_program(parse_program(text)) == text
    assert VOCAB.encode(program) == tokens
