"""Tests for the region and line constructors."""

import pytest

from dsl.primitives.regions import (
    backdrop,
    box,
    connect,
    delta,
    dneighbors,
    hfrontier,
    inbox,
    ineighbors,
    neighbors,
    outbox,
    shoot,
    vfrontier,
)
from dsl.values import DSLError

E = frozenset()
# The outline of rows 1-4, columns 2-5 plus one inner cell.
RING = frozenset({(1, 2), (1, 5), (4, 2), (4, 5), (2, 3)})
OBJ = frozenset({(3, (0, 0)), (3, (2, 2))})


def rect(top, left, bottom, right):
    return frozenset((i, j) for i in range(top, bottom + 1) for j in range(left, right + 1))


def test_dneighbors():
    assert dneighbors((1, 1)) == frozenset({(0, 1), (2, 1), (1, 0), (1, 2)})
    assert dneighbors((0, 0)) == frozenset({(-1, 0), (1, 0), (0, -1), (0, 1)})


def test_ineighbors():
    assert ineighbors((1, 1)) == frozenset({(0, 0), (0, 2), (2, 0), (2, 2)})


def test_neighbors():
    assert neighbors((5, 5)) == rect(4, 4, 6, 6) - {(5, 5)}
    assert neighbors((0, 0)) == dneighbors((0, 0)) | ineighbors((0, 0))


def test_connect():
    assert connect((1, 1), (1, 4)) == frozenset({(1, 1), (1, 2), (1, 3), (1, 4)})
    assert connect((3, 0), (0, 0)) == frozenset({(0, 0), (1, 0), (2, 0), (3, 0)})
    assert connect((0, 0), (2, 2)) == frozenset({(0, 0), (1, 1), (2, 2)})
    assert connect((2, 0), (0, 2)) == frozenset({(2, 0), (1, 1), (0, 2)})
    assert connect((4, 4), (4, 4)) == frozenset({(4, 4)})
    assert connect((0, 0), (1, 2)) == E
    with pytest.raises(DSLError) as e:
        connect((0, 0), (0, 5000))
    assert e.value.kind == "limit"


def test_shoot():
    ray = shoot((2, 3), (0, 1))
    assert len(ray) == 31
    assert (2, 3) in ray and (2, 33) in ray and (2, 2) not in ray
    diag = shoot((5, 5), (-1, -1))
    assert (0, 0) in diag and (-25, -25) in diag and len(diag) == 31
    assert shoot((1, 1), (0, 0)) == frozenset({(1, 1)})


def test_vfrontier():
    col = vfrontier((7, 3))
    assert col == frozenset((i, 3) for i in range(30))


def test_hfrontier():
    row = hfrontier((4, 12))
    assert row == frozenset((4, j) for j in range(30))


def test_backdrop():
    assert backdrop(RING) == rect(1, 2, 4, 5)
    assert backdrop(OBJ) == rect(0, 0, 2, 2)
    assert backdrop(frozenset({(3, 3)})) == frozenset({(3, 3)})
    assert backdrop(E) == E
    with pytest.raises(DSLError) as e:
        backdrop(frozenset({(0, 0), (100, 100)}))
    assert e.value.kind == "limit"


def test_delta():
    assert delta(RING) == rect(1, 2, 4, 5) - RING
    assert delta(OBJ) == rect(0, 0, 2, 2) - {(0, 0), (2, 2)}
    assert delta(frozenset({(0, 0), (0, 1)})) == E
    assert delta(E) == E


def test_box():
    assert box(RING) == rect(1, 2, 4, 5) - rect(2, 3, 3, 4)
    assert box(frozenset({(0, 0), (0, 3)})) == rect(0, 0, 0, 3)
    assert box(frozenset({(6, (2, 2))})) == frozenset({(2, 2)})
    assert box(E) == E


def test_inbox():
    assert inbox(frozenset({(0, 0), (4, 4)})) == rect(1, 1, 3, 3) - {(2, 2)}
    assert inbox(OBJ) == frozenset({(1, 1)})
    assert inbox(RING) == rect(2, 3, 3, 4)
    assert inbox(frozenset({(0, 0), (1, 1)})) == E  # no room inside a 2x2 box
    assert inbox(E) == E


def test_outbox():
    assert outbox(frozenset({(1, 1)})) == rect(0, 0, 2, 2) - {(1, 1)}
    assert outbox(OBJ) == rect(-1, -1, 3, 3) - rect(0, 0, 2, 2)
    assert outbox(E) == E
    with pytest.raises(DSLError) as e:
        outbox(frozenset({(0, 0), (0, 9999)}))
    assert e.value.kind == "limit"


def test_thick_core():
    from dsl.primitives.regions import thick_core
    # A 2x3 block with a one-cell spur and a detached 1-wide line.
    patch = frozenset({(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2), (2, 0), (5, 0), (5, 1), (5, 2)})
    assert thick_core(patch, 2) == frozenset({(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)})
    obj = frozenset({(3, (0, 0)), (3, (0, 1)), (3, (1, 0))})
    assert thick_core(obj, 2) == frozenset()
    assert thick_core(frozenset(), 3) == frozenset()
    assert thick_core(patch, 1) == patch
    assert thick_core(patch, 3) == frozenset()


def test_thick_core_domain():
    from dsl.primitives.regions import thick_core
    with pytest.raises(DSLError):
        thick_core(frozenset({(0, 0)}), 0)
