"""Background work of the taxonomy app, run by the task worker (``talentbridge worker``)."""

from __future__ import annotations

from django_tasks import task


@task()
def embed_concepts(indexes: list[str] | None = None) -> dict:
    """Compute the multilingual embeddings of concept labels after an import.

    Reuses the vectors of labels that did not change, so re-running after a second
    language costs only that language's labels.
    """
    from .embeddings import embed

    return embed(indexes)
