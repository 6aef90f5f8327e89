"""The demand map: how many people, in which occupations and skills, each municipality asks for.

:func:`demand_by_municipality` is the one definition of local demand. The demand map page,
its chart, the API, the CLI and the placement model's demand prior all read it. Its shape
is documented in ``docs/employers.md`` ("The demand map").

Counting rule
-------------
Demand at a date ``as_of`` is, per site municipality:

- every **open opening** (status ``open``; its application deadline and end date, if set,
  not before ``as_of``) counts with its capacity (places);
- every **active need** (its ``needed_by``, if set, not before ``as_of``; recorded or last
  confirmed, ``surveyed_on``, on or before ``as_of``) counts with what is still unmet: its
  ``count`` minus the places of the openings linked to it (``Opening.need``) that are open
  or filled. An opening made to answer a need is thus counted once, and a need that has been
  filled stops counting.

``as_of`` judges the records' own dates; it does not rebuild history (status and the
``active`` flag are taken as they are now).

Each counted person adds one to the municipality's ``people``; to its ESCO ``occupations``
(when the occupation is an ESCO occupation), to its ``isco_groups`` (the occupation's ISCO-08
unit group, or the group itself when the need names a group), and to each of its ``skills``
(for openings: essential and optional alike).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q, Sum
from django.http import Http404
from django.utils import timezone

from talentbridge.accounts.models import Project
from talentbridge.municipalities.models import Municipality
from talentbridge.taxonomy.models import Concept, Kind

from .. import access
from ..models import Need, Opening, OpeningSkill
from .concepts import isco_code_of


def _projects(project) -> list[int] | None:
    if project is None:
        return None
    if isinstance(project, Project):
        return [project.pk]
    if isinstance(project, (int, str)):
        lookup = {"pk": project} if str(project).isdigit() else {"code": project}
        return list(Project.objects.filter(**lookup).values_list("pk", flat=True))
    return [p.pk if isinstance(p, Project) else int(p) for p in project]


def counted_openings(projects: list[int] | None, as_of: dt.date):
    qs = Opening.objects.filter(status=Opening.Status.OPEN)
    if projects is not None:
        qs = qs.filter(project__in=projects)
    return qs.filter(
        Q(apply_by__isnull=True) | Q(apply_by__gte=as_of),
        Q(ends_on__isnull=True) | Q(ends_on__gte=as_of),
    )


def counted_needs(projects: list[int] | None, as_of: dt.date):
    qs = Need.objects.filter(active=True)
    if projects is not None:
        qs = qs.filter(project__in=projects)
    return qs.filter(
        Q(needed_by__isnull=True) | Q(needed_by__gte=as_of),
        Q(surveyed_on__isnull=True) | Q(surveyed_on__lte=as_of),
    ).annotate(
        answered=Sum(
            "openings__capacity",
            filter=Q(openings__status__in=[Opening.Status.OPEN, Opening.Status.FILLED]),
            default=0,
        )
    )


def demand_by_municipality(
    project=None, as_of: dt.date | None = None, *, include=("openings", "needs")
) -> dict:
    """Counts of demanded people per municipality, occupation, ISCO-08 group and skill.

    Parameters
    ----------
    project : Project, code, pk, an iterable of them, or None
        Whose needs and openings count; ``None`` counts all projects.
    as_of : date, optional
        The day the demand is counted for (default: today).
    include : tuple of "openings" and/or "needs"
        Count only open places, or only unmet needs (default both).

    Returns
    -------
    dict
        Plain data (JSON-serialisable)::

            {"as_of": "2026-11-24", "projects": ["alpha"] or None,
             "municipalities": {"0751": {"name": "Aarhus", "region": "1082",
                 "people": 7, "from_needs": 4, "from_openings": 3,
                 "occupations": {esco_uri: 5}, "isco_groups": {"7212": 5},
                 "skills": {esco_uri: 6}}}}

        Only municipalities with demand appear. ``people`` is ``from_needs + from_openings``.

    Examples
    --------
    >>> demand = demand_by_municipality("alpha")                      # doctest: +SKIP
    >>> demand["municipalities"]["0657"]["isco_groups"].get("7212", 0)   # doctest: +SKIP
    3
    """
    as_of = as_of or timezone.localdate()
    projects = _projects(project)
    result: dict[str, dict] = {}
    names = {m.pk: m for m in Municipality.objects.select_related("region")}

    def bucket(municipality_id: int) -> dict:
        m = names[municipality_id]
        return result.setdefault(
            m.code,
            {
                "name": m.name,
                "region": m.region.code,
                "people": 0,
                "from_needs": 0,
                "from_openings": 0,
                "occupations": defaultdict(int),
                "isco_groups": defaultdict(int),
                "skills": defaultdict(int),
            },
        )

    def add(entry: dict, weight: int, occupation, skill_uris: Iterable[str], source: str) -> None:
        entry["people"] += weight
        entry[source] += weight
        if occupation is not None:
            if occupation.kind == Kind.OCCUPATION:
                entry["occupations"][occupation.uri] += weight
            code = isco_code_of(occupation)
            if code:
                entry["isco_groups"][code] += weight
        for uri in skill_uris:
            entry["skills"][uri] += weight

    unknown = set(include) - {"openings", "needs"}
    if unknown:
        raise ValueError(
            f"include: unknown source(s) {sorted(unknown)}; use 'openings' and/or 'needs'"
        )
    openings = (
        counted_openings(projects, as_of) if "openings" in include else Opening.objects.none()
    )
    opening_skills = defaultdict(list)
    for opening_id, uri in OpeningSkill.objects.filter(
        opening__in=openings.values("pk")
    ).values_list("opening_id", "skill__uri"):
        opening_skills[opening_id].append(uri)

    needs = (
        counted_needs(projects, as_of)
        if "needs" in include
        else counted_needs(projects, as_of).none()
    )
    need_skills = defaultdict(list)
    for need_id, uri in Need.skills.through.objects.filter(need__in=needs.values("pk")).values_list(
        "need_id", "concept__uri"
    ):
        need_skills[need_id].append(uri)

    # Plain rows, not model instances (a large programme has tens of thousands of openings
    # and needs), and each occupation loaded once.
    opening_rows = list(
        openings.values_list("pk", "site__municipality_id", "capacity", "occupation_id")
    )
    need_rows = list(
        needs.values_list("pk", "site__municipality_id", "count", "answered", "occupation_id")
    )
    occupations = Concept.objects.only("kind", "uri", "isco_code", "code").in_bulk(
        {row[-1] for row in opening_rows + need_rows if row[-1] is not None}
    )
    for pk, municipality_id, capacity, occupation_id in opening_rows:
        add(
            bucket(municipality_id),
            capacity,
            occupations.get(occupation_id),
            opening_skills[pk],
            "from_openings",
        )
    for pk, municipality_id, count, answered, occupation_id in need_rows:
        unmet = max(0, count - (answered or 0))
        if unmet:
            add(
                bucket(municipality_id),
                unmet,
                occupations.get(occupation_id),
                need_skills[pk],
                "from_needs",
            )

    for entry in result.values():
        for key in ("occupations", "isco_groups", "skills"):
            entry[key] = dict(sorted(entry[key].items(), key=lambda kv: (-kv[1], kv[0])))
    codes = None
    if projects is not None:
        codes = list(
            Project.objects.filter(pk__in=projects).order_by("code").values_list("code", flat=True)
        )
    return {
        "as_of": as_of.isoformat(),
        "projects": codes,
        "municipalities": dict(sorted(result.items())),
    }


def demand_by_region(demand: dict) -> dict[str, dict]:
    """Sum a :func:`demand_by_municipality` result per region code (same inner shape, plus ``name``)."""
    from talentbridge.municipalities.models import Region

    regions = {r.code: r.name for r in Region.objects.all()}
    result: dict[str, dict] = {}
    for entry in demand["municipalities"].values():
        r = result.setdefault(
            entry["region"],
            {
                "name": regions.get(entry["region"], entry["region"]),
                "people": 0,
                "from_needs": 0,
                "from_openings": 0,
                "occupations": {},
                "isco_groups": {},
                "skills": {},
                "municipalities": 0,
            },
        )
        r["municipalities"] += 1
        for key in ("people", "from_needs", "from_openings"):
            r[key] += entry[key]
        for key in ("occupations", "isco_groups", "skills"):
            for k, v in entry[key].items():
                r[key][k] = r[key].get(k, 0) + v
    for r in result.values():
        for key in ("occupations", "isco_groups", "skills"):
            r[key] = dict(sorted(r[key].items(), key=lambda kv: (-kv[1], kv[0])))
    return dict(sorted(result.items()))


def demand_for(user, *, project=None, as_of: dt.date | None = None) -> dict:
    """The demand map as ``user`` may see it: their projects (or one of them, ``project``)."""
    access.require_demand_reader(user)
    if access.is_all_seeing(user):
        allowed = Project.objects.all()
    else:
        allowed = access.demand_projects(user)
    if project not in (None, ""):
        key = project.pk if isinstance(project, Project) else project
        lookup = {"pk": key} if str(key).isdigit() else {"code": key}
        chosen = list(allowed.filter(**lookup))
        if not chosen:
            raise Http404
    else:
        chosen = list(allowed)
    return demand_by_municipality(chosen, as_of)


def combine(entries: Iterable[dict]) -> dict:
    """Sum several municipality (or region) entries into one: the demand of an area."""
    total = {
        "people": 0,
        "from_needs": 0,
        "from_openings": 0,
        "occupations": {},
        "isco_groups": {},
        "skills": {},
    }
    for entry in entries:
        for key in ("people", "from_needs", "from_openings"):
            total[key] += entry[key]
        for key in ("occupations", "isco_groups", "skills"):
            for k, v in entry[key].items():
                total[key][k] = total[key].get(k, 0) + v
    for key in ("occupations", "isco_groups", "skills"):
        total[key] = dict(sorted(total[key].items(), key=lambda kv: (-kv[1], kv[0])))
    return total


def select(
    demand: dict, *, region: str | None = None, municipality: str | None = None
) -> dict[str, dict]:
    """The municipality entries of one region or one municipality (all when neither is given)."""
    rows = demand["municipalities"]
    if municipality:
        return {code: e for code, e in rows.items() if code == municipality}
    if region:
        return {code: e for code, e in rows.items() if e["region"] == region}
    return dict(rows)
