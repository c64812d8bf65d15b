"""Tests for the colour primitives."""

import pytest

from dsl.primitives.colour import (
    color,
    colorcount,
    leastcolor,
    mostcolor,
    numcolors,
    palette,
)
from dsl.values import DSLError

G = ((0, 0, 1),
     (2, 2, 0),
     (3, 1, 1))
OBJ = frozenset({(4, (0, 0)), (4, (0, 1)), (7, (1, 0))})
IND = frozenset({(0, 0), (1, 1)})


def test_mostcolor():
    assert mostcolor(G) == 0  # 0 and 1 both appear 3 times: ties go to the smallest colour
    assert mostcolor(((5, 5), (2, 9))) == 5
    assert mostcolor(((7,),)) == 7
    assert mostcolor(OBJ) == 4
    assert mostcolor(frozenset({(8, (0, 0)), (3, (5, 5))})) == 3
    with pytest.raises(DSLError) as e:
        mostcolor(IND)
    assert e.value.kind == "domain"
    with pytest.raises(DSLError) as e:
        mostcolor(frozenset())
    assert e.value.kind == "empty"


def test_leastcolor():
    assert leastcolor(G) == 3
    assert leastcolor(((1, 1), (2, 2))) == 1  # tie -> smallest
    assert leastcolor(((6,),)) == 6
    assert leastcolor(OBJ) == 7
    with pytest.raises(DSLError):
        leastcolor(IND)
    with pytest.raises(DSLError):
        leastcolor(frozenset())


def test_palette():
    assert palette(G) == (0, 1, 2, 3)
    assert palette(((9, 9),)) == (9,)
    assert palette(OBJ) == (4, 7)
    assert palette(frozenset()) == ()
    with pytest.raises(DSLError):
        palette(IND)


def test_numcolors():
    assert numcolors(G) == 4
    assert numcolors(((5,),)) == 1
    assert numcolors(OBJ) == 2
    assert numcolors(frozenset()) == 0
    with pytest.raises(DSLError):
        numcolors(IND)


def test_colorcount():
    assert colorcount(G, 1) == 3
    assert colorcount(G, 3) == 1
    assert colorcount(G, 8) == 0
    assert colorcount(OBJ, 4) == 2
    assert colorcount(OBJ, 0) == 0
    assert colorcount(frozenset(), 4) == 0
    with pytest.raises(DSLError):
        colorcount(IND, 0)


def test_color():
    assert color(OBJ) == 4
    assert color(frozenset({(2, (3, 3))})) == 2
    assert color(frozenset({(6, (0, 0)), (1, (0, 1))})) == 1  # tie -> smallest
    with pytest.raises(DSLError) as e:
        color(frozenset())
    assert e.value.kind == "empty"
    with pytest.raises(DSLError):
        color(IND)
