"""Importing this package registers every constant and primitive, one module per category."""

from dsl.primitives import (  # noqa: F401
    arithmetic,
    cleanup,
    colour,
    constants,
    containers,
    drawing,
    geometry,
    grid,
    higher_order,
    layers,
    normalise,
    logic,
    motion,
    objects,
    paint,
    patterns,
    regions,
    structure,
    tally,
)
