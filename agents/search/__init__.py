"""The search agent: a deduplicated lockstep state graph over DSL transforms (see :mod:`agents.search.agent`)."""

from agents.search.agent import SearchAgent

__all__ = ["SearchAgent"]
