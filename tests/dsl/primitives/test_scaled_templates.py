import pytest

from dsl.primitives.scaled_templates import complete_scaled_templates
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def test_registered():
    assert PRIMITIVES["complete_scaled_templates"].signature == "Grid -> Grid"


def test_completes_a_copy_at_twice_the_size():
    # Template 2-1 (a row); the marker 2 is a 2x2 block: the 1 is drawn as a 2x2 block beside it.
    grid = g("21000", "00000", "00000", "02200", "02200")
    assert complete_scaled_templates(grid) == g("21000", "00000", "00000", "02211", "02211")


def test_recolours_through_the_marker_colours_and_turns():
    # Template 3-3-1 (a row); the marker 4-1 stands in a column: the template turned, its 3s drawn as 4s.
    grid = g("33100", "00000", "00001", "00004", "00000")
    assert complete_scaled_templates(grid) == g("33100", "00000", "00001", "00004", "00004")


def test_part_of_an_object_is_not_a_marker():
    # The 2s form one 1x3 object: the template's one 2 cannot cover it whole at any scale.
    grid = g("21000", "00000", "02220", "00000")
    assert complete_scaled_templates(grid) == grid


def test_needs_a_template():
    with pytest.raises(DSLError):
        complete_scaled_templates(g("1100", "0000", "0022"))
