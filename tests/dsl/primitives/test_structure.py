"""Tests for the structure primitives: symmetry, gravity, flood fill, panels, periods, stacking."""

import random
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dsl.primitives import structure
from dsl.primitives.structure import (
    complete_symmetry,
    continue_pattern,
    crop_object,
    fill_holes,
    floodfill,
    gravity,
    gravity_objects,
    holes,
    hperiod,
    is_dsymmetric,
    is_lr_symmetric,
    is_rsymmetric,
    is_tb_symmetric,
    majority_vote,
    mirror_complete_lr,
    mirror_complete_tb,
    overlay,
    panels,
    separator_colour,
    slide,
    stack_h,
    stack_v,
    vperiod,
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


def test_registered():
    names = {p.name for p in PRIMITIVES.values() if p.category == "structure"}
    assert names == {
        "is_lr_symmetric", "is_tb_symmetric", "is_dsymmetric", "is_rsymmetric", "complete_symmetry",
        "mirror_complete_lr", "mirror_complete_tb", "gravity", "gravity_objects", "slide", "floodfill",
        "holes", "fill_holes", "panels", "separator_colour", "hperiod", "vperiod", "continue_pattern",
        "stack_h", "stack_v", "overlay", "crop_object", "majority_vote", "mosaic", "largest_rectangle",
    }
    assert PRIMITIVES["panels"].signature == "Grid -> Tup[Grid]"
    assert PRIMITIVES["slide"].signature == "Grid, Object, Vec -> Grid"


# ----------------------------------------------------------------------------------------------------------
# Symmetry


def test_background_ties_to_smallest():
    assert structure._background(g("12", "21")) == 1
    assert structure._background(g("3")) == 3
    assert structure._background(g("545")) == 5


def test_is_hsymmetric():
    assert is_lr_symmetric(g("121", "343"))
    assert is_lr_symmetric(g("7"))
    assert not is_lr_symmetric(g("12", "33"))
    assert not is_lr_symmetric(g("11", "12"))
    assert is_lr_symmetric(g("1221")) is True


def test_is_vsymmetric():
    assert is_tb_symmetric(g("12", "34", "12"))
    assert is_tb_symmetric(g("5"))
    assert not is_tb_symmetric(g("12", "21"))
    assert not is_tb_symmetric(g("121", "343"))


def test_is_dsymmetric():
    assert is_dsymmetric(g("12", "23"))
    assert is_dsymmetric(g("4"))
    assert not is_dsymmetric(g("12", "32"))
    assert not is_dsymmetric(g("11"))  # not square
    assert not is_dsymmetric(g("11", "11", "11"))


def test_is_rsymmetric():
    assert is_rsymmetric(g("12", "21"))
    assert is_rsymmetric(g("123", "456", "321")) is False
    assert is_rsymmetric(g("123", "454", "321"))
    assert is_rsymmetric(g("9"))
    assert not is_rsymmetric(g("12", "12"))


def test_mirror_complete_h():
    assert mirror_complete_lr(g("1200", "0000", "0000")) == g("1221", "0000", "0000")
    assert mirror_complete_lr(g("00300", "40000", "00000")) == g("00300", "40004", "00000")
    # Both sides set and different: each keeps its own colour.
    assert mirror_complete_lr(g("1002", "0000", "0000")) == g("1002", "0000", "0000")
    assert mirror_complete_lr(g("5")) == g("5")
    out = mirror_complete_lr(g("310", "000", "020"))
    assert out == g("313", "000", "020") and is_lr_symmetric(out)


def test_mirror_complete_v():
    assert mirror_complete_tb(g("12", "00", "00", "00")) == g("12", "00", "00", "12")
    assert mirror_complete_tb(g("000", "030", "000", "000", "400")) == g("400", "030", "000", "030", "400")
    assert mirror_complete_tb(g("1")) == g("1")


def test_mirror_complete_hv_makes_both_symmetric():
    out = mirror_complete_tb(mirror_complete_lr(g("3000", "0200", "0000", "0000", "0000")))
    assert out == g("3003", "0220", "0000", "0220", "3003")
    assert is_lr_symmetric(out) and is_tb_symmetric(out)


PICTURE = g(
    "12344321",
    "25677652",
    "36811863",
    "47122174",
    "47122174",
    "36811863",
    "25677652",
    "12344321",
)


def _mask(grid, cells, colour):
    rows = [list(r) for r in grid]
    for i, j in cells:
        rows[i][j] = colour
    return tuple(tuple(r) for r in rows)


def test_complete_symmetry_centred():
    masked = _mask(PICTURE, [(i, j) for i in range(1, 4) for j in range(5, 8)], 0)
    assert complete_symmetry(masked, 0) == PICTURE
    # A block across the vertical axis is filled from the lower half.
    masked = _mask(PICTURE, [(i, j) for i in range(2, 4) for j in range(3, 5)], 9)
    assert complete_symmetry(masked, 9) == PICTURE
    # The centre block maps onto itself under every symmetry: nothing to copy from.
    masked = _mask(PICTURE, [(i, j) for i in range(3, 5) for j in range(3, 5)], 9)
    assert complete_symmetry(masked, 9) == masked


def test_complete_symmetry_only_rotational():
    pic = g("1234", "5678", "8765", "4321")  # half-turn symmetric, no mirror symmetry
    assert is_rsymmetric(pic) and not is_lr_symmetric(pic) and not is_tb_symmetric(pic)
    masked = _mask(pic, [(0, 0), (0, 1), (1, 0)], 0)
    assert complete_symmetry(masked, 0) == pic


def test_complete_symmetry_quarter_turn():
    pic = g("1231", "3442", "2443", "1321")  # quarter-turn symmetric, no mirror symmetry
    assert tuple(zip(*pic[::-1])) == pic
    assert not is_dsymmetric(pic) and not is_lr_symmetric(pic) and not is_tb_symmetric(pic)
    masked = _mask(pic, [(0, 1), (0, 2), (1, 1), (1, 2)], 0)
    assert complete_symmetry(masked, 0) == pic


def test_complete_symmetry_diagonal():
    pic = g("1234", "2567", "3689", "4798")  # transpose-symmetric only
    assert is_dsymmetric(pic) and not is_rsymmetric(pic)
    masked = _mask(pic, [(0, 3), (1, 3), (2, 3)], 0)
    assert complete_symmetry(masked, 0) == pic


def test_complete_symmetry_offset_axis():
    # The picture is symmetric about the column between 3 and 4 of a 7-wide grid (axis off-centre).
    pic = g("5123321", "5456654", "5789987")
    masked = _mask(pic, [(0, 5), (0, 6), (1, 6)], 0)
    assert complete_symmetry(masked, 0) == pic


def test_complete_symmetry_no_change():
    assert complete_symmetry(PICTURE, 0) == PICTURE  # no unknown cells
    assert complete_symmetry(g("00", "00"), 0) == g("00", "00")  # nothing known
    # Nothing symmetric enough: the unknown cells stay.
    noisy = g("1234", "5678", "9012", "345" + "0")
    assert complete_symmetry(noisy, 0) == noisy
    assert _kind(complete_symmetry, PICTURE, 10) == "domain"


def test_complete_symmetry_candidates_map_cells():
    rnd = random.Random(1)
    for _ in range(60):
        h, w = rnd.randint(1, 7), rnd.randint(1, 7)
        grid = tuple(tuple(rnd.randint(0, 9) for _ in range(w)) for _ in range(h))
        for family, _, other, u, v, image in structure._symmetry_candidates(grid):
            for i in range(h):
                for j in range(w):
                    a, b = image(i, j)
                    inside = 0 <= i + u < len(other) and 0 <= j + v < len(other[0])
                    assert inside == (0 <= a < h and 0 <= b < w), family
                    if inside:
                        assert other[i + u][j + v] == grid[a][b], family


@settings(max_examples=60, deadline=None)
@given(grids, st.integers(0, 9))
def test_complete_symmetry_is_a_grid(grid, colour):
    out = complete_symmetry(grid, colour)
    assert is_grid(out) and len(out) == len(grid) and len(out[0]) == len(grid[0])
    # Known cells never change.
    assert all(a == b for r1, r2 in zip(grid, out) for a, b in zip(r1, r2) if a != colour)


# ----------------------------------------------------------------------------------------------------------
# Gravity and collision


def test_gravity():
    grid = g("102", "000", "030")
    assert gravity(grid, (1, 0)) == g("000", "000", "132")
    assert gravity(grid, (-1, 0)) == g("132", "000", "000")
    assert gravity(grid, (0, 1)) == g("012", "000", "003")
    assert gravity(grid, (0, -1)) == g("120", "000", "300")
    # Order within a column is kept; the background is the most common colour (here 5).
    assert gravity(g("515", "525", "555"), (1, 0)) == g("555", "515", "525")
    assert gravity(g("7"), (1, 0)) == g("7")
    assert _kind(gravity, grid, (1, 1)) == "domain"
    assert _kind(gravity, grid, (2, 0)) == "domain"


def test_gravity_objects():
    grid = g("1100", "0000", "0220", "0000")
    # The bar of 1s lands on the bar of 2s, which lands on the floor.
    assert gravity_objects(grid, (1, 0)) == g("0000", "0000", "1100", "0220")
    assert gravity_objects(grid, (-1, 0)) == g("1100", "0220", "0000", "0000")
    assert gravity_objects(grid, (0, 1)) == g("0011", "0000", "0022", "0000")
    # Rigid pieces: an L keeps its shape.
    assert gravity_objects(g("300", "330", "000", "000"), (1, 0)) == g("000", "000", "300", "330")
    assert gravity_objects(g("5"), (0, -1)) == g("5")
    assert _kind(gravity_objects, grid, (0, 0)) == "domain"


def test_gravity_objects_interlocked():
    # A U shape opening downward: it comes to rest where its legs meet the floor, over the peg in its gap.
    grid = g("11100", "10100", "00000", "00000", "02000")
    out = gravity_objects(grid, (1, 0))
    assert out == g("00000", "00000", "00000", "11100", "12100")
    grid = g("11100", "10100", "00000", "00000", "00020")
    assert gravity_objects(grid, (1, 0)) == g("00000", "00000", "00000", "11100", "10120")


def test_slide():
    grid = g("000000", "022008", "000008")
    red = frozenset({(2, (1, 1)), (2, (1, 2))})
    assert slide(grid, red, (0, 1)) == g("000000", "000228", "000008")
    assert slide(grid, red, (0, -1)) == g("000000", "220008", "000008")
    assert slide(grid, red, (-1, 0)) == g("022000", "000008", "000008")
    assert slide(grid, red, (1, 1)) == g("000000", "000008", "002208")
    # Blocked at once: unchanged.
    assert slide(grid, frozenset({(8, (1, 5)), (8, (2, 5))}), (0, 1)) == grid
    # Steps larger than one cell stop before overshooting.
    assert slide(g("1000"), frozenset({(1, (0, 0))}), (0, 2)) == g("0010")
    # An object not on the grid is dropped in like a sprite.
    assert slide(g("000", "000"), frozenset({(4, (0, 0))}), (1, 0)) == g("000", "400")
    assert slide(grid, frozenset(), (0, 1)) == grid
    assert _kind(slide, grid, red, (0, 0)) == "domain"


# ----------------------------------------------------------------------------------------------------------
# Flood fill and holes


def test_floodfill():
    grid = g("0010", "0110", "1000")
    assert floodfill(grid, (0, 0), 5) == g("5510", "5110", "1000")
    assert floodfill(grid, (0, 3), 5) == g("0015", "0115", "1555")
    assert floodfill(grid, (0, 2), 3) == g("0030", "0330", "1000")  # diagonal 1 not joined
    assert floodfill(grid, (0, 0), 0) == grid
    assert floodfill(g("7"), (0, 0), 2) == g("2")
    assert _kind(floodfill, grid, (3, 0), 1) == "domain"
    assert _kind(floodfill, grid, (-1, 0), 1) == "domain"
    assert _kind(floodfill, grid, (0, 0), 11) == "domain"


RING = g(
    "000000",
    "033300",
    "030300",
    "033300",
    "000030",
    "000303",
)


def test_holes():
    assert holes(RING) == frozenset({(2, 2)})
    assert holes(g("000", "000")) == frozenset()
    # Diagonal gaps do not connect: the background inside a diamond is enclosed.
    diamond = g("00000", "00100", "01010", "00100", "00000")
    assert holes(diamond) == frozenset({(2, 2)})
    # The background is the most common colour, here 1.
    assert holes(g("11111", "12221", "12121", "12221", "11111")) == frozenset({(2, 2)})
    # A tie (12 cells each) goes to the smaller colour, 1, so the 1s inside the 2s are enclosed.
    assert holes(g("2222", "2112", "2112", "2222", "1111", "1111")) == frozenset({(1, 1), (1, 2), (2, 1), (2, 2)})
    assert holes(g("2222", "2112", "2112", "2222", "1111", "1112")) == frozenset()


def test_fill_holes():
    assert fill_holes(RING, 4) == g("000000", "033300", "034300", "033300", "000030", "000303")
    big = g("111110", "100010", "100010", "111110", "000000", "000000")
    assert fill_holes(big, 8) == g("111110", "188810", "188810", "111110", "000000", "000000")
    assert fill_holes(g("5"), 2) == g("5")
    assert _kind(fill_holes, RING, -1) == "domain"


# ----------------------------------------------------------------------------------------------------------
# Panels


def test_panels_cross():
    grid = g("12512", "34534", "55555", "67589", "00500")
    assert panels(grid) == (g("12", "34"), g("12", "34"), g("67", "00"), g("89", "00"))
    assert separator_colour(grid) == 5


def test_panels_one_direction_and_border():
    grid = g("1050", "2050", "3050")
    assert panels(grid) == (g("10", "20", "30"), g("0", "0", "0"))
    # Lines along the border and thick separators leave no empty panels.
    grid = g("4444", "1214", "4444", "4444", "3314")
    assert panels(grid) == (g("121"), g("331"))
    assert separator_colour(grid) == 4


def test_panels_prefers_pure_separator():
    # 0 fills a whole column inside a panel, but 5 lives only on its line.
    grid = g("10501", "10501", "10520")
    assert separator_colour(grid) == 5
    assert panels(grid) == (g("10", "10", "10"), g("01", "01", "20"))


def test_panels_none():
    grid = g("12", "21")
    assert panels(grid) == (grid,)
    assert _kind(separator_colour, grid) == "domain"
    assert panels(g("33", "33")) == (g("33", "33"),)  # the only colour is no separator
    assert _kind(separator_colour, g("33", "33")) == "domain"
    assert panels(g("7")) == (g("7"),)


def test_panels_reassemble():
    grid = g("120340", "999999", "560780")
    parts = panels(grid)
    assert parts == (g("120340"), g("560780"))
    assert stack_v((parts[0], g("999999"), parts[1])) == grid


# ----------------------------------------------------------------------------------------------------------
# Periods


def test_hperiod():
    assert hperiod(g("121212", "343434")) == 2
    assert hperiod(g("12312", "45645")) == 3
    assert hperiod(g("1112")) == 4
    assert hperiod(g("5555")) == 1
    assert hperiod(g("7")) == 1
    assert hperiod(g("1212", "1213")) == 4


def test_vperiod():
    assert vperiod(g("12", "34", "12", "34", "12")) == 2
    assert vperiod(g("1", "1", "2")) == 3
    assert vperiod(g("33", "33")) == 1
    assert vperiod(g("4")) == 1


TILE = g(
    "123123123",
    "456456456",
    "123123123",
    "456456456",
    "123123123",
)


def test_continue_pattern_rectangular():
    masked = _mask(TILE, [(1, 1), (1, 2), (2, 1), (2, 2), (4, 8)], 0)
    assert continue_pattern(masked, 0) == TILE
    assert continue_pattern(TILE, 0) == TILE  # nothing unknown
    assert _kind(continue_pattern, TILE, 10) == "domain"


def test_continue_pattern_diagonal():
    # Diagonal stripes (i + j) mod 3: only a corner is known, but the sheared period covers every class.
    full = tuple(tuple((2, 8, 3)[(i + j) % 3] for j in range(7)) for i in range(7))
    corner = tuple(tuple(full[i][j] if i + j < 3 else 0 for j in range(7)) for i in range(7))
    assert continue_pattern(corner, 0) == full


def test_continue_pattern_uncovered_and_aperiodic():
    # An unknown class with no known cell keeps the unknown colour.
    grid = g("1200", "1200")
    assert continue_pattern(grid, 0) == g("1212", "1212")
    aperiodic = g("1234", "5670", "8123")
    assert continue_pattern(aperiodic, 0) == aperiodic


@settings(max_examples=60, deadline=None)
@given(grids, st.integers(0, 9))
def test_continue_pattern_keeps_known(grid, colour):
    out = continue_pattern(grid, colour)
    assert is_grid(out) and len(out) == len(grid) and len(out[0]) == len(grid[0])
    assert all(a == b for r1, r2 in zip(grid, out) for a, b in zip(r1, r2) if a != colour)


# ----------------------------------------------------------------------------------------------------------
# Stacking, overlays, sprites, votes


def test_stack_h():
    assert stack_h((g("1", "2"), g("34", "56"), g("7", "8"))) == g("1347", "2568")
    assert stack_h((g("12"),)) == g("12")
    assert _kind(stack_h, ()) == "empty"
    assert _kind(stack_h, (g("1"), g("1", "2"))) == "domain"
    assert _kind(stack_h, tuple(g("1" * 30) for _ in range(3))) == "limit"


def test_stack_v():
    assert stack_v((g("12"), g("34", "56"))) == g("12", "34", "56")
    assert stack_v((g("7"),)) == g("7")
    assert _kind(stack_v, ()) == "empty"
    assert _kind(stack_v, (g("1"), g("12"))) == "domain"
    assert _kind(stack_v, tuple(g(*["1"] * 30) for _ in range(3))) == "limit"


def test_overlay():
    bottom = g("123", "456")
    top = g("009", "800")  # background 0
    assert overlay(bottom, top) == g("129", "856")
    assert overlay(bottom, g("555", "555")) == bottom  # all background
    assert overlay(g("1"), g("2")) == g("1")
    assert _kind(overlay, bottom, g("12", "34")) == "domain"


def test_crop_object():
    obj = frozenset({(3, (5, 7)), (4, (6, 8)), (5, (7, 7))})
    assert crop_object(obj) == g("30", "04", "50")
    assert crop_object(frozenset({(9, (0, 0))})) == g("9")
    assert _kind(crop_object, frozenset()) == "empty"
    assert _kind(crop_object, frozenset({(1, (0, 0)), (1, (0, 99))})) == "limit"


def test_majority_vote():
    a, b, c = g("12", "30"), g("12", "40"), g("22", "45")
    assert majority_vote((a, b, c)) == g("12", "40")
    assert majority_vote((g("5"), g("3"))) == g("3")  # tie to the smaller colour
    assert majority_vote((a,)) == a
    assert _kind(majority_vote, ()) == "empty"
    assert _kind(majority_vote, (a, g("1"))) == "domain"


# ----------------------------------------------------------------------------------------------------------
# Speed and termination on the largest grids


def test_large_grids_are_fast():
    rnd = random.Random(7)
    noise = tuple(tuple(rnd.randint(0, 9) for _ in range(30)) for _ in range(30))
    sparse = tuple(tuple(rnd.choice((0,) * 20 + (1, 2)) for _ in range(30)) for _ in range(30))
    start = time.perf_counter()
    for grid in (noise, sparse):
        for colour in (0, 1, 5):
            complete_symmetry(grid, colour)
            continue_pattern(grid, colour)
        gravity_objects(grid, (1, 0))
        holes(grid)
        panels(grid)
        slide(grid, frozenset({(1, (0, 0))}), (1, 1))
    assert time.perf_counter() - start < 2.0


def test_mosaic():
    from dsl.primitives.structure import mosaic
    a, b, c, d = ((1,),), ((2,),), ((3,),), ((4,),)
    assert mosaic((a, b, c, d), 2) == ((1, 2), (3, 4))
    assert mosaic((a, b, c, d), 4) == ((1, 2, 3, 4),)
    assert mosaic((((1, 2),), ((3, 4),)), 1) == ((1, 2), (3, 4))
    with pytest.raises(DSLError):
        mosaic((a, b, c), 2)
    with pytest.raises(DSLError):
        mosaic((a, ((1, 2),)), 2)


def test_largest_rectangle():
    from dsl.primitives.structure import largest_rectangle
    grid = ((0, 0, 0, 0, 0),
            (1, 0, 0, 1, 1),
            (1, 0, 0, 0, 1))
    assert largest_rectangle(grid, 0, 1) == frozenset({(r, c) for r in range(3) for c in (1, 2)})
    flat = ((0, 0, 0, 0), (1, 0, 0, 1))
    assert largest_rectangle(flat, 0, 1) == frozenset({(0, c) for c in range(4)})
    assert largest_rectangle(flat, 0, 2) == frozenset({(0, 1), (0, 2), (1, 1), (1, 2)})
    assert largest_rectangle(grid, 0, 2) == frozenset({(r, c) for r in range(3) for c in (1, 2)})
    assert largest_rectangle(grid, 1, 2) == frozenset()
    assert largest_rectangle(grid, 1, 1) == frozenset({(1, 0), (2, 0)})
    assert largest_rectangle(((0, 1), (1, 0)), 0, 1) == frozenset({(0, 0)})
    with pytest.raises(DSLError):
        largest_rectangle(grid, 10, 1)
