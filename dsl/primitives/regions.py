"""Region and line constructors: neighbourhoods, lines, rays, boxes, frontiers."""

from dsl.registry import primitive  # noqa: F401
