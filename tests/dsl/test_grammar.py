"""The grammar state: masks are never empty, and every legal sequence is a well-typed program."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dsl import GrammarState, IllegalTokenError, Vocabulary, parse_program, typecheck
from dsl.types import GRID

VOCAB = Vocabulary.from_registry()


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(3, 64))
def test_every_legal_sequence_parses_and_typechecks(seed, max_tokens):
    rng = np.random.default_rng(seed)
    state = GrammarState(VOCAB, max_tokens=max_tokens)
    while not state.done:
        mask = state.legal_mask()
        assert mask.any(), "the mask must never be all false"
        state.advance(int(rng.choice(np.flatnonzero(mask))))
    assert len(state.tokens) <= max_tokens
    types = typecheck(state.program())
    assert types[-1] == GRID


def test_first_step_offers_callees_but_not_eos_or_arguments():
    mask = GrammarState(VOCAB).legal_mask()
    assert mask[VOCAB.index["rot90"]] and mask[VOCAB.index["objects"]]
    assert not mask[VOCAB.eos_id] and not mask[VOCAB.input_id] and not mask[VOCAB.index["ZERO"]]


def test_argument_masks_follow_types():
    state = GrammarState(VOCAB)
    state.advance(VOCAB.index["upscale"])  # Grid, Int -> Grid
    mask = state.legal_mask()
    assert mask[VOCAB.input_id] and not mask[VOCAB.index["ZERO"]]
    state.advance(VOCAB.input_id)
    mask = state.legal_mask()
    assert mask[VOCAB.index["TWO"]] and not mask[VOCAB.input_id] and not mask[VOCAB.index["T"]]
    state.advance(VOCAB.index["TWO"])
    assert state.legal_mask()[VOCAB.eos_id]


def test_variables_of_every_type_are_offered_where_they_fit():
    state = GrammarState(VOCAB)
    for name in ("mostcolor", "I", "objects", "I", "T", "F", "T", "upscale", "I"):  # x1: Int, x2: Tup[Object]
        state.advance(VOCAB.index[name])
    mask = state.legal_mask()
    assert mask[VOCAB.index["x1"]] and mask[VOCAB.index["TWO"]] and not mask[VOCAB.index["x2"]]


def test_illegal_token_raises_and_leaves_state_unchanged():
    state = GrammarState(VOCAB)
    with pytest.raises(IllegalTokenError):
        state.advance(VOCAB.input_id)
    assert state.tokens == []


def test_tight_budget_forces_a_grid_line():
    state = GrammarState(VOCAB, max_tokens=3)
    mask = state.legal_mask()
    legal = {VOCAB.tokens[i] for i in np.flatnonzero(mask)}
    assert "rot90" in legal and "objects" not in legal and "size" not in legal


def test_decode_of_encoded_library_style_program():
    program = parse_program("x1 = objects(I, T, F, T)\nx2 = argmax(x1, size)\nO = subgrid(x2, I)")
    assert VOCAB.decode(VOCAB.encode(program)) == program


def test_vocabulary_save_and_load(tmp_path):
    VOCAB.save(tmp_path / "vocab.json")
    assert Vocabulary.load(tmp_path / "vocab.json") == VOCAB
