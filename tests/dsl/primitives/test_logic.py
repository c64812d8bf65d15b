"""Tests for dsl/primitives/logic.py."""

from dsl.primitives.logic import both, branch, either, equality, flip, identity
from dsl.registry import PRIMITIVES


def test_signatures_registered():
    assert PRIMITIVES["identity"].signature == "A -> A"
    assert PRIMITIVES["branch"].signature == "Bool, A, A -> A"
    assert PRIMITIVES["equality"].signature == "A, A -> Bool"


def test_identity():
    assert identity(3) == 3
    grid = ((1, 2), (3, 4))
    assert identity(grid) is grid
    assert identity(()) == ()


def test_flip():
    assert flip(True) is False
    assert flip(False) is True


def test_both():
    assert both(True, True) is True
    assert both(True, False) is False
    assert both(False, True) is False
    assert both(False, False) is False


def test_either():
    assert either(True, True) is True
    assert either(True, False) is True
    assert either(False, True) is True
    assert either(False, False) is False


def test_equality():
    assert equality(3, 3) is True
    assert equality(3, 4) is False
    assert equality((1, 2), (1, 2)) is True
    assert equality(frozenset({(0, 0)}), frozenset({(0, 0)})) is True
    assert equality(((1,),), ((2,),)) is False


def test_branch():
    assert branch(True, 1, 2) == 1
    assert branch(False, 1, 2) == 2
    assert branch(True, (), (1,)) == ()
