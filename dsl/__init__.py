"""A typed straight-line DSL for ARC grids."""
