"""Object extraction and conversion: connected components, partitions, colour sets, templates."""

from dsl.registry import primitive  # noqa: F401
