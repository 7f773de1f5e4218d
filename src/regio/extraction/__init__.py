"""Regio's text reader: plain Python (no Django) that turns Dutch letters, minutes and news
items into findings — document date, municipalities, spearheads, topics, decisions,
commitments, events and open roles — each with its source span, confidence and rule.

Entry points: :func:`regio.extraction.engine.extract` and the ``regio extract`` command
(:mod:`regio.extraction.cli`). The pipeline is described in ``docs/extraction.md``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["extract"]


def __getattr__(name: str) -> Any:
    # Lazy, so that importing one submodule (the date grammar, the scorer) stays cheap.
    if name == "extract":
        from .engine import extract

        return extract
    raise AttributeError(name)
