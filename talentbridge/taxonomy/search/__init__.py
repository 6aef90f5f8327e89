"""Suggest: ranking ESCO occupations, ISCO-08 groups and skills for a typed text."""

from __future__ import annotations


def invalidate() -> None:
    """Forget this process's indexes; the next query rebuilds them from the database."""
