"""Openings: the concrete places companies offer, with their requirements and lifecycle.

Kinds: company internship (virksomhedspraktik), IGU place, wage-subsidy job, ordinary job,
education place or apprenticeship. Lifecycle: draft → open → filled → closed (see
``Opening.TRANSITIONS``). Business consultants manage the openings of their projects;
employer users those of their own company.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from talentbridge.taxonomy.models import Concept

from .. import access
from ..models import Need, Opening, OpeningSkill, Site
from .common import Action, apply_fields, plain, record
from .concepts import resolve_occupation, resolve_skills

OPENING_FIELDS = (
    "kind",
    "title",
    "description",
    "occupation",
    "capacity",
    "starts_on",
    "ends_on",
    "apply_by",
    "hours_per_week",
    "danish_min",
    "danish_hard",
    "english_min",
    "english_hard",
    "driving_licence",
    "driving_licence_hard",
    "source_url",
    "external_ref",
)


def list_openings(
    user, *, project=None, status=None, kind=None, employer=None, municipality=None, query: str = ""
) -> QuerySet[Opening]:
    qs = access.openings_for(user)
    if project is not None:
        qs = qs.filter(project=project)
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if employer is not None:
        qs = qs.filter(site__employer=employer)
    if municipality is not None:
        qs = qs.filter(site__municipality=municipality)
    if query:
        qs = qs.filter(title__icontains=query.strip())
    return qs.select_related(
        "site__employer", "site__municipality", "occupation", "project"
    ).prefetch_related("occupation__texts")


def _site(user, site) -> Site:
    """A site the user may put openings on. Someone with no such site at all gets 404 (they
    learn nothing); a user with sites who picks another one gets an error on the field."""
    if not access.sites_for(user, edit=True).exists():
        raise Http404
    pk = site.pk if isinstance(site, Site) else site
    try:
        return (
            access.sites_for(user, edit=True).select_related("employer", "municipality").get(pk=pk)
        )
    except (Site.DoesNotExist, ValueError, TypeError):
        raise ValidationError({"site": _("Choose a site of a company you work with.")}) from None


def _need(need, site: Site) -> Need | None:
    if need in (None, ""):
        return None
    pk = need.pk if isinstance(need, Need) else need
    found = Need.objects.filter(pk=pk, site__employer=site.employer_id).first()
    if found is None:
        raise ValidationError({"need": _("The need belongs to another company.")})
    return found


def _prepare(data: dict) -> dict:
    data = dict(data)
    if "occupation" in data:
        data["occupation"] = resolve_occupation(data["occupation"])
    if "driving_licence" in data and data["driving_licence"]:
        data["driving_licence"] = str(data["driving_licence"]).strip().upper()
    return data


@transaction.atomic
def create_opening(user, site, data: dict, *, project=None) -> Opening:
    """Create an opening at ``site``. ``data`` may hold ``essential_skills`` and
    ``optional_skills`` (lists of URIs) and ``status`` (draft or open)."""
    site = _site(user, site)
    data = _prepare(data)
    chosen = access.project_for_write(user, project or data.pop("project", None), site.employer)
    opening = Opening(
        project=chosen, site=site, created_by=user if getattr(user, "pk", None) else None
    )
    apply_fields(opening, data, OPENING_FIELDS)
    opening.need = _need(data.get("need"), site)
    status = data.get("status") or Opening.Status.DRAFT
    if status not in (Opening.Status.DRAFT, Opening.Status.OPEN):
        raise ValidationError({"status": _("A new opening is a draft or open.")})
    opening.status = status
    essential, optional = _skills(data)
    opening.full_clean()
    opening.save()
    _replace_skills(opening, essential, optional)
    record(user, Action.CREATE, opening, site=site.pk, kind=opening.kind, status=opening.status)
    return opening


def _skills(data: dict) -> tuple[list | None, list | None]:
    essential = (
        resolve_skills(data["essential_skills"], "essential_skills")
        if "essential_skills" in data
        else None
    )
    optional = (
        resolve_skills(data["optional_skills"], "optional_skills")
        if "optional_skills" in data
        else None
    )
    return essential, optional


def _replace_skills(opening: Opening, essential, optional) -> dict:
    """Replace the skills of one or both kinds; a skill in both lists is essential."""
    changes = {}
    current = {s.skill.uri: s.essential for s in opening.skills.select_related("skill")}
    wanted = dict(current)
    if optional is not None:
        wanted = {uri: ess for uri, ess in wanted.items() if ess}
        wanted.update({c.uri: False for c in optional if c.uri not in wanted})
    if essential is not None:
        wanted = {uri: ess for uri, ess in wanted.items() if not ess}
        wanted.update({c.uri: True for c in essential})
    if wanted == current:
        return changes
    for name, flag in (("essential_skills", True), ("optional_skills", False)):
        before = sorted(u for u, e in current.items() if e == flag)
        after = sorted(u for u, e in wanted.items() if e == flag)
        if before != after:
            changes[name] = (before, after)
    concepts = {c.uri: c for c in (essential or []) + (optional or [])}
    missing = [uri for uri in wanted if uri not in concepts]
    if missing:
        concepts.update({c.uri: c for c in Concept.objects.filter(uri__in=missing)})
    opening.skills.all().delete()
    OpeningSkill.objects.bulk_create(
        OpeningSkill(opening=opening, skill=concepts[uri], essential=ess)
        for uri, ess in wanted.items()
    )
    return changes


@transaction.atomic
def update_opening(user, opening: Opening, data: dict) -> dict:
    """Change an opening's fields (not its status: see :func:`move_opening`)."""
    opening = access.get_opening_or_404(user, opening.pk, edit=True)
    data = _prepare(data)
    changes = apply_fields(opening, data, OPENING_FIELDS)
    if "site" in data and data["site"] not in (None, ""):
        site = _site(user, data["site"])
        if site.employer_id != opening.site.employer_id:
            raise ValidationError({"site": _("Choose a site of the same company.")})
        if site.pk != opening.site_id:
            changes["site"] = (opening.site_id, site.pk)
            opening.site = site
    if "need" in data:
        need = _need(data["need"], opening.site)
        if getattr(need, "pk", None) != opening.need_id:
            changes["need"] = (opening.need_id, plain(need))
            opening.need = need
    essential, optional = _skills(data)
    if changes:
        opening.full_clean()
        opening.save()
    changes.update(_replace_skills(opening, essential, optional))
    if changes:
        record(user, Action.UPDATE, opening, changes=changes)
    return changes


@transaction.atomic
def move_opening(user, opening: Opening, status: str) -> Opening:
    """Move an opening along its lifecycle (draft → open → filled → closed)."""
    opening = access.get_opening_or_404(user, opening.pk, edit=True)
    if status not in Opening.Status.values:
        raise ValidationError({"status": _("Unknown status %(value)r.") % {"value": status}})
    if status == opening.status:
        return opening
    if not opening.can_move_to(status):
        raise ValidationError(
            {
                "status": _("An opening cannot move from %(old)s to %(new)s.")
                % {"old": opening.get_status_display(), "new": Opening.Status(status).label}
            }
        )
    old = opening.status
    opening.status = status
    opening.save(update_fields=["status", "updated_at"])
    record(user, Action.UPDATE, opening, changes={"status": (old, status)})
    return opening


def skills_of(opening: Opening) -> tuple[list, list]:
    """(essential, optional) skill concepts of an opening, with their texts."""
    rows = opening.skills.select_related("skill").prefetch_related("skill__texts")
    essential = [r.skill for r in rows if r.essential]
    optional = [r.skill for r in rows if not r.essential]
    return essential, optional


def sites_for_openings(user) -> QuerySet[Site]:
    return (
        access.sites_for(user, edit=True)
        .select_related("employer", "municipality")
        .order_by("employer__name", "name")
    )


def get_opening(user, pk, *, edit: bool = False) -> Opening:
    return access.get_opening_or_404(user, pk, edit=edit)
