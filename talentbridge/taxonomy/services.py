"""What other apps, the views, the API and the CLI ask of the taxonomy.

The taxonomy is reference data shared by every project: any logged-in user may read it, and
it holds no personal data (so reads are not audited).
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404
from django.utils.translation import gettext as _

from . import search
from .models import Concept, ConceptEmbedding, ConceptText, Kind, OccupationSkill, TaxonomyImport


def suggest(kind: str, text: str, lang: str = "da", top: int = 10) -> list[dict]:
    """Ranked ``[{"uri", "label", "kind", "score"}]`` for a typed job title or skill.

    ``kind`` is ``occupations`` (ESCO occupations and ISCO-08 groups together) or ``skills``.
    """
    return search.suggest(kind, text, lang=lang, top=top)


def suggest_many(kind: str, texts: list[str], lang: str = "da", top: int = 10) -> list[list[dict]]:
    return search.suggest_many(kind, texts, lang=lang, top=top)


def get_concept(ref: str | int, kinds: tuple[str, ...] | None = None) -> Concept:
    """A concept by database id or ESCO URI (or the URI's last part), else ``Http404``."""
    queryset = Concept.objects.prefetch_related("texts")
    if kinds:
        queryset = queryset.filter(kind__in=kinds)
    ref = str(ref).strip()
    if ref.isdigit():
        lookup = Q(pk=int(ref))
    elif ref.startswith(("http://", "https://")):
        lookup = Q(uri=ref)
    else:
        lookup = Q(uri__endswith="/" + ref) if ref else Q(pk=None)
    concept = queryset.filter(lookup).first()
    if concept is None:
        raise Http404("no such concept")
    return concept


def has_relations() -> bool:
    """True when occupation–skill relations are loaded (a full import or the sample)."""
    return OccupationSkill.objects.exists()


def occupation_skills(occupation: Concept | int | str) -> dict[str, list[Concept]]:
    """The essential and optional skills of an occupation (empty when relations are not loaded).

    Skills come with their texts prefetched, so ``skill.label(lang)`` costs no query.
    """
    if not isinstance(occupation, Concept):
        occupation = get_concept(occupation, kinds=(Kind.OCCUPATION,))
    relations = (
        OccupationSkill.objects.filter(occupation=occupation)
        .select_related("skill")
        .prefetch_related("skill__texts")
        .order_by("skill__uri")
    )
    out: dict[str, list[Concept]] = {"essential": [], "optional": []}
    for relation in relations:
        out[relation.relation].append(relation.skill)
    for skills in out.values():
        skills.sort(key=lambda s: s.label("en").lower())
    return out


def occupations_requiring(skill: Concept, limit: int = 50) -> list[tuple[Concept, str]]:
    relations = (
        OccupationSkill.objects.filter(skill=skill)
        .select_related("occupation")
        .prefetch_related("occupation__texts")
        .order_by("relation", "occupation__code")[:limit]
    )
    return [(r.occupation, r.relation) for r in relations]


def isco_group_of(concept: Concept) -> Concept | None:
    """The ISCO-08 unit group of an occupation, or the next group up of an ISCO group."""
    code = concept.isco_code if concept.kind == Kind.OCCUPATION else concept.code[:-1]
    if not code:
        return None
    return Concept.objects.filter(kind=Kind.ISCO_GROUP, code=code).prefetch_related("texts").first()


def summary() -> dict:
    """What is loaded: sources, languages, counts, and what is missing compared with a full import."""
    kinds = dict(Concept.objects.values_list("kind").annotate(n=Count("id")))
    languages = dict(
        ConceptText.objects.values_list("language").annotate(n=Count("id")).order_by("language")
    )
    occupations = kinds.get(Kind.OCCUPATION, 0)
    without_isco = Concept.objects.filter(kind=Kind.OCCUPATION, isco_code="").count()
    derived = ConceptText.objects.filter(derived=True).count()
    relations = OccupationSkill.objects.count()
    skill_types = Concept.objects.filter(kind=Kind.SKILL).exclude(skill_type="").count()
    imports = list(TaxonomyImport.objects.all()[:10])
    embeddings: dict[str, ConceptEmbedding] = {}
    for item in ConceptEmbedding.objects.defer("vectors", "owners", "texts", "uris").order_by(
        "-id"
    ):
        embeddings.setdefault(item.index, item)
    lacks = []
    if occupations and not relations:
        lacks.append(
            _(
                "No occupation–skill relations: essential and optional skills of an occupation are unknown."
            )
        )
    elif occupations and relations:
        covered = OccupationSkill.objects.values("occupation").distinct().count()
        if covered < occupations:
            lacks.append(
                _(
                    "Essential and optional skills are known for %(covered)s of %(total)s occupations."
                )
                % {"covered": covered, "total": occupations}
            )
    if without_isco:
        lacks.append(
            _("%(n)s occupations have no ISCO-08 unit group (the built-in data does not say).")
            % {"n": without_isco}
        )
    if derived:
        lacks.append(
            _(
                "%(n)s texts come from the built-in data: their preferred labels were separated from the "
                "description by a heuristic, and alternative labels are only approximate search terms."
            )
            % {"n": derived}
        )
    if "da" not in languages:
        lacks.append(_("No Danish labels: Danish queries rely on the multilingual embeddings."))
    if kinds.get(Kind.SKILL) and not skill_types:
        lacks.append(_("No skill types, reuse levels, collections or skill hierarchy."))
    return {
        "kinds": {k: kinds.get(k, 0) for k in Kind.values},
        "counts": [(label, kinds.get(value, 0)) for value, label in Kind.choices],
        "languages": languages,
        "relations": relations,
        "imports": imports,
        "embeddings": embeddings,
        "lacks": lacks,
        "empty": not kinds,
    }
