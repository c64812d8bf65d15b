"""Importing this package registers every constant and primitive, one module per category."""

from dsl.primitives import (  # noqa: F401
    arithmetic,
    cleanup,
    colour,
    constants,
    containers,
    drawing,
    enclosures,
    geometry,
    grid,
    higher_order,
    layers,
    normalise,
    logic,
    motion,
    objects,
    paint,
    rays,
    regions,
    structure,
    tally,
)
