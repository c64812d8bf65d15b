"""Tests for the layer primitives (colour 0 is empty): overlays, filters, smearing, bridging, outlines, shape."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dsl.budget import budget
from dsl.primitives.layers import (
    area,
    bridge_cols,
    bridge_rows,
    crop_ink,
    embed,
    halo,
    ink,
    interior,
    invert_ink,
    keep_colour,
    majority_cell,
    map_colours,
    mirror_tile,
    outline,
    overlay_except,
    overlay_only,
    panel_logic,
    rank_colours,
    recolour_ink,
    size_colours,
    smear,
    stack_ink,
)
from dsl.registry import PRIMITIVES
from dsl.values import DSLError, is_grid
from tests.grids import g


def _kind(fn, *args):
    with pytest.raises(DSLError) as e:
        fn(*args)
    return e.value.kind


grids = st.integers(1, 8).flatmap(lambda h: st.integers(1, 8).flatmap(
    lambda w: st.lists(st.lists(st.integers(0, 4), min_size=w, max_size=w), min_size=h, max_size=h)
)).map(lambda rows: tuple(tuple(r) for r in rows))

UNIT_VECTORS = [(di, dj) for di in (-1, 0, 1) for dj in (-1, 0, 1) if (di, dj) != (0, 0)]

SIGNATURES = {
    "halo": "Grid, Int, Bool -> Grid",
    "size_colours": "Grid -> Grid",
    "rank_colours": "Grid -> Grid",
    "stack_ink": "Tup[Grid] -> Grid",
    "invert_ink": "Grid, Int -> Grid",
    "panel_logic": "Tup[Grid], Int, Int -> Grid",
    "overlay_except": "Grid, Grid, Int -> Grid",
    "overlay_only": "Grid, Grid, Int -> Grid",
    "keep_colour": "Grid, Int -> Grid",
    "recolour_ink": "Grid, Int -> Grid",
    "smear": "Grid, Vec -> Grid",
    "bridge_rows": "Grid -> Grid",
    "bridge_cols": "Grid -> Grid",
    "interior": "Grid -> Grid",
    "outline": "Grid -> Grid",
    "embed": "Grid, Vec -> Grid",
    "ink": "Grid -> Int",
    "crop_ink": "Grid -> Grid",
    "map_colours": "Grid, Tup[Int], Tup[Int] -> Grid",
    "area": "Grid -> Int",
    "majority_cell": "Grid -> Grid",
    "mirror_tile": "Grid -> Grid",
}


def test_registered_with_signatures():
    names = {p.name for p in PRIMITIVES.values() if p.category == "layers"}
    assert names == set(SIGNATURES)
    for name, signature in SIGNATURES.items():
        assert PRIMITIVES[name].signature == signature, name


# ----------------------------------------------------------------------------------------------------------
# Overlays and colour filters


def test_overlay_except():
    base = g("111", "222")
    top = g("305", "003")
    assert overlay_except(base, top, 0) == g("315", "223")
    assert overlay_except(base, top, 3) == g("105", "002")
    assert _kind(overlay_except, base, g("12"), 0) == "domain"
    assert _kind(overlay_except, base, g("12", "34"), 0) == "domain"
    assert _kind(overlay_except, base, top, 10) == "domain"


@given(grids)
def test_overlay_except_empty_top_is_base(base):
    empty = tuple((0,) * len(base[0]) for _ in base)
    assert overlay_except(base, empty, 0) == base
    assert overlay_except(empty, base, 0) == base


def test_overlay_only():
    base = g("111", "222")
    top = g("305", "033")
    assert overlay_only(base, top, 3) == g("311", "233")
    assert overlay_only(base, top, 0) == g("101", "022")
    assert overlay_only(base, top, 7) == base
    assert _kind(overlay_only, base, g("1"), 3) == "domain"
    assert _kind(overlay_only, base, top, -1) == "domain"


def test_keep_colour():
    assert keep_colour(g("123", "321"), 2) == g("020", "020")
    assert keep_colour(g("123"), 5) == g("000")
    assert keep_colour(g("103"), 0) == g("000")
    assert _kind(keep_colour, g("1"), 10) == "domain"


def test_recolour_ink():
    assert recolour_ink(g("102", "030"), 5) == g("505", "050")
    assert recolour_ink(g("102"), 0) == g("000")
    assert _kind(recolour_ink, g("1"), True) == "domain"


def test_map_colours():
    assert map_colours(g("1203", "3012"), (1, 3), (3, 7)) == g("3207", "7032")
    assert map_colours(g("12"), (), ()) == g("12")
    assert map_colours(g("102"), (0,), (5,)) == g("152")


def test_map_colours_swap_is_simultaneous():
    assert map_colours(g("1212", "0033"), (1, 2), (2, 1)) == g("2121", "0033")


def test_map_colours_errors():
    assert _kind(map_colours, g("1"), (1, 2), (3,)) == "domain"
    assert _kind(map_colours, g("1"), (1, 1), (3, 4)) == "domain"
    assert _kind(map_colours, g("1"), (10,), (3,)) == "domain"
    assert _kind(map_colours, g("1"), (1,), (-1,)) == "domain"


@given(grids, st.integers(0, 9), st.integers(0, 9))
def test_map_colours_swap_twice_is_identity(grid, a, b):
    if a == b:
        return
    swapped = map_colours(grid, (a, b), (b, a))
    assert map_colours(swapped, (a, b), (b, a)) == grid


def test_majority_cell():
    assert majority_cell(g("0011", "0222")) == g("2")
    assert majority_cell(g("12", "21")) == g("1")  # tie to the smallest
    assert majority_cell(g("000", "000")) == g("0")
    assert majority_cell(g("9")) == g("9")


# ----------------------------------------------------------------------------------------------------------
# Smearing and bridging


def test_smear_orthogonal():
    grid = g("0100200", "0000000", "3000040")
    assert smear(grid, (0, 1)) == g("0111222", "0000000", "3333344")
    assert smear(grid, (0, -1)) == g("1122200", "0000000", "3444440")
    assert smear(g("010", "000", "020", "000"), (1, 0)) == g("010", "010", "020", "020")
    assert smear(g("010", "000", "020", "000"), (-1, 0)) == g("010", "020", "020", "000")


def test_smear_diagonal():
    grid = g("1000", "0000", "0020", "0000")
    assert smear(grid, (1, 1)) == g("1000", "0100", "0020", "0002")
    assert smear(grid, (-1, -1)) == g("1000", "0200", "0020", "0000")
    assert smear(g("0000", "0000", "0010"), (-1, 1)) == g("0000", "0001", "0010")
    assert smear(g("0000", "0000", "0100"), (-1, 1)) == g("0001", "0010", "0100")
    assert smear(g("003", "000", "000"), (1, -1)) == g("003", "030", "300")


def test_smear_stops_at_non_zero():
    # the ray of 1 stops at 5; 5's own ray continues
    assert smear(g("10500"), (0, 1)) == g("11555")
    assert smear(g("1", "5", "0"), (1, 0)) == g("1", "5", "5")


def test_smear_bad_direction():
    grid = g("10")
    for bad in [(0, 0), (2, 0), (0, -2), (1, 2)]:
        assert _kind(smear, grid, bad) == "domain"


def _smear_reference(grid, direction):
    """The specification: rays from every non-zero source over original 0 cells; nearest source, then
    smaller colour, wins."""
    h, w = len(grid), len(grid[0])
    di, dj = direction
    best = {}
    for i in range(h):
        for j in range(w):
            c = grid[i][j]
            if not c:
                continue
            a, b, d = i + di, j + dj, 1
            while 0 <= a < h and 0 <= b < w and grid[a][b] == 0:
                if (a, b) not in best or (d, c) < best[(a, b)]:
                    best[(a, b)] = (d, c)
                a, b, d = a + di, b + dj, d + 1
    return tuple(tuple(best[(i, j)][1] if (i, j) in best else grid[i][j] for j in range(w)) for i in range(h))


@settings(max_examples=150)
@given(grids, st.sampled_from(UNIT_VECTORS))
def test_smear_matches_reference(grid, direction):
    assert smear(grid, direction) == _smear_reference(grid, direction)


@given(st.integers(1, 8), st.integers(1, 8), st.sampled_from(UNIT_VECTORS))
def test_smear_all_zero_unchanged(h, w, direction):
    zero = ((0,) * w,) * h
    assert smear(zero, direction) == zero


def test_bridge_rows():
    assert bridge_rows(g("1001002", "3000300", "4050400")) == g("1111002", "3333300", "4050400")
    assert bridge_rows(g("101", "000")) == g("111", "000")
    assert bridge_rows(g("1")) == g("1")


def test_bridge_cols():
    grid = g("130", "004", "105", "034")
    assert bridge_cols(grid) == g("130", "134", "135", "034")
    assert bridge_cols(g("2", "0", "2", "0", "2")) == g("2", "2", "2", "2", "2")


@given(grids)
def test_bridge_cols_is_transposed_bridge_rows(grid):
    t = tuple(zip(*grid))
    assert bridge_cols(grid) == tuple(zip(*bridge_rows(t)))


# ----------------------------------------------------------------------------------------------------------
# Outlines and interiors


def test_interior_and_outline():
    grid = g("01110", "11111", "11111", "01110")
    assert interior(grid) == g("00000", "01110", "01110", "00000")
    assert outline(grid) == g("01110", "10001", "10001", "01110")
    square = g("222", "222", "222")
    assert interior(square) == g("000", "020", "000")
    assert outline(square) == g("222", "202", "222")
    assert interior(g("22", "22")) == g("00", "00")
    assert outline(g("22", "22")) == g("22", "22")
    padded = g("00000", "03330", "03430", "03330", "00000")
    assert interior(padded) == g("00000", "00000", "00400", "00000", "00000")
    assert outline(padded) == g("00000", "03330", "03030", "03330", "00000")


@given(grids)
def test_outline_and_interior_partition_the_grid(grid):
    out, inner = outline(grid), interior(grid)
    for row, o_row, i_row in zip(grid, out, inner):
        for v, o, i in zip(row, o_row, i_row):
            assert o == 0 or i == 0
            assert o + i == v


# ----------------------------------------------------------------------------------------------------------
# Shape: embedding, cropping, counting, tiling


def test_embed():
    grid = g("12", "34")
    assert embed(grid, (3, 4)) == g("1200", "3400", "0000")
    assert embed(grid, (1, 1)) == g("1")
    assert embed(grid, (2, 2)) == grid
    assert embed(grid, (1, 3)) == g("120")
    assert embed(grid, (3, 1)) == g("1", "3", "0")
    assert _kind(embed, grid, (0, 3)) == "empty"
    assert _kind(embed, grid, (61, 3)) == "limit"


@given(grids, st.integers(1, 10), st.integers(1, 10))
def test_embed_shape(grid, h, w):
    out = embed(grid, (h, w))
    assert is_grid(out) and len(out) == h and len(out[0]) == w


def test_ink_and_area():
    assert ink(g("102", "000")) == 2
    assert ink(g("000")) == 0
    assert area(g("102", "000")) == 6
    assert area(g("5")) == 1


def test_crop_ink():
    assert crop_ink(g("0000", "0102", "0030", "0000")) == g("102", "030")
    assert crop_ink(g("5")) == g("5")
    assert crop_ink(g("001")) == g("1")
    assert _kind(crop_ink, g("00", "00")) == "empty"


@given(grids)
def test_crop_ink_keeps_ink(grid):
    if not ink(grid):
        return
    out = crop_ink(grid)
    assert ink(out) == ink(grid)
    assert any(out[0]) and any(out[-1]) and any(r[0] for r in out) and any(r[-1] for r in out)


def test_mirror_tile():
    assert mirror_tile(g("12", "30")) == g("1221", "3003", "3003", "1221")
    assert mirror_tile(g("5")) == g("55", "55")
    big = tuple((1,) * 31 for _ in range(2))
    assert _kind(mirror_tile, big) == "limit"


# ----------------------------------------------------------------------------------------------------------
# Budget


def test_charges_the_budget():
    grid = tuple((1,) * 30 for _ in range(30))
    with budget(calls=100, seconds=10.0), pytest.raises(DSLError) as e:
        outline(grid)
    assert e.value.kind == "timeout"
    with budget(calls=10_000, seconds=10.0):
        assert ink(grid) == 900


def test_invert_ink():
    assert invert_ink(g("102", "000"), 7) == g("070", "777")
    with pytest.raises(DSLError):
        invert_ink(g("1"), 10)


def test_panel_logic_truth_tables():
    a, b = g("1100"), g("2020")
    # bit index 2*a + b: (0,0)->0, (0,1)->1, (1,0)->2, (1,1)->3
    assert panel_logic((a, b), 0b1000, 5) == g("5000")  # and
    assert panel_logic((a, b), 0b1110, 5) == g("5550")  # or
    assert panel_logic((a, b), 0b0110, 5) == g("0550")  # xor
    assert panel_logic((a, b), 0b0001, 5) == g("0005")  # nor
    with pytest.raises(DSLError):
        panel_logic((a,), 8, 5)
    with pytest.raises(DSLError):
        panel_logic((a, g("1")), 8, 5)
    with pytest.raises(DSLError):
        panel_logic((a, b), 16, 5)


def test_stack_ink():
    assert stack_ink((g("100", "000"), g("020", "003"), g("000", "004"))) == g("120", "004")
    assert stack_ink((g("12"),)) == g("12")
    with pytest.raises(DSLError):
        stack_ink(())
    with pytest.raises(DSLError):
        stack_ink((g("12"), g("1")))


def test_size_and_rank_colours():
    grid = g("1102", "0002", "3002")
    assert size_colours(grid) == g("2203", "0003", "1003")
    assert rank_colours(grid) == g("2201", "0001", "3001")
    big = tuple((5,) * 4 for _ in range(3))
    assert size_colours(big) == tuple((9,) * 4 for _ in range(3))
    assert size_colours(g("000")) == g("000")


def test_halo():
    grid = g("000", "010", "000")
    assert halo(grid, 4, False) == g("040", "414", "040")
    assert halo(grid, 4, True) == g("444", "414", "444")
    assert halo(g("12"), 3, True) == g("12")
    with pytest.raises(DSLError):
        halo(grid, -1, True)
