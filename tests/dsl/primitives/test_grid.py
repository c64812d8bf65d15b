"""Tests for the whole-grid primitives."""

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dsl.primitives.grid import (
    bottomhalf,
    canvas,
    cellwise,
    cmirror,
    compress,
    crop,
    dmirror,
    downscale,
    hconcat,
    hmirror,
    hsplit,
    hupscale,
    lefthalf,
    righthalf,
    rot90,
    rot180,
    rot270,
    shrink,
    subgrid,
    tile,
    tophalf,
    trim,
    upscale,
    vconcat,
    vmirror,
    vsplit,
    vupscale,
)
from dsl.values import DSLError, is_grid

G = ((1, 2, 3),
     (4, 5, 6))  # 2 rows x 3 columns

# An L-shaped object whose bounding box is rows 2..4, columns 5..6.
OBJ = frozenset({(1, (2, 5)), (2, (3, 5)), (3, (4, 5)), (4, (4, 6))})
IND = frozenset(pos for _, pos in OBJ)


def _kind(fn, *args):
    with pytest.raises(DSLError) as e:
        fn(*args)
    return e.value.kind


def _grid_of(obj):
    """Render an object at its absolute position (test helper), None for empty cells."""
    h = max(i for _, (i, _) in obj) + 1
    w = max(j for _, (_, j) in obj) + 1
    rows = [[None] * w for _ in range(h)]
    for c, (i, j) in obj:
        rows[i][j] = c
    return rows


def test_rot90():
    assert rot90(G) == ((4, 1), (5, 2), (6, 3))
    assert rot90(((7,),)) == ((7,),)


def test_rot180():
    assert rot180(G) == ((6, 5, 4), (3, 2, 1))


def test_rot270():
    assert rot270(G) == ((3, 6), (2, 5), (1, 4))
    assert rot270(rot90(G)) == G
    assert rot270(((1, 2),)) == ((2,), (1,))
    assert is_grid(rot270(G))


def test_hmirror():
    assert hmirror(G) == ((4, 5, 6), (1, 2, 3))
    assert hmirror(OBJ) == frozenset({(1, (4, 5)), (2, (3, 5)), (3, (2, 5)), (4, (2, 6))})
    assert hmirror(IND) == frozenset({(4, 5), (3, 5), (2, 5), (2, 6)})
    assert hmirror(frozenset()) == frozenset()


def test_vmirror():
    assert vmirror(G) == ((3, 2, 1), (6, 5, 4))
    assert vmirror(OBJ) == frozenset({(1, (2, 6)), (2, (3, 6)), (3, (4, 6)), (4, (4, 5))})
    assert vmirror(IND) == frozenset({(2, 6), (3, 6), (4, 6), (4, 5)})
    assert vmirror(frozenset()) == frozenset()


def test_dmirror():
    assert dmirror(G) == ((1, 4), (2, 5), (3, 6))
    # Transposed within the bbox anchored at its top-left corner (2, 5): bbox becomes rows 2..3, cols 5..7.
    assert dmirror(OBJ) == frozenset({(1, (2, 5)), (2, (2, 6)), (3, (2, 7)), (4, (3, 7))})
    assert dmirror(IND) == frozenset({(2, 5), (2, 6), (2, 7), (3, 7)})
    assert dmirror(frozenset()) == frozenset()


def test_cmirror():
    assert cmirror(G) == ((6, 3), (5, 2), (4, 1))
    assert cmirror(((1, 2), (3, 4))) == ((4, 2), (3, 1))
    # Anti-transpose within the bbox: local (di, dj) of an h x w box -> (w-1-dj, h-1-di).
    assert cmirror(OBJ) == frozenset({(1, (3, 7)), (2, (3, 6)), (3, (3, 5)), (4, (2, 5))})
    assert cmirror(IND) == frozenset({(3, 7), (3, 6), (3, 5), (2, 5)})
    assert cmirror(frozenset()) == frozenset()


def test_patch_mirrors_match_grid_mirrors():
    # Mirroring an object that fills its bbox at the origin is the same as mirroring the grid.
    obj = frozenset((v, (i, j)) for i, row in enumerate(G) for j, v in enumerate(row))
    for fn in (hmirror, vmirror, dmirror, cmirror):
        assert _grid_of(fn(obj)) == [list(r) for r in fn(G)]
        assert fn(fn(obj)) == obj


grids = st.integers(1, 6).flatmap(
    lambda w: st.lists(st.tuples(*[st.integers(0, 9)] * w), min_size=1, max_size=6).map(tuple))
objects = st.frozensets(st.tuples(st.integers(0, 9), st.tuples(st.integers(-3, 6), st.integers(-3, 6))),
                        min_size=1, max_size=12)


@given(grids)
def test_rotation_and_mirror_identities(g):
    assert rot90(rot90(rot90(rot90(g)))) == g
    assert rot270(g) == rot90(rot180(g))
    assert rot90(g) == dmirror(hmirror(g))
    assert cmirror(g) == rot180(dmirror(g))
    for fn in (hmirror, vmirror, dmirror, cmirror):
        assert fn(fn(g)) == g


@given(objects)
def test_patch_mirrors_agree_with_grid_mirrors_on_the_bbox(obj):
    # Deduplicate positions so the object is a proper one-colour-per-cell object.
    obj = frozenset({pos: c for c, pos in sorted(obj)}.items())
    obj = frozenset((c, pos) for pos, c in obj)
    top = min(i for _, (i, _) in obj)
    left = min(j for _, (_, j) in obj)

    def render(o):
        t = min(i for _, (i, _) in o)
        l = min(j for _, (_, j) in o)
        h = max(i for _, (i, _) in o) - t + 1
        w = max(j for _, (_, j) in o) - l + 1
        rows = [[10] * w for _ in range(h)]
        for c, (i, j) in o:
            rows[i - t][j - l] = c
        return (t, l), tuple(map(tuple, rows))

    for fn in (hmirror, vmirror, dmirror, cmirror):
        corner, rendered = render(fn(obj))
        assert corner == (top, left)
        assert rendered == fn(render(obj)[1])
        assert fn(frozenset(pos for _, pos in obj)) == frozenset(pos for _, pos in fn(obj))


def test_upscale():
    assert upscale(((1, 2),), 2) == ((1, 1, 2, 2), (1, 1, 2, 2))
    assert upscale(G, 1) == G
    assert _kind(upscale, G, 0) == "domain"
    start = time.perf_counter()
    assert _kind(upscale, G, 1000) == "limit"
    assert time.perf_counter() - start < 0.1


def test_hupscale():
    assert hupscale(G, 2) == ((1, 1, 2, 2, 3, 3), (4, 4, 5, 5, 6, 6))
    assert _kind(hupscale, G, 0) == "domain"
    assert _kind(hupscale, G, 1000) == "limit"


def test_vupscale():
    assert vupscale(G, 2) == ((1, 2, 3), (1, 2, 3), (4, 5, 6), (4, 5, 6))
    assert _kind(vupscale, G, -1) == "domain"
    assert _kind(vupscale, G, 1000) == "limit"


def test_downscale():
    big = upscale(G, 3)
    assert downscale(big, 3) == G
    assert downscale(G, 2) == ((1, 3),)
    assert downscale(G, 50) == ((1,),)
    assert _kind(downscale, G, 0) == "domain"


def test_tile():
    assert tile(((1, 2),), 2, 3) == ((1, 2, 1, 2, 1, 2), (1, 2, 1, 2, 1, 2))
    assert tile(G, 1, 1) == G
    assert _kind(tile, G, 0, 2) == "domain"
    assert _kind(tile, G, 100, 1) == "limit"


def test_hconcat():
    assert hconcat(G, ((7,), (8,))) == ((1, 2, 3, 7), (4, 5, 6, 8))
    assert _kind(hconcat, G, ((7,),)) == "domain"
    wide = canvas(0, (1, 40))
    assert _kind(hconcat, wide, wide) == "limit"


def test_vconcat():
    assert vconcat(G, ((7, 8, 9),)) == ((1, 2, 3), (4, 5, 6), (7, 8, 9))
    assert _kind(vconcat, G, ((7, 8),)) == "domain"


def test_hsplit():
    assert hsplit(((1, 2, 3, 4),), 2) == (((1, 2),), ((3, 4),))
    assert hsplit(G, 3) == (((1,), (4,)), ((2,), (5,)), ((3,), (6,)))
    assert hsplit(G, 1) == (G,)
    # 7 columns into 2 parts: the middle column is a separator.
    g = ((1, 1, 1, 5, 2, 2, 2),)
    assert hsplit(g, 2) == (((1, 1, 1),), ((2, 2, 2),))
    # 11 columns into 3 parts with two separators.
    g = (tuple(range(3)) + (9,) + tuple(range(3)) + (9,) + tuple(range(3)),)
    assert hsplit(g, 3) == (((0, 1, 2),),) * 3
    assert hsplit(((1, 2, 0, 3, 4, 0, 5, 6),), 3) == (((1, 2),), ((3, 4),), ((5, 6),))
    assert _kind(hsplit, ((1, 2, 3, 4, 5, 6, 7),), 3) == "domain"
    assert _kind(hsplit, G, 4) == "domain"
    assert _kind(hsplit, G, 0) == "domain"


def test_vsplit():
    assert vsplit(G, 2) == (((1, 2, 3),), ((4, 5, 6),))
    g = ((1,), (1,), (5,), (2,), (2,))
    assert vsplit(g, 2) == (((1,), (1,)), ((2,), (2,)))
    assert _kind(vsplit, ((1,), (2,), (3,), (4,)), 3) == "domain"
    assert _kind(vsplit, G, 3) == "domain"


def test_tophalf():
    assert tophalf(G) == ((1, 2, 3),)
    assert tophalf(((1,), (2,), (3,))) == ((1,),)
    assert _kind(tophalf, ((1, 2),)) == "empty"


def test_bottomhalf():
    assert bottomhalf(G) == ((4, 5, 6),)
    assert bottomhalf(((1,), (2,), (3,))) == ((3,),)
    assert _kind(bottomhalf, ((1, 2),)) == "empty"


def test_lefthalf():
    assert lefthalf(G) == ((1,), (4,))
    assert lefthalf(((1, 2, 3, 4),)) == ((1, 2),)
    assert _kind(lefthalf, ((1,), (2,))) == "empty"


def test_righthalf():
    assert righthalf(G) == ((3,), (6,))
    assert righthalf(((1, 2, 3, 4),)) == ((3, 4),)
    assert _kind(righthalf, ((1,), (2,))) == "empty"


def test_crop():
    assert crop(G, (0, 1), (2, 2)) == ((2, 3), (5, 6))
    assert crop(G, (1, 0), (1, 1)) == ((4,),)
    assert crop(G, (1, 1), (10, 10)) == ((5, 6),)  # clipped
    assert crop(G, (-1, -1), (2, 2)) == ((1,),)  # clipped at the top-left too
    assert _kind(crop, G, (5, 5), (2, 2)) == "empty"
    assert _kind(crop, G, (0, 0), (0, 2)) == "empty"


def test_subgrid():
    big = tuple(tuple(10 * i + j for j in range(8)) for i in range(6))
    big = tuple(tuple(v % 10 for v in row) for row in big)
    assert subgrid(OBJ, big) == ((5, 6), (5, 6), (5, 6))
    assert subgrid(IND, big) == subgrid(OBJ, big)
    assert subgrid(frozenset({(1, 1)}), G) == ((5,),)
    assert subgrid(frozenset({(1, 2), (5, 9)}), G) == ((6,),)  # clipped to the grid
    assert _kind(subgrid, frozenset(), G) == "empty"
    assert _kind(subgrid, frozenset({(7, 7)}), G) == "empty"


def test_trim():
    g = ((1, 1, 1, 1), (1, 2, 3, 1), (1, 1, 1, 1))
    assert trim(g) == ((2, 3),)
    assert _kind(trim, G) == "empty"


def test_compress():
    g = ((0, 0, 0, 0),
         (0, 1, 0, 2),
         (0, 0, 0, 0),
         (0, 3, 0, 4))
    assert compress(g) == ((1, 2), (3, 4))
    assert compress(((5, 5, 5), (1, 2, 3))) == ((1, 2, 3),)  # uniform rows of any colour go
    assert compress(G) == G
    assert _kind(compress, ((1, 1), (1, 1))) == "empty"


def test_shrink():
    g = ((0, 0, 0, 0),
         (0, 1, 0, 0),
         (0, 0, 2, 0),
         (0, 0, 0, 0))
    assert shrink(g) == ((1, 0), (0, 2))
    assert shrink(((5, 5), (5, 3))) == ((3,),)
    assert shrink(G) == G  # all colours tie: background 1, the rest spans the whole grid
    assert _kind(shrink, ((4, 4), (4, 4))) == "empty"


def test_canvas():
    assert canvas(3, (2, 3)) == ((3, 3, 3), (3, 3, 3))
    assert canvas(0, (1, 1)) == ((0,),)
    assert _kind(canvas, 3, (0, 3)) == "empty"
    assert _kind(canvas, 3, (1000, 1000)) == "limit"
    assert _kind(canvas, 10, (2, 2)) == "domain"
    assert _kind(canvas, -1, (2, 2)) == "domain"


def test_cellwise():
    a = ((1, 2), (3, 4))
    b = ((1, 0), (3, 0))
    assert cellwise(a, b, 9) == ((1, 9), (3, 9))
    assert cellwise(a, a, 0) == a
    assert _kind(cellwise, a, G, 0) == "domain"
    assert _kind(cellwise, a, b, 11) == "domain"


def test_squash():
    from dsl.primitives.grid import squash
    assert squash(((1, 1, 2), (1, 1, 2), (3, 3, 3))) == ((1, 2), (3, 3))
    assert squash(((4,),)) == ((4,),)
    assert squash(((1, 2, 1),)) == ((1, 2, 1),)
