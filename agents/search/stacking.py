"""Closures over pieces: greedy stacking and colour maps.

A *piece* is a grid state whose value has the demo output's shape on every demo (and the predicted shape on
every test input). Pieces are flattened and concatenated over the demos into one row each, so a whole
stacking step is a few array operations over all pieces at once.

**Stacking** covers the demo outputs with layers. A piece is laid one of three ways: its non-zero cells
(mode ``INK``), its zero cells as a mask that writes 0 (mode ``ZEROS``), or all its cells (mode ``ALL``).
Greedy, top layer first: each step takes the piece-and-mode that writes no wrong cell among the cells not
yet written and writes the most of them (ties: the cheaper piece). Cells no layer writes stay 0, the
colour of the canvas under the stack. The result, when it reproduces every demo, is a list of layers from
top to bottom. :func:`idle_layers` counts the layers a stack lays on other grids (the test inputs) without
writing a cell: the search charges them as extra layers, since the demos needed them but the test does not.

**Colour maps**: a piece whose cells map colour-for-colour onto the demo outputs (one output colour per
piece colour, consistently over all demos) becomes a solution through ``map_colours``.
"""

from __future__ import annotations

from typing import Optional, Sequence

import numpy as np

__all__ = ["ALL", "INK", "ZEROS", "colour_map", "flatten", "greedy_stack", "idle_layers"]

INK, ZEROS, ALL = 0, 1, 2


def flatten(grids: Sequence[tuple]) -> np.ndarray:
    """The cells of several grids, row-major, one after the other."""
    return np.concatenate([np.asarray(g, dtype=np.int8).ravel() for g in grids])


def greedy_stack(pieces: np.ndarray, target: np.ndarray, costs: Sequence[float],
                 max_layers: int = 8, modes: Sequence[int] = (INK, ZEROS, ALL)) -> Optional[list[tuple[int, int]]]:
    """Layers ``(piece index, mode)`` top first that reproduce ``target`` exactly, or None.

    ``pieces`` is ``(n_pieces, n_cells)``, ``target`` is ``(n_cells,)``; only the given ``modes`` are laid."""
    if len(pieces) == 0:
        return None
    ink = pieces != 0
    right = pieces == target
    zero_target = target == 0
    written = (ink, ~ink, np.ones_like(ink))
    wrong = (ink & ~right, ~ink & ~zero_target, ~right)
    order = np.asarray(costs, dtype=np.float64)
    unset = np.ones(target.shape, dtype=bool)
    layers: list[tuple[int, int]] = []
    for _ in range(max_layers):
        if not (unset & ~zero_target).any():
            break
        best = None
        for mode in modes:
            ok = ~(wrong[mode] & unset).any(axis=1)
            if not ok.any():
                continue
            gain = (written[mode] & unset).sum(axis=1)
            gain = np.where(ok, gain, -1)
            top = gain.max()
            if top <= 0:
                continue
            # The cheapest piece among those with the largest gain.
            candidates = np.flatnonzero(gain == top)
            k = int(candidates[np.argmin(order[candidates])])
            if best is None or top > best[0] or (top == best[0] and order[k] < order[best[1]]):
                best = (int(top), k, mode)
        if best is None:
            return None
        _, k, mode = best
        layers.append((k, mode))
        unset &= ~written[mode][k]
    if (unset & ~zero_target).any():
        return None
    return layers


def _writes(piece: np.ndarray, mode: int) -> np.ndarray:
    """The cells a piece laid in ``mode`` writes."""
    if mode == INK:
        return piece != 0
    if mode == ZEROS:
        return piece == 0
    return np.ones(piece.shape, dtype=bool)


def idle_layers(pieces: Sequence[np.ndarray], modes: Sequence[int]) -> int:
    """How many layers of a stack (top first) write no cell that the layers above left unwritten.

    Run on the test values of a stack fitted on the demos, an idle layer is one the demos needed but the test
    does not use: a sign that the stack explains some demo by a case of its own."""
    unset = np.ones(pieces[0].shape, dtype=bool) if len(pieces) else None
    idle = 0
    for piece, mode in zip(pieces, modes):
        new = _writes(piece, mode) & unset
        idle += not new.any()
        unset &= ~new
    return idle


def colour_map(piece: np.ndarray, target: np.ndarray) -> Optional[dict[int, int]]:
    """The colour-for-colour map taking ``piece`` to ``target`` (changed colours only), or None."""
    pairs = np.unique(piece.astype(np.int16) * 16 + target)
    src = pairs // 16
    if len(np.unique(src)) != len(src):
        return None
    mapping = {int(s): int(d) for s, d in zip(src, pairs % 16) if s != d}
    return mapping or None
