"""Occupations and skills suggested from free text, through the taxonomy's suggest.

The consultant confirms: the opening form shows these as boxes to tick; imports take the
best one and say so in the report, and the opening stays a draft until someone opens it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OCCUPATIONS = "occupations"
SKILLS = "skills"


@dataclass(frozen=True)
class Suggestion:
    uri: str
    label: str
    kind: str
    score: float

    def concept(self):
        from talentbridge.taxonomy.models import Concept

        return Concept.objects.get(uri=self.uri)

    def as_dict(self) -> dict:
        return {
            "uri": self.uri,
            "label": self.label,
            "kind": self.kind,
            "score": round(float(self.score), 4),
        }


def _item(item) -> Suggestion:
    get = item.get if isinstance(item, dict) else lambda key: getattr(item, key, None)
    return Suggestion(
        uri=get("uri"),
        label=get("label") or get("uri"),
        kind=get("kind") or "",
        score=float(get("score") or 0),
    )


def _engine():
    """The taxonomy's suggest service: the same ranking as the autocomplete and the API."""
    from talentbridge.taxonomy import services

    return services


def suggest_many(
    kind: str, texts: list[str], *, language: str | None = None, top: int = 5
) -> list[list[Suggestion]]:
    """The taxonomy's ranking for each text, in order (``kind`` is "occupations" or "skills")."""
    cleaned = [" ".join((t or "").split()) for t in texts]
    wanted = [t for t in cleaned if t]
    if not wanted:
        return [[] for _ in texts]
    found = iter(
        _engine().suggest_many(kind, wanted, lang=(language or "da").split("-")[0], top=top)
    )
    return [[_item(item) for item in next(found)] if t else [] for t in cleaned]


def suggest(kind: str, text: str, *, language: str | None = None, top: int = 5) -> list[Suggestion]:
    return suggest_many(kind, [text], language=language, top=top)[0]


def best(kind: str, text: str, *, language: str | None = None) -> Suggestion | None:
    """The top suggestion; for occupations an ESCO occupation wins a tie with an ISCO-08 group
    (it is the more precise of the two)."""
    found = suggest(kind, text, language=language, top=5)
    if not found:
        return None
    tied = [s for s in found if s.score >= found[0].score - 1e-9]
    return next((s for s in tied if s.kind == "occupation"), found[0])


# Splitting a job description into phrases that name one skill each: bullet points, lines,
# sentences, and lists within a sentence ("welding, forklift and first aid").
_SENTENCE = re.compile(r"[\n\r]+|(?<=[.!?])\s+|[•·▪;]")
_LIST = re.compile(r",\s*|\s+(?:og|and|samt|eller|or)\s+")
MAX_PHRASES = 30


def phrases(description: str) -> list[str]:
    result: list[str] = []
    for sentence in _SENTENCE.split(description or ""):
        sentence = sentence.strip(" -*–\t")
        if not sentence:
            continue
        parts = [sentence] if len(sentence.split()) <= 6 else _LIST.split(sentence)
        for part in parts:
            part = part.strip(" -*–.:\t")
            if (
                1 <= len(part.split()) <= 12
                and len(part) >= 3
                and part.casefold() not in (p.casefold() for p in result)
            ):
                result.append(part)
    return result[:MAX_PHRASES]


def suggest_for_text(
    title: str,
    description: str,
    *,
    language: str | None = None,
    occupations: int = 5,
    skills: int = 12,
) -> dict:
    """Occupations for the title (or the description's first line) and skills for the description.

    Each phrase of the description is looked up on its own; a skill found for several
    phrases keeps its best score. When relations are loaded, the essential skills of the best
    ESCO occupation are offered too (``usual_skills``), those not already found. Returns
    plain data: ``{"occupations": [...], "skills": [...], "usual_skills": [...], "phrases": [...]}``
    of :class:`Suggestion` (and strings for ``phrases``).
    """
    query = (title or "").strip() or (description or "").strip().split("\n", 1)[0]
    found_occupations = (
        suggest(OCCUPATIONS, query, language=language, top=occupations) if query else []
    )
    best_skill: dict[str, Suggestion] = {}
    parts = phrases(description)
    for found in suggest_many(SKILLS, parts, language=language, top=2) if parts else []:
        for item in found:
            if item.uri not in best_skill or item.score > best_skill[item.uri].score:
                best_skill[item.uri] = item
    ranked = sorted(best_skill.values(), key=lambda s: -s.score)[:skills]
    return {
        "occupations": found_occupations,
        "skills": ranked,
        "usual_skills": _usual_skills(found_occupations, {s.uri for s in ranked}, language),
        "phrases": parts,
    }


def _usual_skills(
    occupations: list[Suggestion], known: set[str], language: str | None
) -> list[Suggestion]:
    top = occupations[0].score if occupations else None
    best = next(
        (o for o in occupations if o.kind == "occupation" and o.score >= (top or 0) - 1e-9), None
    )
    if best is None:
        return []
    from talentbridge.taxonomy.services import occupation_skills

    essential = occupation_skills(best.uri)["essential"]
    lang = (language or "da").split("-")[0]
    return [Suggestion(s.uri, s.label(lang), "skill", 0.0) for s in essential if s.uri not in known]
