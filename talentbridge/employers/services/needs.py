"""Needs: what each site lacks (the business-needs survey), and keeping the survey current.

The survey is done once per municipality (``MunicipalitySurvey`` kind "survey") and then
reviewed (kind "review"); each need carries the date it was last confirmed with the
company (``surveyed_on``). A need is *stale* when that date is older than the project's
``stale_after_days`` (default 180) or when its ``needed_by`` date has passed while it is
still active: the consultant should confirm, change or close it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from talentbridge.accounts.models import Project
from talentbridge.municipalities.models import Municipality

from .. import access
from ..models import MunicipalitySurvey, Need, Site
from .common import Action, apply_fields, record, resolve_municipality
from .concepts import resolve_occupation, resolve_skills

NEED_FIELDS = (
    "title",
    "occupation",
    "count",
    "needed_by",
    "urgency",
    "surveyed_on",
    "active",
    "note",
)
DEFAULT_STALE_AFTER_DAYS = 180


def stale_after_days(project: Project | None) -> int:
    """Per project in ``Project.settings["employers"]["stale_after_days"]``."""
    if project is None:
        return DEFAULT_STALE_AFTER_DAYS
    return int(
        (project.settings or {})
        .get("employers", {})
        .get("stale_after_days", DEFAULT_STALE_AFTER_DAYS)
    )


def is_stale(need: Need, today: dt.date | None = None, days: int | None = None) -> bool:
    if not need.active:
        return False
    today = today or timezone.localdate()
    days = stale_after_days(need.project) if days is None else days
    return _stale(need.needed_by, need.surveyed_on, need.created_at, today, days)


def _stale(needed_by, surveyed_on, created_at, today: dt.date, days: int) -> bool:
    """An active need is stale when its date has passed or nobody confirmed it for ``days``."""
    if needed_by and needed_by < today:
        return True
    confirmed = surveyed_on or (created_at.date() if created_at else None)
    return confirmed is None or (today - confirmed).days > days


def stale_filter(today: dt.date, days: int) -> Q:
    cutoff = today - dt.timedelta(days=days)
    return Q(active=True) & (
        Q(needed_by__lt=today)
        | Q(surveyed_on__lt=cutoff)
        | Q(surveyed_on__isnull=True, created_at__date__lt=cutoff)
        | Q(surveyed_on__isnull=True, created_at__isnull=True)
    )


def list_needs(
    user,
    *,
    project: Project | None = None,
    municipality: Municipality | None = None,
    employer=None,
    active: bool | None = True,
    stale: bool = False,
    today: dt.date | None = None,
) -> QuerySet[Need]:
    qs = access.needs_for(user)
    if project is not None:
        qs = qs.filter(project=project)
    if municipality is not None:
        qs = qs.filter(site__municipality=municipality)
    if employer is not None:
        qs = qs.filter(site__employer=employer)
    if active is not None:
        qs = qs.filter(active=active)
    if stale:
        qs = qs.filter(stale_filter(today or timezone.localdate(), stale_after_days(project)))
    return qs.select_related(
        "site__employer", "site__municipality", "occupation", "project"
    ).prefetch_related("skills", "occupation__texts", "skills__texts")


def _need_data(data: dict) -> dict:
    data = dict(data)
    if "occupation" in data:
        data["occupation"] = resolve_occupation(data["occupation"])
    return data


def _check(need: Need, skills) -> None:
    if not need.occupation_id and not skills and not need.title:
        raise ValidationError(
            {"occupation": _("Say what is lacking: an occupation, skills or a description.")}
        )


@transaction.atomic
def create_need(user, site: Site, data: dict, *, project=None) -> Need:
    site = _site_for_needs(user, site)
    data = _need_data(data)
    chosen = access.project_for_write(user, project or data.pop("project", None), site.employer)
    need = Need(site=site, project=chosen, created_by=user if getattr(user, "pk", None) else None)
    data.setdefault("surveyed_on", timezone.localdate())
    apply_fields(need, data, NEED_FIELDS)
    skills = resolve_skills(data.get("skills") or [])
    _check(need, skills)
    need.full_clean(exclude=["skills"])
    need.save()
    need.skills.set(skills)
    record(user, Action.CREATE, need, site=site.pk, count=need.count)
    return need


def _site_for_needs(user, site: Site) -> Site:
    """Needs are recorded by consultants, on sites of companies in their register."""
    try:
        return Site.objects.select_related("employer").get(
            pk=site.pk, employer__in=access.register_employers(user, edit=True).values("pk")
        )
    except Site.DoesNotExist:
        raise Http404 from None


def get_need_or_404(user, pk, *, edit: bool = False) -> Need:
    try:
        return (
            access.needs_for(user, edit=edit).select_related("site__employer", "project").get(pk=pk)
        )
    except (Need.DoesNotExist, ValueError):
        raise Http404 from None


@transaction.atomic
def update_need(user, need: Need, data: dict) -> dict:
    need = get_need_or_404(user, need.pk, edit=True)
    data = _need_data(data)
    changes = apply_fields(need, data, NEED_FIELDS)
    skills = None
    if "skills" in data:
        skills = resolve_skills(data["skills"] or [])
        before = sorted(need.skills.values_list("uri", flat=True))
        after = sorted(s.uri for s in skills)
        if before != after:
            changes["skills"] = (before, after)
    if changes:
        _check(need, skills if skills is not None else list(need.skills.all()))
        need.full_clean(exclude=["skills"])
        need.save()
        if skills is not None:
            need.skills.set(skills)
        record(user, Action.UPDATE, need, changes=changes)
    return changes


def confirm_need(user, need: Need, on: dt.date | None = None) -> dict:
    """The company confirms the need still stands: it is current again."""
    return update_need(user, need, {"surveyed_on": on or timezone.localdate(), "active": True})


def close_need(user, need: Need) -> dict:
    return update_need(user, need, {"active": False})


# The survey per municipality -------------------------------------------------------------------


@transaction.atomic
def record_survey(
    user, project, municipality, *, on: dt.date | None = None, note: str = ""
) -> MunicipalitySurvey:
    """Record that the municipality's businesses were surveyed (first time) or reviewed (later)."""
    chosen = access.project_for_write(user, project)
    municipality = resolve_municipality(municipality)
    earlier = MunicipalitySurvey.objects.filter(project=chosen, municipality=municipality).exists()
    survey = MunicipalitySurvey.objects.create(
        project=chosen,
        municipality=municipality,
        surveyed_on=on or timezone.localdate(),
        kind="review" if earlier else "survey",
        consultant=user if getattr(user, "pk", None) else None,
        note=note,
    )
    record(user, Action.CREATE, survey, municipality=municipality.code, kind=survey.kind)
    return survey


@dataclass
class SurveyStatus:
    municipality: Municipality
    first_surveyed_on: dt.date | None = None
    last_reviewed_on: dt.date | None = None
    sites: int = 0
    active_needs: int = 0
    stale_needs: int = 0
    projects: set = field(default_factory=set)


def survey_status(projects, today: dt.date | None = None) -> dict[str, SurveyStatus]:
    """Per municipality (code) with sites or surveys in ``projects``: survey dates and stale needs."""
    today = today or timezone.localdate()
    projects = list(projects)
    result: dict[str, SurveyStatus] = {}

    def entry(m: Municipality) -> SurveyStatus:
        return result.setdefault(m.code, SurveyStatus(municipality=m))

    surveys = MunicipalitySurvey.objects.filter(project__in=projects).select_related("municipality")
    for s in surveys.order_by("surveyed_on"):
        e = entry(s.municipality)
        e.first_surveyed_on = e.first_surveyed_on or s.surveyed_on
        e.last_reviewed_on = s.surveyed_on
    # Counted from plain rows: a large programme has tens of thousands of sites and needs.
    municipalities = {m.pk: m for m in Municipality.objects.all()}
    sites = (
        Site.objects.filter(employer__projects__in=projects)
        .values("municipality_id")
        .annotate(n=Count("pk", distinct=True))
    )
    for row in sites:
        entry(municipalities[row["municipality_id"]]).sites += row["n"]
    rows = Need.objects.filter(project__in=projects, active=True).values_list(
        "site__municipality_id", "project_id", "needed_by", "surveyed_on", "created_at"
    )
    days = {p.pk: stale_after_days(p) for p in Project.objects.filter(pk__in=_pks(projects))}
    for municipality_id, project_id, needed_by, surveyed_on, created_at in rows:
        e = entry(municipalities[municipality_id])
        e.active_needs += 1
        limit = days.get(project_id, DEFAULT_STALE_AFTER_DAYS)
        e.stale_needs += _stale(needed_by, surveyed_on, created_at, today, limit)
    return dict(sorted(result.items()))


def _pks(projects) -> list:
    return [getattr(p, "pk", p) for p in projects]
