"""ESCO concepts for needs and openings: look them up by URI or code, and label them."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from talentbridge.taxonomy.models import Concept, ConceptText, Kind

OCCUPATION_KINDS = (Kind.OCCUPATION, Kind.ISCO_GROUP)
SKILL_KINDS = (Kind.SKILL,)


def with_texts(qs):
    return qs.prefetch_related(
        Prefetch("texts", ConceptText.objects.only("concept_id", "language", "preferred_label"))
    )


def resolve_occupation(value, field: str = "occupation") -> Concept | None:
    """An ESCO occupation or ISCO-08 group from a Concept, a URI or a 4-digit ISCO code."""
    if value in (None, ""):
        return None
    if isinstance(value, Concept):
        concept = value
    else:
        text = str(value).strip()
        if text.isdigit() and len(text) <= 4:
            concept = Concept.objects.filter(kind=Kind.ISCO_GROUP, code=text).first()
        else:
            concept = Concept.objects.filter(uri=text).first()
        if concept is None:
            raise ValidationError(
                {
                    field: _("Unknown occupation %(value)r (give an ESCO URI or an ISCO-08 code).")
                    % {"value": text}
                }
            )
    if concept.kind not in OCCUPATION_KINDS:
        raise ValidationError(
            {field: _("%(value)s is not an occupation.") % {"value": concept.uri}}
        )
    return concept


def resolve_skills(values: Iterable, field: str = "skills") -> list[Concept]:
    """ESCO skills from Concepts or URIs, in the given order, without duplicates."""
    wanted: list[str] = []
    given: dict[str, Concept] = {}
    for value in values or ():
        if isinstance(value, Concept):
            given[value.uri] = value
            uri = value.uri
        else:
            uri = str(value).strip()
        if uri and uri not in wanted:
            wanted.append(uri)
    found = dict(given)
    missing = [u for u in wanted if u not in found]
    if missing:
        found.update({c.uri: c for c in Concept.objects.filter(uri__in=missing)})
    unknown = [u for u in wanted if u not in found]
    if unknown:
        raise ValidationError(
            {field: _("Unknown skill(s): %(value)s") % {"value": ", ".join(unknown)}}
        )
    wrong = [u for u in wanted if found[u].kind not in SKILL_KINDS]
    if wrong:
        raise ValidationError({field: _("Not a skill: %(value)s") % {"value": ", ".join(wrong)}})
    return [found[u] for u in wanted]


def labels(uris: Iterable[str], language: str | None = None) -> dict[str, str]:
    """Preferred labels of concepts by URI (the URI itself when the concept is unknown)."""
    uris = list(set(uris))
    result = {uri: uri for uri in uris}
    for concept in with_texts(Concept.objects.filter(uri__in=uris)):
        result[concept.uri] = concept.label(language)
    return result


def isco_code_of(concept: Concept | None) -> str:
    """The ISCO-08 unit group of an occupation (or the group's own code)."""
    if concept is None:
        return ""
    if concept.isco_code:
        return concept.isco_code
    return concept.code if concept.kind == Kind.ISCO_GROUP else ""
