"""One suggest index (occupations with ISCO-08 groups, or skills): data, layers and ranking.

An :class:`Index` is built from plain lists (see :func:`load_concepts` for the database side)
and answers queries without touching the database. Ranking:

1. the query is normalised into a few variants (:func:`..text.variants`) and scored by the
   lexical layer over every label in every language;
2. when the lexical evidence is weak (best score under ``GATE``) or the query is not in Latin
   script, the query is embedded (cached) and the semantic layer scores every concept;
3. the two are fused: ``lexical + SEMANTIC_WEIGHT * semantic``, where the semantic cosine is
   rescaled per query between a reference rank and the best concept (the raw cosines bunch
   together, so only their order and relative distance mean anything).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .. import text as textmod
from .lexical import LexicalIndex
from .semantic import SemanticIndex, query_cache

INDEX_KINDS = {"occupations": ("occupation", "isco-group"), "skills": ("skill",)}
LABEL_WEIGHTS = {"preferred": 1.0, "alt": 0.95, "hidden": 0.9}
GATE = 0.7
SEMANTIC_WEIGHT = 0.6
SEMANTIC_REFERENCE_RANK = 50
POOL = 60


@dataclass
class ConceptTexts:
    """A concept's texts as loaded: ``texts`` is a list of (language, preferred, alt, hidden)."""

    id: int
    uri: str
    kind: str
    isco: str  # the ISCO-08 code of a group, or an occupation's unit group ("" when unknown)
    texts: list[tuple[str, str, list[str], list[str]]] = field(default_factory=list)


def label_entries(concepts: list[ConceptTexts]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The lexical forms of every label, with owner position and weight (deduplicated)."""
    best: dict[tuple[int, str], float] = {}
    for position, concept in enumerate(concepts):
        for _, preferred, alts, hidden in concept.texts:
            for labels, weight in (
                ([preferred], 1.0),
                (alts, LABEL_WEIGHTS["alt"]),
                (hidden, LABEL_WEIGHTS["hidden"]),
            ):
                for label in labels:
                    for form in textmod.label_forms(label):
                        key = (position, form)
                        if weight > best.get(key, 0.0):
                            best[key] = weight
    forms = [form for _, form in best]
    owners = np.fromiter((p for p, _ in best), dtype=np.int32, count=len(best))
    weights = np.fromiter(best.values(), dtype=np.float32, count=len(best))
    return forms, owners, weights


def embedding_texts(concept: ConceptTexts, alt_per_language: int = 0) -> list[str]:
    """What the semantic layer embeds for a concept: its preferred label in each language."""
    out: dict[str, None] = {}
    for _, preferred, alts, _hidden in concept.texts:
        if preferred:
            out.setdefault(preferred.strip(), None)
        for alt in alts[:alt_per_language]:
            out.setdefault(alt.strip(), None)
    return list(out)


class Index:
    def __init__(
        self, name: str, concepts: list[ConceptTexts], semantic: SemanticIndex | None = None
    ):
        self.name = name
        self.uris = [c.uri for c in concepts]
        self.ids = [c.id for c in concepts]
        self.kinds = [c.kind for c in concepts]
        self.isco = [c.isco for c in concepts]
        self.position = {uri: i for i, uri in enumerate(self.uris)}
        self.labels: dict[str, list[str]] = {}
        for i, concept in enumerate(concepts):
            for lang, preferred, _, _ in concept.texts:
                if lang not in self.labels:
                    self.labels[lang] = [""] * len(concepts)
                self.labels[lang][i] = preferred
        forms, owners, weights = label_entries(concepts)
        self.lexical = LexicalIndex(forms, owners, weights)
        self.semantic = semantic

    def __len__(self) -> int:
        return len(self.uris)

    @property
    def languages(self) -> list[str]:
        return sorted(self.labels)

    def label(self, position: int, lang: str) -> str:
        for code in (lang, "en", "da", *self.labels):
            labels = self.labels.get(code)
            if labels and labels[position]:
                return labels[position]
        return self.uris[position]

    # -- ranking --------------------------------------------------------------------------
    def needs_semantic(self, query: str, lexical: dict[int, float]) -> bool:
        if self.semantic is None:
            return False
        return not textmod.is_latin(query) or max(lexical.values(), default=0.0) < GATE

    def search(
        self, queries: list[str], lang: str = "da", top: int = 10, semantic: bool = True
    ) -> list[list[dict]]:
        """Suggestions for each query, in order; the embeddings needed are computed in one batch."""
        lexical = [self.lexical.scores(textmod.variants(q)) if q.strip() else {} for q in queries]
        wanted = [
            i
            for i, q in enumerate(queries)
            if q.strip() and semantic and self.needs_semantic(q, lexical[i])
        ]
        vectors = dict(
            zip(wanted, query_cache.get_many([queries[i].strip() for i in wanted]), strict=True)
        )
        results = []
        for i, query in enumerate(queries):
            sem = self.semantic.scores(vectors[i]) if i in vectors else None
            results.append(self._rank(lexical[i], sem, lang, top) if query.strip() else [])
        return results

    def _rank(
        self, lexical: dict[int, float], semantic: np.ndarray | None, lang: str, top: int
    ) -> list[dict]:
        scores = dict(lexical)
        if semantic is not None and len(semantic):
            k = min(SEMANTIC_REFERENCE_RANK, len(semantic) - 1)
            order = np.argpartition(-semantic, k)
            reference = float(semantic[order[k]])
            best = float(semantic[order[:k]].max()) if k else float(semantic.max())
            spread = max(best - reference, 1e-6)
            pool = set(order[: min(POOL, len(order))].tolist()) | set(
                sorted(lexical, key=lexical.get, reverse=True)[:POOL]
            )
            for position in pool:
                rescaled = max(0.0, (float(semantic[position]) - reference) / spread)
                scores[position] = lexical.get(position, 0.0) + SEMANTIC_WEIGHT * rescaled
        ranked = sorted(scores.items(), key=lambda item: (-item[1], self.uris[item[0]]))[:top]
        return [
            {
                "uri": self.uris[p],
                "label": self.label(p, lang),
                "kind": self.kinds[p],
                "score": round(float(s), 4),
            }
            for p, s in ranked
            if s > 0
        ]
