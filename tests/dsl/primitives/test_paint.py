"""Tests for the painting primitives."""

import pytest

from dsl.primitives.paint import (
    _is_object,
    cover,
    fill,
    fill_box,
    move,
    paint,
    paint_all,
    replace,
    switch,
    underfill,
    underpaint,
)
from dsl.values import DSLError

G = ((0, 0, 0),
     (0, 1, 0),
     (0, 0, 2))
IND = frozenset({(0, 0), (1, 1), (5, 5), (-1, 0)})
OBJ = frozenset({(3, (0, 1)), (4, (1, 1)), (5, (9, 9))})


def _kind(fn, *args):
    with pytest.raises(DSLError) as e:
        fn(*args)
    return e.value.kind


def test_is_object():
    assert _is_object(OBJ)
    assert not _is_object(IND)
    assert not _is_object(frozenset())


def test_fill():
    assert fill(G, 7, IND) == ((7, 0, 0), (0, 7, 0), (0, 0, 2))  # outside cells ignored
    assert fill(G, 7, OBJ) == ((0, 7, 0), (0, 7, 0), (0, 0, 2))  # an Object's positions are used
    assert fill(G, 7, frozenset()) == G
    assert _kind(fill, G, 10, IND) == "domain"


def test_paint():
    assert paint(G, OBJ) == ((0, 3, 0), (0, 4, 0), (0, 0, 2))
    assert paint(G, frozenset()) == G
    # Conflicting colours at one position resolve deterministically (the larger colour wins).
    assert paint(G, frozenset({(3, (0, 0)), (6, (0, 0))})) == ((6, 0, 0), (0, 1, 0), (0, 0, 2))
    assert _kind(paint, G, frozenset({(12, (0, 0))})) == "domain"
    assert _kind(paint, G, frozenset({(0, 0)})) == "domain"


def test_underfill():
    assert underfill(G, 7, IND) == ((7, 0, 0), (0, 1, 0), (0, 0, 2))  # (1, 1) is not background
    g = ((5, 5), (5, 0))  # background is 5
    assert underfill(g, 9, frozenset({(0, 0), (1, 1)})) == ((9, 5), (5, 0))
    assert underfill(G, 7, frozenset()) == G
    assert _kind(underfill, G, -1, IND) == "domain"


def test_underpaint():
    assert underpaint(G, OBJ) == ((0, 3, 0), (0, 1, 0), (0, 0, 2))
    assert underpaint(G, frozenset()) == G


def test_cover():
    assert cover(G, frozenset({(1, 1), (2, 2), (7, 7)})) == ((0,) * 3,) * 3
    g = ((5, 5), (5, 0))
    assert cover(g, frozenset({(0, (1, 1))})) == ((5, 5), (5, 5))
    assert cover(G, frozenset()) == G


def test_move():
    obj = frozenset({(1, (1, 1))})
    assert move(G, obj, (-1, 1)) == ((0, 0, 1), (0, 0, 0), (0, 0, 2))
    assert move(G, obj, (0, 0)) == G
    assert move(G, obj, (5, 5)) == ((0, 0, 0), (0, 0, 0), (0, 0, 2))  # moved off the grid
    two = frozenset({(1, (1, 1)), (2, (2, 2))})
    assert move(G, two, (-1, -1)) == ((1, 0, 0), (0, 2, 0), (0, 0, 0))  # overlapping shift
    assert move(G, frozenset(), (1, 1)) == G


def test_replace():
    assert replace(G, 0, 9) == ((9, 9, 9), (9, 1, 9), (9, 9, 2))
    assert replace(G, 8, 9) is G
    assert replace(G, 1, 1) is G
    assert _kind(replace, G, 0, 10) == "domain"


def test_switch():
    assert switch(G, 1, 2) == ((0, 0, 0), (0, 2, 0), (0, 0, 1))
    assert switch(G, 0, 7) == ((7, 7, 7), (7, 1, 7), (7, 7, 2))
    assert switch(G, 1, 1) == G
    assert _kind(switch, G, 1, 15) == "domain"


def test_paint_all():
    a = frozenset({(3, (0, 0)), (3, (0, 1))})
    b = frozenset({(4, (0, 1)), (4, (8, 8))})
    assert paint_all(G, (a, b)) == ((3, 4, 0), (0, 1, 0), (0, 0, 2))
    assert paint_all(G, (b, a)) == ((3, 3, 0), (0, 1, 0), (0, 0, 2))
    assert paint_all(G, ()) == G
    assert paint_all(G, (frozenset(),)) == G


def test_fill_box_spans_either_corner_order_and_clips():
    assert fill_box(G, 5, (2, 2), (1, 0)) == ((0, 0, 0), (5, 5, 5), (5, 5, 5))
    assert fill_box(G, 7, (0, 1), (0, 1)) == ((0, 7, 0), (0, 1, 0), (0, 0, 2))
    assert fill_box(G, 3, (-4, 1), (0, 9)) == ((0, 3, 3), (0, 1, 0), (0, 0, 2))
    assert fill_box(G, 3, (5, 5), (6, 6)) is G
    assert _kind(fill_box, G, 11, (0, 0), (1, 1)) == "domain"
