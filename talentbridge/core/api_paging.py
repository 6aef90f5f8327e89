"""Offset paging of API lists: ``limit`` (default 100, at most 500) and ``offset``.

Lists answer with a plain JSON array, as the candidates list does; a client pages with
``?limit=&offset=`` until it receives fewer rows than it asked for.
"""

from __future__ import annotations

from ninja import Query

LIMIT = Query(100, ge=1, le=500, description="rows to return (at most 500)")
OFFSET = Query(0, ge=0, description="rows to skip")


def page(queryset, limit: int, offset: int):
    """Rows ``offset`` to ``offset + limit`` of ``queryset``, in a stable order."""
    if not queryset.ordered:
        queryset = queryset.order_by("pk")
    return queryset[offset : offset + limit]
