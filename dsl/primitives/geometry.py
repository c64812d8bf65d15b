"""Patch geometry and relations: corners, extent, shift, normalize, distances, gravitation."""

from dsl.registry import primitive  # noqa: F401
