"""The demand map: per region and municipality, which occupations and skills are asked for."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from talentbridge.accounts.models import Project
from talentbridge.municipalities.models import Municipality, Region
from talentbridge.taxonomy.models import Concept, Kind

from .. import access
from ..charts import bar_chart_svg
from ..services import demand as service
from ..services import needs
from ..services.concepts import labels, with_texts
from .common import as_of

TOP = 15
CHART_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def _filters(request) -> dict:
    user = request.user
    projects = Project.objects.all() if access.is_all_seeing(user) else access.demand_projects(user)
    project = projects.filter(code=request.GET.get("project") or "").first()
    region = request.GET.get("region") or ""
    municipality = request.GET.get("municipality") or ""
    return {
        "projects": projects,
        "project": project,
        "region": region if Region.objects.filter(code=region).exists() else "",
        "municipality": municipality
        if Municipality.objects.filter(code=municipality).exists()
        else "",
        "as_of": as_of(request),
    }


def isco_labels(codes, language) -> dict[str, str]:
    groups = with_texts(Concept.objects.filter(kind=Kind.ISCO_GROUP, code__in=list(codes)))
    return {g.code: g.label(language) for g in groups}


def _top(counts: dict, names: dict, n: int = TOP) -> list[tuple[str, str, int]]:
    return [(key, names.get(key, key), count) for key, count in list(counts.items())[:n]]


@login_required
def index(request):
    access.require_demand_reader(request.user)
    f = _filters(request)
    language = get_language()
    demand = service.demand_for(request.user, project=f["project"], as_of=f["as_of"])
    selected = service.select(demand, region=f["region"], municipality=f["municipality"])
    area = service.combine(selected.values())
    names = labels([*area["occupations"], *area["skills"]], language)
    groups = isco_labels(area["isco_groups"], language)
    status = needs.survey_status([f["project"]] if f["project"] else f["projects"], f["as_of"])
    rows = []
    top_uris = set()
    for code, entry in sorted(selected.items(), key=lambda kv: -kv[1]["people"]):
        top_uris.update(list(entry["occupations"])[:3])
        rows.append((code, entry, status.get(code)))
    names.update(labels(top_uris - set(names), language))
    unsurveyed = [
        s
        for code, s in status.items()
        if code not in selected and (not f["region"] or s.municipality.region.code == f["region"])
    ]
    query = request.GET.urlencode()
    return render(
        request,
        "employers/demand.html",
        {
            **f,
            "demand": demand,
            "area": area,
            "regions": service.demand_by_region(demand),
            "all_regions": Region.objects.all(),
            "municipalities": Municipality.objects.order_by("name"),
            "rows": [
                (
                    code,
                    entry,
                    st,
                    [(names.get(u, u), n) for u, n in list(entry["occupations"].items())[:3]],
                )
                for code, entry, st in rows
            ],
            "unsurveyed": unsurveyed,
            "top_occupations": _top(area["occupations"], names),
            "top_isco": _top(area["isco_groups"], groups),
            "top_skills": _top(area["skills"], names),
            "query": query,
        },
    )


@login_required
def chart(request):
    """``?kind=occupations|isco|skills|municipalities`` with the page's filters, as SVG."""
    access.require_demand_reader(request.user)
    f = _filters(request)
    language = get_language()
    demand = service.demand_for(request.user, project=f["project"], as_of=f["as_of"])
    selected = service.select(demand, region=f["region"], municipality=f["municipality"])
    area = service.combine(selected.values())
    kind = request.GET.get("kind", "occupations")
    if kind == "municipalities":
        ranked = sorted(selected.values(), key=lambda e: -e["people"])[:20]
        items = [(e["name"], e["from_openings"], e["from_needs"]) for e in ranked]
        svg = bar_chart_svg(
            items,
            title=_("People asked for, by municipality"),
            legend=(_("open places"), _("unmet needs")),
            empty=_("No demand recorded."),
        )
    else:
        if kind == "skills":
            counts, names, title = (
                area["skills"],
                labels(list(area["skills"])[:TOP], language),
                _("Skills in demand (people)"),
            )
        elif kind == "isco":
            counts, names, title = (
                area["isco_groups"],
                isco_labels(list(area["isco_groups"])[:TOP], language),
                _("ISCO-08 groups in demand (people)"),
            )
        else:
            counts, names, title = (
                area["occupations"],
                labels(list(area["occupations"])[:TOP], language),
                _("Occupations in demand (people)"),
            )
        items = [(label, count, 0) for _key, label, count in _top(counts, names)]
        svg = bar_chart_svg(items, title=title, empty=_("No demand recorded."))
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Security-Policy"] = CHART_POLICY
    response["Cache-Control"] = "private, max-age=60"
    return response
