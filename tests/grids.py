"""Shared test helpers for writing grids as literals."""


def g(*rows: str) -> tuple:
    """A grid from strings of digits, one per row."""
    return tuple(tuple(int(c) for c in row) for row in rows)
