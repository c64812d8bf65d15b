"""Depth-1 mutation: every mutant type-checks, each operator works, insertion renumbers, seeds reproduce."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dsl.library import load_library
from dsl.mutation import (
    OPERATORS,
    MutationError,
    MutationWeights,
    apply_operator,
    mutate,
    mutate_detailed,
    renumber_insert,
)
from dsl.program import VAR, Line, Program, Ref
from dsl.text import parse_program, print_program
from dsl.typecheck import TypeCheckError, typecheck
from dsl.types import GRID

HAND_WRITTEN = [
    "x1 = objects(I, T, T, T)\nx2 = argmax(x1, size)\nO = subgrid(x2, I)",
    "x1 = upscale(I, THREE)\nx2 = tile(I, THREE, THREE)\nO = cellwise(x2, x1, ZERO)",
    "O = rot90(I)",
    "x1 = ofcolor(I, ZERO)\nx2 = box(x1)\nO = fill(I, TWO, x2)",
    "x1 = fgpartition(I)\nx2 = rbind(bordering, I)\nx3 = sfilter(x1, x2)\nx4 = merge(x3)\nO = cover(I, x4)",
    "x1 = lbind(colorcount, I)\nx2 = palette(I)\nx3 = argmax(x2, x1)\nx4 = shape(I)\nO = canvas(x3, x4)",
]


def _library_programs(limit: int = 40) -> list:
    """Some shipped reference programs that currently type-check (the library is edited concurrently)."""
    out = []
    for _, text in sorted(load_library().items()):
        try:
            program = parse_program(text)
            typecheck(program)
        except (ValueError, TypeCheckError):
            continue
        out.append(program)
    return out[::max(1, len(out) // limit)][:limit]


PROGRAMS = [parse_program(t) for t in HAND_WRITTEN] + _library_programs()


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, len(PROGRAMS) - 1))
def test_mutants_typecheck_and_end_in_a_grid(seed, index):
    parent = PROGRAMS[index]
    m = mutate_detailed(parent, np.random.default_rng(seed))
    assert m.operator in OPERATORS and 1 <= m.line <= len(parent)
    assert m.program != parent
    assert typecheck(m.program)[-1] == GRID
    # the text form round-trips, so mutants can be stored as canonical text
    assert parse_program(print_program(m.program)) == m.program


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, len(PROGRAMS) - 1))
def test_same_seed_same_mutant(seed, index):
    parent = PROGRAMS[index]
    a = mutate(parent, np.random.default_rng(seed))
    b = mutate(parent, np.random.default_rng(seed))
    assert a == b


def _changed_lines(parent, child) -> list:
    return [k for k, (a, b) in enumerate(zip(parent.lines, child.lines)) if a != b]


@pytest.mark.parametrize("operator", OPERATORS)
def test_each_operator_produces_its_kind_of_change(operator):
    seen = 0
    for seed in range(60):
        rng = np.random.default_rng(seed)
        parent = PROGRAMS[seed % len(PROGRAMS)]
        line = int(rng.integers(len(parent))) + 1
        child = apply_operator(parent, operator, line, rng)
        if child is None:
            continue
        seen += 1
        assert typecheck(child)[-1] == GRID
        j = line - 1
        if operator == "insert_new_line":
            assert len(child) == len(parent) + 1
            mutated = child.lines[j + 1]
            assert Ref(VAR, j + 1) in mutated.args
            assert child.lines[:j] == parent.lines[:j]
        else:
            assert len(child) == len(parent)
            assert _changed_lines(parent, child) == [j]
            old, new = parent.lines[j], child.lines[j]
            if operator == "replace_argument":
                assert new.callee == old.callee
                assert sum(a != b for a, b in zip(old.args, new.args)) == 1
            elif operator == "replace_function":
                assert new.callee != old.callee and new.args == old.args
    assert seen >= 10, f"{operator} succeeded only {seen} times in 60 tries"


def test_mutate_uses_every_operator_with_the_default_weights():
    counts = dict.fromkeys(OPERATORS, 0)
    rng = np.random.default_rng(7)
    for k in range(200):
        counts[mutate_detailed(PROGRAMS[k % len(PROGRAMS)], rng).operator] += 1
    assert all(v > 0 for v in counts.values()), counts


def test_renumber_insert_shifts_later_variables():
    parent = parse_program("x1 = objects(I, T, T, T)\nx2 = argmax(x1, size)\nx3 = shape(x2)\nO = subgrid(x2, I)")
    new_line = Line(Ref("prim", "largest"), (Ref(VAR, 1),))
    lines = renumber_insert(parent, 1, new_line)  # the new line becomes x2
    assert print_program(Program(tuple(lines))) == ("x1 = objects(I, T, T, T)\nx2 = largest(x1)\nx3 = argmax(x1, size)\nx4 = shape(x3)\n"
                    "O = subgrid(x3, I)")


def test_insert_new_line_renumbers_the_rest_of_the_program():
    parent = parse_program("x1 = objects(I, T, T, T)\nx2 = argmax(x1, size)\nx3 = shape(x2)\nO = subgrid(x2, I)")
    found = 0
    for seed in range(40):
        child = apply_operator(parent, "insert_new_line", 3, np.random.default_rng(seed))  # mutate x3's argument
        if child is None:
            continue
        found += 1
        assert len(child) == 5
        assert child.lines[:2] == parent.lines[:2]
        assert child.lines[3] == Line(Ref("prim", "shape"), (Ref(VAR, 3),))
        # the output line referred to x2, which is not after the insertion point: unchanged
        assert child.lines[4] == parent.lines[3]
        typecheck(child)
    assert found >= 10


def test_insert_before_a_line_shifts_references_to_later_variables():
    parent = parse_program("x1 = objects(I, T, T, T)\nx2 = argmax(x1, size)\nx3 = shape(x2)\nO = subgrid(x2, I)")
    for seed in range(40):
        child = apply_operator(parent, "insert_new_line", 2, np.random.default_rng(seed))
        if child is None:
            continue
        assert child.lines[0] == parent.lines[0]
        assert Ref(VAR, 2) in child.lines[2].args  # the new x2 feeds the mutated line, now x3
        assert child.lines[3] == Line(Ref("prim", "shape"), (Ref(VAR, 3),))
        assert child.lines[4] == Line(Ref("prim", "subgrid"), (Ref(VAR, 3), Ref("input")))
        return
    pytest.fail("no insertion found in 40 seeds")


def test_retry_bound_raises_mutation_error():
    with pytest.raises(MutationError):
        mutate(PROGRAMS[0], np.random.default_rng(0), max_tries=0)


def test_weights_select_operators():
    only_function = MutationWeights(replace_argument=0.0, replace_function=1.0, replace_rhs=0.0)
    rng = np.random.default_rng(3)

    def operators(weights):
        # A rare program/draw finds no well-typed mutant (which draws do shifts as the registry grows).
        out = []
        for k in range(20):
            try:
                out.append(mutate_detailed(PROGRAMS[k % len(PROGRAMS)], rng, weights).operator)
            except MutationError:
                pass
        assert len(out) >= 18
        return set(out)

    assert operators(only_function) == {"replace_function"}
    always_insert = MutationWeights(replace_argument=1.0, replace_function=0.0, replace_rhs=0.0, insert_new_line=1.0)
    assert operators(always_insert) == {"insert_new_line"}
    with pytest.raises(ValueError):
        MutationWeights(insert_new_line=1.5)
    with pytest.raises(ValueError):
        MutationWeights(0.0, 0.0, 0.0)
