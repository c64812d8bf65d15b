"""Colour keys: a small panel of colours that recolours a larger one-colour pattern block by block."""

from __future__ import annotations

from dsl.budget import charge
from dsl.primitives.patterns import _separators, _spans
from dsl.registry import primitive
from dsl.values import DSLError, Grid


@primitive("Grid -> Grid")
def colour_by_key(grid: Grid) -> Grid:
    """The largest panel (cut along full one-colour lines) with its ink recoloured by the smallest panel scaled over it."""
    h, w = len(grid), len(grid[0])
    charge(2 * h * w)
    boxes = [(r, c) for r in _spans(h, _separators(grid)) for c in _spans(w, _separators(list(zip(*grid))))]
    if len(boxes) < 2:
        raise DSLError("domain", "no panels")

    def area(box) -> int:
        (a, b), (c, d) = box
        return (b - a) * (d - c)

    (ka, kb), (kc, kd) = min(boxes, key=area)
    (ma, mb), (mc, md) = max(boxes, key=area)
    kh, kw, mh, mw = kb - ka, kd - kc, mb - ma, md - mc
    if mh % kh or mw % kw or (kh, kw) == (mh, mw):
        raise DSLError("domain", "the key does not divide the pattern")
    sh, sw = mh // kh, mw // kw
    return tuple(tuple(grid[ka + i // sh][kc + j // sw] if grid[ma + i][mc + j] else 0 for j in range(mw))
                 for i in range(mh))
