"""Register, change, find and read candidates and their households.

Every function takes the acting user first, checks the right through ``permissions`` and
audits what it reads or changes. Input is a plain dict (from a form, the API or a file);
invalid input raises ``ValidationError`` naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404

from talentbridge.accounts.access import has_role, is_administrator, projects_for
from talentbridge.accounts.models import Organisation, Role
from talentbridge.privacy import audit

from .countries import is_country
from .duplicates import DuplicateMatch, find_duplicates, normalise_case_number
from .models import Candidate, Household, PersonalDetails
from .permissions import (
    can_read_personal,
    can_register,
    candidate_scope,
    require_edit,
    require_personal,
)

A = audit.AuditEvent.Action

CANDIDATE_FIELDS = (
    "organisation",
    "household",
    "birth_year",
    "gender",
    "nationality",
    "language",
    "asylum_centre",
    "asylum_status",
    "arrived_on",
    "status_since",
    "work_allowed_from",
    "municipality",
    "left_on",
    "left_reason",
)
PERSONAL_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "phone",
    "email",
    "address",
    "case_number",
)
HOUSEHOLD_FIELDS = ("size", "needs", "tie_kind", "tie_municipality", "tie_note")


class DuplicatesFound(Exception):
    """Registration stopped: these candidates may be the same person. Confirm to go on."""

    def __init__(self, matches: list[DuplicateMatch]):
        super().__init__(f"{len(matches)} possible duplicate(s)")
        self.matches = matches


@dataclass
class Filters:
    q: str = ""
    nationality: str = ""
    status: str = ""
    centre: int | None = None
    project: str = ""
    household: str = ""
    active: bool | None = None


def search(user, filters: Filters | None = None) -> QuerySet[Candidate]:
    """Candidates in the user's scope matching the filters; ``q`` matches the reference, and
    the name for users who may read names (assessors in their own projects)."""
    f = filters or Filters()
    qs = candidate_scope(user).select_related(
        "project", "asylum_centre", "municipality", "household"
    )
    if f.q:
        term = f.q.strip()
        by_name = Q()
        if is_administrator(user) or has_role(user, Role.ASSESSOR):
            name_projects = (
                Q()
                if is_administrator(user)
                else Q(project__in=projects_for(user, roles=[Role.ASSESSOR]))
            )
            parts = term.split()
            name_q = Q()
            for part in parts:
                name_q &= Q(personal__first_name__icontains=part) | Q(
                    personal__last_name__icontains=part
                )
            by_name = name_q & name_projects
        qs = qs.filter(Q(reference__icontains=term) | by_name)
    if f.nationality:
        qs = qs.filter(nationality=f.nationality.upper())
    if f.status:
        qs = qs.filter(asylum_status=f.status)
    if f.centre:
        qs = qs.filter(asylum_centre_id=f.centre)
    if f.project:
        qs = qs.filter(project__code=f.project)
    if f.household:
        qs = qs.filter(household__reference=f.household.upper())
    if f.active is not None:
        qs = qs.filter(left_on__isnull=f.active)
    return qs.order_by("reference").distinct()


def audit_listing(user, candidates) -> None:
    audit.record_many(user, A.READ, list(candidates), detail={"list": True})


def read_candidate(user, candidate: Candidate) -> Candidate:
    audit.record(user, A.READ, candidate)
    return candidate


def read_personal(user, candidate: Candidate) -> PersonalDetails | None:
    """The identifying details, for those who may read them; the read is audited."""
    require_personal(user, candidate)
    details = PersonalDetails.objects.filter(candidate=candidate).first()
    if details is not None:
        audit.record(user, A.READ, details)
    return details


def personal_or_none(user, candidate: Candidate) -> PersonalDetails | None:
    return read_personal(user, candidate) if can_read_personal(user, candidate) else None


def _clean_candidate_data(data: dict) -> dict:
    data = {k: v for k, v in data.items() if k in CANDIDATE_FIELDS}
    if "nationality" in data:
        data["nationality"] = (data["nationality"] or "").strip().upper()
        if not is_country(data["nationality"]):
            raise ValidationError(
                {"nationality": "Not an ISO 3166-1 alpha-2 country code (XX for stateless)."}
            )
    return data


def _check_links(candidate: Candidate) -> None:
    if candidate.household_id and candidate.household.project_id != candidate.project_id:
        raise ValidationError({"household": "The household belongs to another project."})
    if (
        candidate.organisation_id
        and not candidate.organisation.projects.filter(pk=candidate.project_id).exists()
    ):
        raise ValidationError({"organisation": "The organisation is not a partner of the project."})
    centre = candidate.asylum_centre
    if centre is not None and centre.kind != Organisation.Kind.ASYLUM_CENTRE:
        raise ValidationError({"asylum_centre": "Not an asylum centre."})


def _personal(details: PersonalDetails, data: dict) -> PersonalDetails:
    for name in PERSONAL_FIELDS:
        if name in data:
            value = data[name]
            if name == "case_number":
                value = normalise_case_number(value or "")
            setattr(details, name, value if value is not None or name == "date_of_birth" else "")
    return details


def check_duplicates(
    candidate_data: dict, personal: dict, exclude_pk: int | None = None
) -> list[DuplicateMatch]:
    return find_duplicates(
        first_name=personal.get("first_name", ""),
        last_name=personal.get("last_name", ""),
        birth_year=candidate_data.get("birth_year"),
        nationality=candidate_data.get("nationality", ""),
        date_of_birth=personal.get("date_of_birth"),
        case_number=personal.get("case_number", ""),
        exclude_pk=exclude_pk,
    )


def duplicate_report(user, matches: list[DuplicateMatch]) -> list[dict]:
    """What the assessor may be told about each possible duplicate (audited as a read)."""
    visible = set(
        candidate_scope(user)
        .filter(pk__in=[m.candidate.pk for m in matches])
        .values_list("pk", flat=True)
    )
    for match in matches:
        audit.record(user, A.READ, match.candidate, detail={"duplicate_check": match.reasons})
    return [m.as_dict(full=m.candidate.pk in visible) for m in matches]


@transaction.atomic
def register(
    user, project, candidate_data: dict, personal: dict, *, allow_duplicate: bool = False
) -> Candidate:
    """Create a candidate with their identifying details kept apart.

    Raises :class:`DuplicatesFound` when the person may already be registered, unless the
    assessor confirmed with ``allow_duplicate``.
    """
    if not can_register(user, project):
        raise Http404
    data = _clean_candidate_data(candidate_data)
    if not data.get("organisation"):
        data["organisation"] = _default_organisation(user, project)
    candidate = Candidate(project=project, **data)
    candidate.full_clean(exclude=["reference"])
    _check_links(candidate)
    details = _personal(PersonalDetails(candidate=candidate), personal)
    details.full_clean(exclude=["candidate"])
    if not allow_duplicate:
        matches = check_duplicates(data, {**personal, "case_number": details.case_number})
        if matches:
            raise DuplicatesFound(matches)
    candidate.save()
    details.candidate = candidate
    details.save()
    audit.record(user, A.CREATE, candidate)
    audit.record(user, A.CREATE, details)
    return candidate


def _default_organisation(user, project) -> Organisation:
    orgs = Organisation.objects.filter(
        projects=project, memberships__user=getattr(user, "pk", None)
    ).distinct()
    org = (
        orgs.first()
        or Organisation.objects.filter(projects=project, kind=Organisation.Kind.NGO).first()
    )
    if org is None:
        raise ValidationError({"organisation": "Name the responsible organisation."})
    return org


@transaction.atomic
def update_candidate(user, candidate: Candidate, candidate_data: dict) -> Candidate:
    require_edit(user, candidate)
    data = _clean_candidate_data(candidate_data)
    changed = sorted(k for k, v in data.items() if getattr(candidate, k) != v)
    for key, value in data.items():
        setattr(candidate, key, value)
    candidate.full_clean()
    _check_links(candidate)
    candidate.save()
    audit.record(user, A.UPDATE, candidate, detail={"fields": changed})
    return candidate


@transaction.atomic
def update_personal(user, candidate: Candidate, personal: dict) -> PersonalDetails:
    require_edit(user, candidate)
    details = PersonalDetails.objects.filter(candidate=candidate).first() or PersonalDetails(
        candidate=candidate
    )
    before = {k: getattr(details, k) for k in PERSONAL_FIELDS}
    _personal(details, personal)
    details.full_clean(exclude=["candidate"])
    details.save()
    changed = sorted(k for k in PERSONAL_FIELDS if getattr(details, k) != before[k])
    audit.record(user, A.UPDATE, details, detail={"fields": changed})
    return details


# Households


def _clean_household(data: dict) -> dict:
    return {k: v for k, v in data.items() if k in HOUSEHOLD_FIELDS}


@transaction.atomic
def create_household(user, project, data: dict) -> Household:
    if not can_register(user, project):
        raise Http404
    household = Household(project=project, **_clean_household(data))
    household.full_clean(exclude=["reference"])
    household.save()
    audit.record(user, A.CREATE, household, project_id=project.pk)
    return household


@transaction.atomic
def update_household(user, household: Household, data: dict) -> Household:
    if not can_register(user, household.project):
        raise PermissionDenied("Only the project's assessors may change this household.")
    for key, value in _clean_household(data).items():
        setattr(household, key, value)
    household.full_clean()
    household.save()
    audit.record(user, A.UPDATE, household, project_id=household.project_id)
    return household


def audit_household_listing(user, households) -> None:
    """A list of households shows their needs and tie notes: one read event per household."""
    audit.record_many(user, A.READ, list(households), detail={"list": True})


def read_household(user, household: Household) -> Household:
    audit.record(user, A.READ, household, project_id=household.project_id)
    return household


def household_members(user, household: Household) -> QuerySet[Candidate]:
    return candidate_scope(user).filter(household=household).order_by("reference")
