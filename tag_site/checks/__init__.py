"""Checks: every problem of the content (``site.py``) and of the built output (``built.py``),
as ``Problem`` values at their file, line and column."""
