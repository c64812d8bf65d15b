"""Tests for the object extraction and conversion primitives."""

from collections import Counter
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dsl.primitives import objects as O
from dsl.primitives.objects import (
    asindices,
    asobject,
    colorfilter,
    fgpartition,
    frontiers,
    largest,
    merge,
    objects,
    occurrences,
    ofcolor,
    partition,
    recolor,
    size,
    sizefilter,
    smallest,
    toindices,
    toobject,
)
from dsl.values import DSLError

G = ((0, 0, 1, 0),
     (0, 1, 1, 0),
     (2, 0, 0, 1),
     (2, 2, 0, 1))


def cells(grid, positions):
    """The object made of the given positions of a grid."""
    return frozenset((grid[i][j], (i, j)) for i, j in positions)


# ----------------------------------------------------------------------------------------------------------
# A plain reference for connected components


def reference_objects(grid, univalued, diagonal, without_bg):
    h, w = len(grid), len(grid[0])
    bg = None
    if without_bg:
        counts = Counter(v for row in grid for v in row)
        bg = min(counts, key=lambda c: (-counts[c], c))
    steps = [(-1, 0), (1, 0), (0, -1), (0, 1)]
    if diagonal:
        steps += [(-1, -1), (-1, 1), (1, -1), (1, 1)]
    seen = set()
    out = []
    for i in range(h):
        for j in range(w):
            if (i, j) in seen or grid[i][j] == bg:
                continue
            seen.add((i, j))
            stack, comp = [(i, j)], []
            while stack:
                a, b = stack.pop()
                comp.append((grid[a][b], (a, b)))
                for da, db in steps:
                    x, y = a + da, b + db
                    if (0 <= x < h and 0 <= y < w and (x, y) not in seen and grid[x][y] != bg
                            and (not univalued or grid[x][y] == grid[i][j])):
                        seen.add((x, y))
                        stack.append((x, y))
            out.append(frozenset(comp))
    return tuple(out)  # scanning row-major finds each component at its top-left-most cell first


grids = st.integers(1, 12).flatmap(lambda h: st.integers(1, 12).flatmap(lambda w: st.lists(
    st.lists(st.sampled_from([0, 0, 0, 1, 2, 3, 5]), min_size=w, max_size=w), min_size=h, max_size=h)
)).map(lambda rows: tuple(map(tuple, rows)))

FLAGS = list(product((False, True), repeat=3))


@settings(max_examples=150, deadline=None)
@given(grids)
def test_objects_matches_reference_on_both_paths(grid):
    data = O._grid_bytes(grid)
    for univalued, diagonal, without_bg in FLAGS:
        expected = reference_objects(grid, univalued, diagonal, without_bg)
        assert objects(grid, univalued, diagonal, without_bg) == expected
        if univalued or without_bg:
            bg = O._background(data) if without_bg else -1
            assert O._objects_runs(grid, data, univalued, diagonal, bg) == expected
            if O._have_ndimage():
                assert O._objects_label(grid, data, univalued, diagonal, bg) == expected


def test_objects_large_noisy_grid_uses_label_path_consistently():
    import random

    rng = random.Random(0)
    grid = tuple(tuple(rng.choice([0, 0, 1, 2, 3]) for _ in range(30)) for _ in range(30))
    data = O._grid_bytes(grid)
    assert O._run_count(data, 30) >= O._LABEL_MIN_RUNS
    for flags in FLAGS:
        assert objects(grid, *flags) == reference_objects(grid, *flags)


def test_objects():
    # 4-connected, single colour, without background (0): the 1s at (0,2),(1,1),(1,2) are one object.
    out = objects(G, True, False, True)
    assert out == (
        cells(G, [(0, 2), (1, 1), (1, 2)]),
        cells(G, [(2, 0), (3, 0), (3, 1)]),
        cells(G, [(2, 3), (3, 3)]),
    )
    # 8-connected joins (1,2) and (2,3).
    assert objects(G, True, True, True) == (
        cells(G, [(0, 2), (1, 1), (1, 2), (2, 3), (3, 3)]),
        cells(G, [(2, 0), (3, 0), (3, 1)]),
    )
    # Multi-colour, 8-connected: 1s and 2s touch diagonally at (1,1)-(2,0).
    assert objects(G, False, True, True) == (
        cells(G, [(0, 2), (1, 1), (1, 2), (2, 3), (3, 3), (2, 0), (3, 0), (3, 1)]),)
    # With the background: the 0 regions are objects too, in row-major order of their top-left cell.
    with_bg = objects(G, True, False, False)
    assert with_bg[0] == cells(G, [(0, 0), (0, 1), (1, 0)])
    assert cells(G, [(0, 3), (1, 3)]) in with_bg
    assert sum(map(len, with_bg)) == 16
    # Not univalued and not without background: the whole grid.
    assert objects(G, False, False, False) == (asobject(G),)
    # A uniform grid has no foreground; the background tie goes to the smallest colour.
    assert objects(((4, 4), (4, 4)), True, True, True) == ()
    assert objects(((3, 5), (5, 3)), True, False, True) == (frozenset({(5, (0, 1))}), frozenset({(5, (1, 0))}))
    assert objects(((7,),), True, False, False) == (frozenset({(7, (0, 0))}),)


def test_objects_order_is_row_major_by_top_left_cell():
    grid = ((0, 0, 0, 3),
            (0, 2, 0, 3),
            (1, 2, 0, 3))
    out = objects(grid, True, False, True)
    assert [min(p for _, p in o) for o in out] == [(0, 3), (1, 1), (2, 0)]


def test_partition():
    out = partition(G)
    assert [next(iter(o))[0] for o in out] == [0, 1, 2]
    assert out[1] == cells(G, [(0, 2), (1, 1), (1, 2), (2, 3), (3, 3)])
    assert merge(out) == asobject(G)
    assert partition(((9,),)) == (frozenset({(9, (0, 0))}),)


def test_fgpartition():
    out = fgpartition(G)
    assert [next(iter(o))[0] for o in out] == [1, 2]
    assert out[1] == cells(G, [(2, 0), (3, 0), (3, 1)])
    assert fgpartition(((6, 6), (6, 6))) == ()


def test_asindices():
    assert asindices(((1, 2, 3),)) == frozenset({(0, 0), (0, 1), (0, 2)})
    assert len(asindices(G)) == 16


def test_ofcolor():
    assert ofcolor(G, 2) == frozenset({(2, 0), (3, 0), (3, 1)})
    assert ofcolor(G, 7) == frozenset()


def test_toindices():
    obj = frozenset({(3, (0, 1)), (4, (2, 2))})
    assert toindices(obj) == frozenset({(0, 1), (2, 2)})
    ind = frozenset({(5, 5)})
    assert toindices(ind) is ind
    assert toindices(frozenset()) == frozenset()


def test_toobject():
    assert toobject(frozenset({(0, 2), (3, 0), (9, 9), (-1, 0)}), G) == frozenset({(1, (0, 2)), (2, (3, 0))})
    # An object's own colours are replaced by the grid's.
    assert toobject(frozenset({(8, (0, 0))}), G) == frozenset({(0, (0, 0))})
    assert toobject(frozenset(), G) == frozenset()


def test_asobject():
    assert asobject(((1, 2),)) == frozenset({(1, (0, 0)), (2, (0, 1))})
    assert len(asobject(G)) == 16


def test_recolor():
    assert recolor(5, frozenset({(0, 0), (1, 1)})) == frozenset({(5, (0, 0)), (5, (1, 1))})
    assert recolor(2, frozenset({(1, (0, 0)), (3, (0, 1))})) == frozenset({(2, (0, 0)), (2, (0, 1))})
    assert recolor(4, frozenset()) == frozenset()
    with pytest.raises(DSLError) as e:
        recolor(10, frozenset({(0, 0)}))
    assert e.value.kind == "domain"


def test_colorfilter():
    objs = objects(G, True, False, True)
    assert colorfilter(objs, 1) == (objs[0], objs[2])
    assert colorfilter(objs, 7) == ()
    mixed = frozenset({(1, (0, 0)), (2, (0, 1)), (2, (0, 2))})
    tie = frozenset({(3, (0, 0)), (1, (0, 1))})
    assert colorfilter((mixed, tie), 2) == (mixed,)  # the most common colour counts
    assert colorfilter((mixed, tie), 1) == (tie,)  # ties go to the smallest colour
    assert colorfilter((frozenset(),), 0) == ()


def test_sizefilter():
    objs = objects(G, True, False, True)
    assert sizefilter(objs, 3) == (objs[0], objs[1])
    assert sizefilter(objs, 9) == ()
    assert sizefilter((frozenset({(0, 0)}), frozenset()), 0) == (frozenset(),)


def test_merge():
    a = frozenset({(0, 0)})
    b = frozenset({(0, 1), (0, 0)})
    assert merge((a, b)) == frozenset({(0, 0), (0, 1)})
    assert merge((a,)) == a
    assert merge(()) == frozenset()


def test_size():
    assert size(frozenset({(1, (0, 0)), (1, (0, 1))})) == 2
    assert size(frozenset()) == 0


def test_largest():
    a = frozenset({(0, 0), (0, 1)})
    b = frozenset({(5, 5), (5, 6)})
    c = frozenset({(9, 9)})
    assert largest((c, a, b)) is a  # the first wins ties
    with pytest.raises(DSLError) as e:
        largest(())
    assert e.value.kind == "empty"


def test_smallest():
    a = frozenset({(0, 0)})
    b = frozenset({(5, 5)})
    c = frozenset({(9, 9), (9, 8)})
    assert smallest((c, a, b)) is a
    with pytest.raises(DSLError) as e:
        smallest(())
    assert e.value.kind == "empty"


def test_frontiers():
    grid = ((1, 2, 3),
            (4, 4, 4),
            (1, 5, 3))
    out = frontiers(grid)
    assert out == (
        frozenset({(4, (1, 0)), (4, (1, 1)), (4, (1, 2))}),
    )
    grid = ((7, 1, 7),
            (7, 7, 7))
    out = frontiers(grid)
    # Row 1 and columns 0 and 2 are uniform; ordered by top-left cell: (0,0) col 0, (0,2) col 2, (1,0) row 1.
    assert out == (
        frozenset({(7, (0, 0)), (7, (1, 0))}),
        frozenset({(7, (0, 2)), (7, (1, 2))}),
        frozenset({(7, (1, 0)), (7, (1, 1)), (7, (1, 2))}),
    )
    # A uniform grid: on the (0,0) tie the row comes before the column.
    out = frontiers(((3, 3), (3, 3)))
    assert out[0] == frozenset({(3, (0, 0)), (3, (0, 1))})
    assert out[1] == frozenset({(3, (0, 0)), (3, (1, 0))})
    assert len(out) == 4
    assert frontiers(((1, 2), (3, 4))) == ()


def test_occurrences():
    grid = ((1, 2, 0, 1, 2),
            (0, 3, 0, 4, 3),
            (1, 2, 1, 2, 0),
            (0, 3, 0, 3, 0))
    obj = frozenset({(1, (5, 5)), (2, (5, 6)), (3, (6, 6))})  # normalized: 1 2 / . 3
    # The hole below the 1 is not looked at, so every 1 2 / . 3 pattern matches.
    assert occurrences(grid, obj) == frozenset({(0, 0), (0, 3), (2, 0), (2, 2)})
    assert occurrences(grid, frozenset({(1, (0, 0)), (2, (0, 1)), (0, (1, 0)), (3, (1, 1))})) \
        == frozenset({(0, 0), (2, 0), (2, 2)})  # with the hole filled in, (0, 3) fails on the 4
    # A single cell, and an object bigger than the grid.
    assert occurrences(grid, frozenset({(3, (0, 0))})) == frozenset({(1, 1), (1, 4), (3, 1), (3, 3)})
    assert occurrences(((1,),), frozenset({(1, (0, 0)), (1, (0, 1))})) == frozenset()
    # Matches must not wrap across the end of a row.
    assert occurrences(((1, 1, 0), (0, 0, 1), (1, 0, 0)), frozenset({(1, (0, 0)), (1, (0, 1))})) \
        == frozenset({(0, 0)})
    assert occurrences(G, frozenset({(7, (0, 0))})) == frozenset()
    assert occurrences(G, frozenset({(300, (0, 0))})) == frozenset()
    with pytest.raises(DSLError) as e:
        occurrences(G, frozenset())
    assert e.value.kind == "empty"


@settings(max_examples=100, deadline=None)
@given(grids, st.integers(0, 3), st.integers(0, 3), st.integers(1, 3), st.integers(1, 3), st.integers(0, 15))
def test_occurrences_matches_brute_force(grid, i0, j0, oh, ow, holes):
    h, w = len(grid), len(grid[0])
    # A template cut from the grid with some holes punched in (keeping at least one cell).
    cut = [(grid[i][j], (i - i0, j - j0)) for i in range(i0, min(h, i0 + oh)) for j in range(j0, min(w, j0 + ow))]
    if not cut:
        return
    obj = frozenset(c for k, c in enumerate(cut) if not (holes >> k) & 1 or k == 0)
    top = min(i for _, (i, _) in obj)
    left = min(j for _, (_, j) in obj)
    norm = [(c, (i - top, j - left)) for c, (i, j) in obj]
    expected = frozenset(
        (a, b) for a in range(h) for b in range(w)
        if all(0 <= a + i < h and 0 <= b + j < w and grid[a + i][b + j] == c for c, (i, j) in norm))
    assert occurrences(grid, obj) == expected


def test_intersect_and_exclude():
    from dsl.primitives.objects import exclude, intersect
    obj = frozenset({(1, (0, 0)), (2, (0, 1)), (3, (1, 1))})
    idx = frozenset({(0, 1), (1, 1), (5, 5)})
    assert intersect(obj, idx) == frozenset({(2, (0, 1)), (3, (1, 1))})
    assert exclude(obj, idx) == frozenset({(1, (0, 0))})
    assert intersect(idx, obj) == frozenset({(0, 1), (1, 1)})
    assert exclude(idx, obj) == frozenset({(5, 5)})
    assert intersect(frozenset(), idx) == frozenset()


def test_positions_row_major_for_indices_and_objects():
    from dsl.primitives.objects import positions
    assert positions(frozenset({(1, 0), (0, 2), (0, 1)})) == ((0, 1), (0, 2), (1, 0))
    assert positions(frozenset({(3, (2, 2)), (5, (0, 0))})) == ((0, 0), (2, 2))
    assert positions(frozenset()) == ()
