"""Tests for the drawing primitives (colour 0 is empty): boxes, diagonal bridges, mirrors, denoising."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dsl.primitives.drawing import (
    bridge_diagonals,
    colour_boxes,
    corner_halo,
    denoise,
    drop_specks,
    fill_bbox,
    keep_blocks,
    keep_rarest,
    majority_ink,
    mirror_about,
    panel_counts,
    panel_summary,
    rot_tile,
    stamp_markers,
)
from dsl.primitives.grid import rot90, rot180, rot270
from dsl.registry import PRIMITIVES
from dsl.values import DSLError
from tests.grids import g


def _kind(fn, *args):
    with pytest.raises(DSLError) as e:
        fn(*args)
    return e.value.kind


grids = st.integers(1, 7).flatmap(lambda h: st.integers(1, 7).flatmap(
    lambda w: st.lists(st.lists(st.integers(0, 3), min_size=w, max_size=w), min_size=h, max_size=h)
)).map(lambda rows: tuple(tuple(r) for r in rows))

SIGNATURES = {
    "rot_tile": "Grid -> Grid",
    "fill_bbox": "Grid, Int -> Grid",
    "colour_boxes": "Grid -> Grid",
    "bridge_diagonals": "Grid -> Grid",
    "drop_specks": "Grid, Bool -> Grid",
    "mirror_about": "Grid, Int -> Grid",
    "keep_rarest": "Grid -> Grid",
    "majority_ink": "Grid -> Grid",
    "denoise": "Grid, Int -> Grid",
    "corner_halo": "Grid, Int -> Grid",
    "keep_blocks": "Grid -> Grid",
    "stamp_markers": "Grid -> Grid",
    "panel_summary": "Grid -> Grid",
    "panel_counts": "Grid -> Grid",
}


def test_registered_with_signatures():
    names = {p.name for p in PRIMITIVES.values() if p.category == "drawing"}
    assert names == set(SIGNATURES)
    for name, signature in SIGNATURES.items():
        assert PRIMITIVES[name].signature == signature, name


def test_rot_tile():
    assert rot_tile(g("86", "68")) == g("8668", "6886", "6886", "8668")
    grid = g("12", "34")
    out = rot_tile(grid)
    assert tuple(r[:2] for r in out[:2]) == grid
    assert tuple(r[2:] for r in out[:2]) == rot90(grid)
    assert tuple(r[:2] for r in out[2:]) == rot270(grid)
    assert tuple(r[2:] for r in out[2:]) == rot180(grid)
    assert _kind(rot_tile, g("12")) == "domain"


def test_fill_bbox():
    assert fill_bbox(g("0000", "0800", "0880", "0000"), 1) == g("0000", "0810", "0880", "0000")
    # diagonal neighbours belong to one object; separate objects get separate boxes
    assert fill_bbox(g("20000", "02000", "00003"), 4) == g("24000", "42000", "00003")
    assert _kind(fill_bbox, g("1"), 10) == "domain"


def test_colour_boxes():
    assert colour_boxes(g("1000", "0200", "0010", "0003")) == g("1110", "1210", "1110", "0003")
    assert colour_boxes(g("0100", "0000", "0001")) == g("0111", "0111", "0111")
    assert colour_boxes(g("000", "010")) == g("000", "010")


def test_bridge_diagonals():
    assert bridge_diagonals(g("3000", "0000", "0030", "0000")) == g("3000", "0300", "0030", "0000")
    assert bridge_diagonals(g("0002", "0000", "0000", "2000")) == g("0002", "0020", "0200", "2000")
    # a different colour in between stops the bridge; different colours are not joined
    assert bridge_diagonals(g("100", "020", "001")) == g("100", "020", "001")
    assert bridge_diagonals(g("100", "000", "002")) == g("100", "000", "002")


def test_drop_specks():
    grid = g("1000", "0010", "0011")
    assert drop_specks(grid, False) == g("0000", "0010", "0011")
    assert drop_specks(g("100", "010"), True) == g("100", "010")
    assert drop_specks(g("100", "010"), False) == g("000", "000")


def test_mirror_about():
    grid = g("00000", "01000", "00300", "00000", "00000")
    assert mirror_about(grid, 3) == g("00000", "01010", "00300", "01010", "00000")
    assert mirror_about(grid, 5) == grid  # no marker: unchanged
    assert _kind(mirror_about, grid, 11) == "domain"


def test_keep_rarest():
    assert keep_rarest(g("1120", "0311")) == g("0020", "0000")
    assert keep_rarest(g("000")) == g("000")


def test_majority_ink():
    assert majority_ink(g("0330", "0380")) == g("0330", "0330")
    assert majority_ink(g("12", "00")) == g("11", "00")
    assert majority_ink(g("00")) == g("00")


def test_denoise():
    grid = g("0000", "0330", "0380", "8000")
    assert denoise(grid, 8) == g("0000", "0330", "0330", "0000")
    assert _kind(denoise, grid, -1) == "domain"


def test_corner_halo():
    assert corner_halo(g("000", "020", "000"), 4) == g("404", "020", "404")
    assert corner_halo(g("0000", "0110", "0000"), 5) == g("5555", "0110", "5555")  # above a neighbour too
    assert corner_halo(g("00000", "01000", "00000"), 5) == g("50500", "01000", "50500")


@given(grids)
def test_colour_preserving_ops_keep_shape(grid):
    for out in (fill_bbox(grid, 5), colour_boxes(grid), bridge_diagonals(grid), drop_specks(grid, True),
                mirror_about(grid, 1), keep_rarest(grid), majority_ink(grid), denoise(grid, 2), corner_halo(grid, 5)):
        assert len(out) == len(grid) and len(out[0]) == len(grid[0])
    # cells with ink keep it under the painting ops
    for out in (fill_bbox(grid, 5), bridge_diagonals(grid), mirror_about(grid, 1), corner_halo(grid, 5)):
        assert all(o == v for row, orow in zip(grid, out) for v, o in zip(row, orow) if v)


def test_keep_blocks():
    assert keep_blocks(g("1100", "1110", "0001")) == g("1100", "1100", "0000")
    assert keep_blocks(g("12", "34")) == g("12", "34")
    assert keep_blocks(g("1")) == g("0")


def test_stamp_markers():
    grid = g("12000", "03000", "00000", "00050", "00000")
    assert stamp_markers(grid) == g("12000", "03000", "00000", "00012", "00003")
    assert stamp_markers(g("120", "000")) == g("120", "000")  # no marker


def test_panel_summary():
    grid = g("11011", "12011", "00000", "30044", "33044")
    assert panel_summary(grid) == g("11", "34")
    assert _kind(panel_summary, g("12", "34")) == "domain"
    assert panel_counts(grid) == g("44", "34")
