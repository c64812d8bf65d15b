"""A grid's background colour: its most common colour, ties to the smallest colour.

One definition for the primitives (``structure``, ``objects``, ``colour.mostcolor`` on grids) and the CodeIt
prompt encoding, so that "background" means the same thing everywhere. Counting bytes keeps the work in C.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["background", "background_of_bytes"]

_COLOUR_BYTES = tuple(bytes([c]) for c in range(10))


def background_of_bytes(data: bytes) -> int:
    """The most common colour in a grid's cells given as bytes (other byte values, e.g. row separators, are
    ignored); ties to the smallest colour."""
    counts = [data.count(b) for b in _COLOUR_BYTES]
    return counts.index(max(counts))


def background(grid: Sequence[Sequence[int]]) -> int:
    """The most common colour of a grid (cells 0-9), ties to the smallest colour."""
    return background_of_bytes(b"".join(map(bytes, grid)))
