"""The registry's contract: every primitive is typed, documented and named by a unit test."""

import re
from pathlib import Path

import dsl
from dsl.registry import PRIMITIVES
from dsl.types import format_type, parse_type

TEST_DIR = Path(__file__).parent / "primitives"


def test_enough_primitives():
    assert len(PRIMITIVES) >= 140


def test_every_primitive_has_signature_and_docstring():
    for p in PRIMITIVES.values():
        assert p.doc and "\n" not in p.doc, p.name
        assert parse_type(f"Fn[{p.signature}]") == p.type, p.name
        assert format_type(p.ret)


def test_every_primitive_is_named_by_a_unit_test():
    text = "\n".join(f.read_text() for f in TEST_DIR.glob("test_*.py"))
    words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text))
    missing = sorted(name for name in PRIMITIVES if name not in words)
    assert not missing, f"primitives without a unit test: {missing}"


def test_registry_is_filled_by_importing_dsl():
    assert "rot90" in dsl.PRIMITIVES and "ZERO" in dsl.CONSTANTS
