"""Suggest: ranking ESCO occupations, ISCO-08 groups and skills for a typed text.

The indexes live in memory, one per process, built from the database on first use and
rebuilt when the taxonomy changes. A process notices a change made elsewhere (an import or
new embeddings in another process) by comparing the latest ``TaxonomyImport`` and
``ConceptEmbedding`` with what its index was built from, at most every ``CHECK_SECONDS``;
an import in this process drops the indexes at once (:func:`invalidate`).
"""

from __future__ import annotations

import threading
import time

import numpy as np
from django.conf import settings

from .engine import INDEX_KINDS, ConceptTexts, Index
from .semantic import MODEL_NAME, SemanticIndex

CHECK_SECONDS = 5.0
KIND_TO_INDEX = {
    "occupations": "occupations",
    "occupation": "occupations",
    "skills": "skills",
    "skill": "skills",
}

_indexes: dict[str, tuple[tuple, Index]] = {}
_checked: dict[str, float] = {}
_lock = threading.Lock()


def invalidate() -> None:
    """Forget this process's indexes; the next query rebuilds them from the database."""
    with _lock:
        _indexes.clear()
        _checked.clear()


def index_name(kind: str) -> str:
    try:
        return KIND_TO_INDEX[kind]
    except KeyError:
        raise ValueError(f"unknown kind {kind!r}: use occupations or skills") from None


def load_concepts(name: str) -> list[ConceptTexts]:
    """The concepts of an index with all their texts, in a stable order (by URI)."""
    from ..models import Concept, ConceptText

    kinds = INDEX_KINDS[name]
    concepts = {
        pk: ConceptTexts(pk, uri, kind, isco or (code if kind == "isco-group" else ""))
        for pk, uri, kind, code, isco in Concept.objects.filter(kind__in=kinds).values_list(
            "id", "uri", "kind", "code", "isco_code"
        )
    }
    rows = ConceptText.objects.filter(concept__kind__in=kinds).order_by("concept_id", "language")
    for concept_id, lang, preferred, alts, hidden in rows.values_list(
        "concept_id", "language", "preferred_label", "alt_labels", "hidden_labels"
    ):
        concept = concepts.get(concept_id)
        if concept is not None:
            concept.texts.append((lang, preferred, list(alts or []), list(hidden or [])))
    return sorted(concepts.values(), key=lambda c: c.uri)


def _version(name: str) -> tuple:
    from ..models import ConceptEmbedding, TaxonomyImport

    last_import = TaxonomyImport.objects.order_by("-id").values_list("id", "at").first()
    last_embedding = (
        ConceptEmbedding.objects.filter(index=name)
        .order_by("-id")
        .values_list("id", "created_at")
        .first()
    )
    return (last_import, last_embedding if settings.TAXONOMY_EMBEDDINGS else None)


def _semantic(name: str, index: Index) -> SemanticIndex | None:
    from ..models import ConceptEmbedding

    if not settings.TAXONOMY_EMBEDDINGS:
        return None
    stored = ConceptEmbedding.objects.filter(index=name, model=MODEL_NAME).order_by("-id").first()
    if stored is None:
        return None
    vectors = np.frombuffer(bytes(stored.vectors), dtype=np.float16).reshape(-1, stored.dim)
    owners = np.frombuffer(bytes(stored.owners), dtype=np.int32)
    # Map the stored URIs to this index's positions; embeddings of concepts since removed drop out.
    mapping = np.array([index.position.get(uri, -1) for uri in stored.uris], dtype=np.int64)
    positions = mapping[owners] if len(owners) else np.empty(0, dtype=np.int64)
    keep = positions >= 0
    if not keep.any():
        return None
    return SemanticIndex(vectors[keep].astype(np.float32), positions[keep], len(index))


def build(name: str) -> Index:
    index = Index(name, load_concepts(name))
    index.semantic = _semantic(name, index)
    return index


def get_index(kind: str) -> Index:
    """The current index for ``kind``, rebuilt when the taxonomy changed."""
    name = index_name(kind)
    now = time.monotonic()
    cached = _indexes.get(name)
    if cached is not None and now - _checked.get(name, 0.0) < CHECK_SECONDS:
        return cached[1]
    version = _version(name)
    if cached is not None and cached[0] == version:
        _checked[name] = now
        return cached[1]
    with _lock:
        index = build(name)
        _indexes[name] = (version, index)
        _checked[name] = time.monotonic()
    return index


def suggest_many(
    kind: str, queries: list[str], lang: str = "da", top: int = 10
) -> list[list[dict]]:
    """Suggestions for each query, in input order (embeddings batched)."""
    if top < 1:
        raise ValueError("top must be at least 1")
    return get_index(kind).search(
        queries, lang=lang, top=top, semantic=settings.TAXONOMY_EMBEDDINGS
    )


def suggest(kind: str, query: str, lang: str = "da", top: int = 10) -> list[dict]:
    """``[{"uri", "label", "kind", "score"}, …]`` for one typed text, best first."""
    return suggest_many(kind, [query], lang=lang, top=top)[0]
