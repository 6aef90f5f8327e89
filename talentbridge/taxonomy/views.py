"""Taxonomy pages: what is loaded and a search (index), and one concept (detail)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from . import services
from .models import Concept, Kind


@login_required
def index(request):
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("kind", "occupations")
    if kind not in ("occupations", "skills"):
        kind = "occupations"
    lang = get_language() or "da"
    results = []
    if query:
        positions = {r["uri"]: r for r in services.suggest(kind, query, lang=lang, top=20)}
        ids = dict(Concept.objects.filter(uri__in=positions).values_list("uri", "id"))
        results = [dict(r, id=ids.get(uri)) for uri, r in positions.items()]
    return render(
        request,
        "taxonomy/index.html",
        {"summary": services.summary(), "query": query, "kind": kind, "results": results},
    )


@login_required
def concept(request, pk: int):
    item = services.get_concept(pk)
    lang = get_language() or "da"
    texts = sorted(
        item.texts.all(), key=lambda t: (t.language != lang, t.language != "en", t.language)
    )
    context = {
        "concept": item,
        "texts": texts,
        "label": item.label(lang),
        "isco_group": services.isco_group_of(item),
    }
    if item.kind == Kind.OCCUPATION:
        context["skills"] = services.occupation_skills(item)
        context["relations_loaded"] = services.has_relations()
    elif item.kind == Kind.SKILL:
        context["occupations"] = services.occupations_requiring(item)
    context["broader"] = list(item.broader.prefetch_related("texts"))
    context["narrower"] = list(item.narrower.prefetch_related("texts")[:100])
    return render(request, "taxonomy/concept.html", context)


@login_required
def concept_lookup(request):
    """``?uri=…``: the concept page of an ESCO URI (used when a suggestion is chosen)."""
    item = services.get_concept(request.GET.get("uri", ""))
    return redirect("taxonomy:concept", pk=item.pk)
