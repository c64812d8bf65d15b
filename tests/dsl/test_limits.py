"""Execution limits: every program ends near its time limit with bounded memory, whatever its shape.

Adversarial programs (``tests/dsl/adversarial.py``) go through ``score_program`` and both envs; random
grammar-legal programs biased towards the costly combinators go through ``score_program``. Wall-clock
bounds here are deliberately generous (a loaded machine must not fail them); speed targets live in
``benchmarks/bench_limits.py``.
"""

from __future__ import annotations

import gc
import resource
import time

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arc_env.env import ARCProgramEnv
from arc_env.scoring import score_program
from arc_env.tasks import Pair, Task
from arc_env.text_env import ARCProgramTextEnv
from dsl import GrammarState, Vocabulary, budget
from dsl.interpreter import ERROR_KINDS, compile_program, run_program
from dsl.text import parse_program
from dsl.values import MAX_HELD_CELLS, MAX_VALUE_CELLS, DSLError, value_size
from tests.dsl.adversarial import ADVERSARIAL

VOCAB = Vocabulary.from_registry()
SECONDS = budget.DEFAULT_SECONDS
RESOURCE_KINDS = ("timeout", "limit")


def _grid(h: int, w: int, seed: int) -> tuple:
    rng = np.random.default_rng(seed)
    return tuple(tuple(int(v) for v in row) for row in rng.integers(0, 10, (h, w)))


# Three demos and a test of 30x30 noise: the largest ARC inputs, with many objects.
BIG_TASK = Task("limits", tuple(Pair(_grid(30, 30, k), _grid(30, 30, k + 10)) for k in range(3)),
                (Pair(_grid(30, 30, 7), _grid(30, 30, 8)),))


# The most demos an ARC-AGI-1 task has: a program that fails late on every input must not cost ten limits.
TEN_DEMO_TASK = Task("limits10", tuple(Pair(_grid(30, 30, k), _grid(30, 30, k + 20)) for k in range(10)),
                     (Pair(_grid(30, 30, 40), _grid(30, 30, 41)),))


# What one adversarial program may add to the test process's peak resident size.
_PROGRAM_MB = 256


def _status_mb(field: str) -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise OSError(f"no {field} in /proc/self/status")


class _PeakGrowth:
    """How much a block raises this process's peak resident size (MB), earlier tests' peaks excluded.

    On Linux the peak is reset first (``/proc/self/clear_refs``), so the figure is the block's peak over the
    resident size it started from; elsewhere it is the growth of ``ru_maxrss``, which misses a block that stays
    under an earlier test's peak."""

    def __enter__(self) -> "_PeakGrowth":
        try:
            with open("/proc/self/clear_refs", "w") as f:
                f.write("5")
            self.peak = lambda: _status_mb("VmHWM")
            self.start = _status_mb("VmRSS")
        except OSError:
            self.peak = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
            self.start = self.peak()
        return self

    def __exit__(self, *exc: object) -> None:
        self.mb = self.peak() - self.start


# ------------------------------------------------------------------------------------------ value sizes

def test_value_size_counts_cells_across_nested_containers():
    grid = _grid(60, 60, 0)
    assert value_size(grid) == 3600
    assert value_size((grid,) * 10) == 36_000
    assert value_size(frozenset({(0, 0), (1, 1)})) == 2
    assert value_size(((grid,) * 10,) * 4096, limit=MAX_VALUE_CELLS) > MAX_VALUE_CELLS  # stops early
    doubled = grid
    for _ in range(60):  # shared parts are measured once, so this takes 60 steps, not 2**60
        doubled = (doubled, doubled)
    assert value_size(doubled) > MAX_VALUE_CELLS


def test_caps_leave_room_for_every_reference_program():
    # docs/dsl.md: the reference library uses at most a few percent of each cap.
    assert MAX_VALUE_CELLS >= 50 * 1_320 and MAX_HELD_CELLS >= 100 * 4_788 and budget.DEFAULT_CALLS >= 25 * 36_512


def test_primitives_may_charge_their_own_work():
    with budget.budget(calls=10_000):
        budget.charge(5_000)
        with pytest.raises(DSLError) as info:
            budget.charge(6_000)
    assert info.value.kind == "timeout"
    budget.charge(10**9)  # outside a run nothing is limited


def test_charging_reads_the_clock():
    with budget.budget(calls=10**12, seconds=0.01):
        time.sleep(0.02)
        with pytest.raises(DSLError) as info:
            for _ in range(2 * budget.CHECK_EVERY):
                budget.charge()
    assert info.value.kind == "timeout"


def test_run_holds_bounded_cells():
    # Each line keeps a value of 97,200 cells (27 shifted copies of a 60x60 object): the run stops at the cap.
    lines = ["x1 = multiply(TEN, SIX)", "x2 = vec(x1, x1)", "x3 = canvas(ONE, x2)", "x4 = asobject(x3)",
             "x5 = multiply(THREE, NINE)", "x6 = repeat(x4, x5)", "x7 = rbind(shift, UNITY)"]
    lines += [f"x{k} = apply(x7, x6)" for k in range(8, 30)]
    result = run_program("\n".join(lines + ["O = identity(I)"]), ((1,),), calls=10**9, seconds=60.0)
    assert result.error == "limit"


# ------------------------------------------------------------------------------------- adversarial

@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_program_ends_with_an_error_kind(name):
    text = ADVERSARIAL[name]
    start = time.perf_counter()
    with _PeakGrowth() as memory:
        score = score_program(TEN_DEMO_TASK, text, run_test=True)
    assert time.perf_counter() - start < 3.0
    assert score.error in RESOURCE_KINDS, score.demo_errors
    assert memory.mb < _PROGRAM_MB


def test_issue_reproduction_stops_at_once():
    text = ADVERSARIAL["apply_asobject"]
    start = time.perf_counter()
    result = run_program(text, _grid(3, 3, 0))
    assert result.error == "limit" and time.perf_counter() - start < 1.0


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_program_through_both_envs(name):
    text = ADVERSARIAL[name]
    with _PeakGrowth() as memory:
        env = ARCProgramTextEnv(dataset=[BIG_TASK])
        env.reset(seed=0)
        start = time.perf_counter()
        _, _, terminated, _, info = env.step(text)
        assert terminated and time.perf_counter() - start < 3.0
        assert int(info["error_code"]) in (ERROR_KINDS["timeout"], ERROR_KINDS["limit"])

        tokens = VOCAB.encode(parse_program(text))
        env = ARCProgramEnv(dataset=[BIG_TASK], max_tokens=len(tokens))
        env.reset(seed=0)
        start = time.perf_counter()
        for token in tokens:
            _, _, terminated, _, info = env.step(token)
        assert terminated and time.perf_counter() - start < 3.0
        assert int(info["error_code"]) in (ERROR_KINDS["timeout"], ERROR_KINDS["limit"])
    assert memory.mb < _PROGRAM_MB


# ------------------------------------------------------------------------------- random programs

# Names the generator favours: the combinators that multiply work, and what builds large values.
_FAVOURED = ("repeat", "apply", "papply", "rapply", "power", "fork", "compose", "chain", "lbind", "rbind", "mapply",
             "product", "combine", "pair", "canvas", "upscale", "hconcat", "vconcat", "asobject", "objects",
             "multiply", "interval", "dedupe", "equality", "TEN", "NINE", "EIGHT")
_WEIGHT = np.ones(len(VOCAB))
for _name in _FAVOURED:
    if _name in VOCAB.index:
        _WEIGHT[VOCAB.index[_name]] = 25.0
for _k in range(1, VOCAB.max_vars + 1):  # reuse earlier values, so sizes compound
    _WEIGHT[VOCAB.index[f"x{_k}"]] = 10.0


def _biased_program(seed: int, max_tokens: int):
    rng = np.random.default_rng(seed)
    state = GrammarState(VOCAB, max_tokens=max_tokens)
    while not state.done:
        legal = np.flatnonzero(state.legal_mask())
        weights = _WEIGHT[legal]
        state.advance(int(rng.choice(legal, p=weights / weights.sum())))
    return state.program()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1), st.integers(16, 96))
def test_random_costly_programs_end_within_their_limit(seed, max_tokens):
    compiled = compile_program(_biased_program(seed, max_tokens))
    for pair in (*BIG_TASK.train, *BIG_TASK.test):
        # A full collection of the test process's garbage (over a thousand tests' worth) can take longer than the
        # run's limit inside one line; it is not the program's work, so it waits until the run is measured.
        gc.disable()
        try:
            start, start_cpu = time.perf_counter(), time.thread_time()
            result = compiled.run(pair.input)
            elapsed, cpu = time.perf_counter() - start, time.thread_time() - start_cpu
        finally:
            gc.enable()
        assert elapsed < 4 * SECONDS + 0.5  # about twice the limit, with room for a loaded machine
        # Past its deadline by its own work it must say so; this thread's CPU time, since a shared host can stall a
        # fast run and other threads (a Ray client left by an earlier test) add to the process's.
        if cpu > SECONDS + 0.1:
            assert result.error in RESOURCE_KINDS
    start = time.perf_counter()
    score = score_program(BIG_TASK, compiled, run_test=True)
    assert time.perf_counter() - start < 3.0
    assert score.error is None or score.error in ERROR_KINDS


def test_scoring_skips_the_other_inputs_only_after_a_costly_failure():
    mixed = Task("mixed", (Pair(_grid(30, 30, 1), _grid(30, 30, 1)), Pair(_grid(3, 3, 2), _grid(3, 3, 2))), ())
    quick_limit = score_program(mixed, "x1 = upscale(I, THREE)\nO = identity(I)")  # too big for 30x30 only
    assert quick_limit.demo_errors == ("limit", None) and quick_limit.demo_correct == (False, True)
    timed_out = score_program(TEN_DEMO_TASK, ADVERSARIAL["power_power"], run_test=True)
    assert timed_out.demo_errors == ("timeout",) * 10 and timed_out.test_outputs == (None,)
