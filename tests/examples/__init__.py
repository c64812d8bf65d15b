"""Smoke tests for the scripts in ``examples/``: each one runs with ``--smoke`` in a subprocess."""
