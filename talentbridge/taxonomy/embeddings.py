"""Computing and storing the label embeddings of the semantic suggest layer.

Run by the task worker after every import (:mod:`.tasks`) or at once by
``talentbridge taxonomy embed``. Vectors of texts that were embedded before are reused, so
a re-import that changed nothing costs no model time, and a second language costs only its
own labels.
"""

from __future__ import annotations

import time

import numpy as np
from django.db import transaction

from .models import ConceptEmbedding
from .search import INDEX_KINDS, invalidate, load_concepts
from .search.engine import embedding_texts
from .search.semantic import DIM, MODEL_NAME, embed_labels


def embed(indexes: list[str] | None = None, progress=None) -> dict:
    """Embed the labels of ``indexes`` (default: all); returns counts per index."""
    summary = {}
    for name in indexes or list(INDEX_KINDS):
        if name not in INDEX_KINDS:
            raise ValueError(f"unknown index {name!r}: use {', '.join(INDEX_KINDS)}")
        summary[name] = embed_index(name, progress=progress)
    invalidate()
    return summary


def embed_index(name: str, progress=None) -> dict:
    started = time.perf_counter()
    concepts = load_concepts(name)
    uris, texts, owners = [], [], []
    for position, concept in enumerate(concepts):
        uris.append(concept.uri)
        for text in embedding_texts(concept):
            texts.append(text)
            owners.append(position)
    previous = ConceptEmbedding.objects.filter(index=name, model=MODEL_NAME).order_by("-id").first()
    known: dict[str, np.ndarray] = {}
    if previous is not None:
        old = np.frombuffer(bytes(previous.vectors), dtype=np.float16).reshape(-1, previous.dim)
        known = {text: old[i] for i, text in enumerate(previous.texts)}
    missing = [t for t in dict.fromkeys(texts) if t not in known]
    if previous is not None and not missing and previous.uris == uris and previous.texts == texts:
        return {"concepts": len(uris), "texts": len(texts), "computed": 0, "seconds": 0.0}
    for start in range(0, len(missing), 512):
        chunk = missing[start : start + 512]
        for text, vector in zip(chunk, embed_labels(chunk), strict=True):
            known[text] = vector.astype(np.float16)
        if progress:
            progress(name, min(start + 512, len(missing)), len(missing))
    vectors = (
        np.stack([known[t] for t in texts]).astype(np.float16)
        if texts
        else np.empty((0, DIM), np.float16)
    )
    seconds = round(time.perf_counter() - started, 2)
    with transaction.atomic():
        ConceptEmbedding.objects.create(
            index=name,
            model=MODEL_NAME,
            dim=DIM,
            uris=uris,
            texts=texts,
            owners=np.asarray(owners, dtype=np.int32).tobytes(),
            vectors=vectors.tobytes(),
            seconds=seconds,
        )
        # Keep only the newest set per index: older ones are never read again.
        newest = (
            ConceptEmbedding.objects.filter(index=name)
            .order_by("-id")
            .values_list("id", flat=True)
            .first()
        )
        ConceptEmbedding.objects.filter(index=name).exclude(id=newest).delete()
    return {
        "concepts": len(uris),
        "texts": len(texts),
        "computed": len(missing),
        "seconds": seconds,
    }
