"""REST API of the taxonomy: suggest (autocomplete) and an occupation's skills.

Any authenticated user or token may read the taxonomy; anonymous calls get 401.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from ninja import Query, Router, Schema

from . import services
from .models import Kind

router = Router(tags=["taxonomy"])

MAX_TOP = 50


class Suggestion(Schema):
    uri: str
    label: str
    kind: str
    score: float


class SuggestOut(Schema):
    query: str
    results: list[Suggestion]


class SuggestParams(Schema):
    q: str = ""
    lang: str | None = None
    top: int = 8


class SkillOut(Schema):
    id: int
    uri: str
    label: str


class OccupationSkillsOut(Schema):
    occupation: SkillOut
    relations_loaded: bool
    essential: list[SkillOut]
    optional: list[SkillOut]


@router.get(
    "/suggest/{kind}", response=SuggestOut, summary="Suggest occupations/ISCO groups or skills"
)
def suggest(request, kind: str, params: Query[SuggestParams]):
    """Rank ESCO occupations and ISCO-08 groups (``kind=occupations``) or skills (``skills``)
    for a typed text, in any language. The same ranking serves the UI autocomplete."""
    if kind not in ("occupations", "skills"):
        raise ValidationError({"kind": "use occupations or skills"})
    if not 1 <= params.top <= MAX_TOP:
        raise ValidationError({"top": f"must be between 1 and {MAX_TOP}"})
    lang = (params.lang or get_language() or "da")[:8]
    query = params.q.strip()[:200]
    results = services.suggest(kind, query, lang=lang, top=params.top) if query else []
    return {"query": query, "results": results}


def _item(concept, lang: str) -> dict:
    return {"id": concept.pk, "uri": concept.uri, "label": concept.label(lang)}


@router.get(
    "/occupations/{path:ref}/skills",
    response=OccupationSkillsOut,
    summary="Essential and optional skills of an occupation",
)
def occupation_skills(request, ref: str, lang: str | None = None):
    """``ref`` is the occupation's id, its ESCO URI, or the last part of the URI. The lists are
    empty (and ``relations_loaded`` false) when no occupation–skill relations are loaded."""
    lang = (lang or get_language() or "da")[:8]
    occupation = services.get_concept(ref, kinds=(Kind.OCCUPATION,))
    skills = services.occupation_skills(occupation)
    return {
        "occupation": _item(occupation, lang),
        "relations_loaded": services.has_relations(),
        "essential": [_item(s, lang) for s in skills["essential"]],
        "optional": [_item(s, lang) for s in skills["optional"]],
    }
