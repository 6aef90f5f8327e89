"""Candidates, personal details, households, consent, the anonymised profile and handover."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Body, Query, Router, Schema
from ninja.responses import Status

from talentbridge.accounts.access import get_project_or_404, has_role
from talentbridge.accounts.models import Organisation, Role
from talentbridge.municipalities.models import Municipality

from .. import consents, handover, registry
from ..models import Candidate, Household
from ..permissions import (
    can_register,
    get_candidate_or_404,
    get_household_or_404,
    household_scope,
    require_personal,
)
from ..profiles import anonymised_profile
from .schemas import (
    CandidateFields,
    CandidateOut,
    ConsentIn,
    ConsentRowOut,
    DuplicateCheckIn,
    DuplicateOut,
    DuplicatesOut,
    HouseholdIn,
    HouseholdOut,
    PersonalOut,
    PersonalPatch,
    RegisterIn,
)

router = Router()


def candidate_out(c: Candidate) -> dict:
    return {
        "reference": c.reference,
        "project": c.project.code,
        "organisation": c.organisation.name,
        "birth_year": c.birth_year,
        "gender": c.gender,
        "nationality": c.nationality,
        "language": c.language,
        "asylum_status": c.asylum_status,
        "asylum_centre": c.asylum_centre.name if c.asylum_centre else None,
        "arrived_on": c.arrived_on,
        "status_since": c.status_since,
        "work_allowed_from": c.work_allowed_from,
        "municipality_code": c.municipality.code if c.municipality else None,
        "household": c.household.reference if c.household else None,
        "left_on": c.left_on,
        "left_reason": c.left_reason,
    }


def household_out(user, h: Household) -> dict:
    return {
        "reference": h.reference,
        "project": h.project.code,
        "size": h.size,
        "needs": h.needs,
        "tie_kind": h.tie_kind,
        "tie_municipality_code": h.tie_municipality.code if h.tie_municipality else None,
        "tie_note": h.tie_note,
        "members": list(registry.household_members(user, h).values_list("reference", flat=True)),
    }


def _municipality(code, field):
    if code in (None, ""):
        return None
    found = Municipality.objects.filter(code=str(code).zfill(4)).first()
    if found is None:
        raise ValidationError({field: f"unknown municipality code {code!r}"})
    return found


def _candidate_data(user, payload: CandidateFields, project) -> dict:
    """API field names → model values (codes and references resolved)."""
    raw = payload.dict(exclude_unset=True)
    data = {k: v for k, v in raw.items() if k in registry.CANDIDATE_FIELDS}
    if "left_reason" in data and data["left_reason"] is None:
        data["left_reason"] = ""
    if "municipality_code" in raw:
        data["municipality"] = _municipality(raw["municipality_code"], "municipality_code")
    if "household_reference" in raw:
        ref = raw["household_reference"]
        data["household"] = None
        if ref:
            household = household_scope(user).filter(reference=ref.upper(), project=project).first()
            if household is None:
                raise ValidationError(
                    {"household_reference": f"no household {ref!r} in the project"}
                )
            data["household"] = household
    if raw.get("asylum_centre_id") is not None:
        centre = Organisation.objects.filter(
            pk=raw["asylum_centre_id"], kind=Organisation.Kind.ASYLUM_CENTRE
        ).first()
        if centre is None:
            raise ValidationError({"asylum_centre_id": "not an asylum centre"})
        data["asylum_centre"] = centre
    elif "asylum_centre_id" in raw:
        data["asylum_centre"] = None
    if raw.get("organisation_id") is not None:
        org = Organisation.objects.filter(pk=raw["organisation_id"], projects=project).first()
        if org is None:
            raise ValidationError({"organisation_id": "not a partner of the project"})
        data["organisation"] = org
    return data


@router.get("/", response=list[CandidateOut], summary="Search candidates in your scope")
def list_candidates(
    request,
    q: str = "",
    nationality: str = "",
    status: str = "",
    centre: int | None = None,
    project: str = "",
    household: str = "",
    limit: int = Query(100, le=500),
    offset: int = 0,
):
    filters = registry.Filters(
        q=q,
        nationality=nationality,
        status=status,
        centre=centre,
        project=project,
        household=household,
    )
    rows = list(
        registry.search(request.auth, filters).select_related("organisation")[
            offset : offset + limit
        ]
    )
    registry.audit_listing(request.auth, rows)
    return [candidate_out(c) for c in rows]


@router.post(
    "/duplicates",
    response=list[DuplicateOut],
    summary="Check for possible duplicates before registering",
)
def check_duplicates(request, payload: DuplicateCheckIn):
    user = request.auth
    if not has_role(user, Role.ASSESSOR):
        raise Http404
    data = payload.dict()
    matches = registry.check_duplicates(
        {"birth_year": data["birth_year"], "nationality": data["nationality"]},
        {k: data[k] for k in ("first_name", "last_name", "date_of_birth", "case_number")},
    )
    return registry.duplicate_report(user, matches)


@router.post("/", response={201: CandidateOut, 409: DuplicatesOut}, summary="Register a candidate")
def register(request, payload: RegisterIn):
    user = request.auth
    project = get_project_or_404(user, payload.project)
    if not can_register(user, project):
        raise Http404
    data = _candidate_data(user, payload, project)
    personal = payload.personal.dict()
    try:
        candidate = registry.register(
            user, project, data, personal, allow_duplicate=payload.allow_duplicate
        )
    except registry.DuplicatesFound as found:
        return Status(
            409,
            {
                "detail": "possible duplicates; repeat with allow_duplicate=true to register anyway",
                "duplicates": registry.duplicate_report(user, found.matches),
            },
        )
    return Status(201, candidate_out(candidate))


# Households (fixed paths before /{reference})


@router.get("/households", response=list[HouseholdOut], summary="Households in your scope")
def list_households(request):
    user = request.auth
    rows = list(household_scope(user).select_related("project", "tie_municipality")[:500])
    registry.audit_household_listing(user, rows)
    return [household_out(user, h) for h in rows]


@router.post("/households", response={201: HouseholdOut}, summary="Create a household")
def create_household(request, payload: HouseholdIn):
    user = request.auth
    if not payload.project:
        raise ValidationError({"project": "required"})
    project = get_project_or_404(user, payload.project)
    data = payload.dict(exclude_unset=True, exclude={"project", "tie_municipality_code"})
    data = {k: ("" if v is None and k != "size" else v) for k, v in data.items()}
    if payload.tie_municipality_code:
        data["tie_municipality"] = _municipality(
            payload.tie_municipality_code, "tie_municipality_code"
        )
    return Status(201, household_out(user, registry.create_household(user, project, data)))


@router.get("/households/{reference}", response=HouseholdOut, summary="One household")
def get_household(request, reference: str):
    household = get_household_or_404(request.auth, reference)
    registry.read_household(request.auth, household)
    return household_out(request.auth, household)


@router.patch("/households/{reference}", response=HouseholdOut, summary="Change a household")
def update_household(request, reference: str, payload: HouseholdIn):
    household = get_household_or_404(request.auth, reference)
    data = payload.dict(exclude_unset=True, exclude={"project", "tie_municipality_code"})
    data = {k: ("" if v is None and k != "size" else v) for k, v in data.items()}
    if "tie_municipality_code" in payload.dict(exclude_unset=True):
        data["tie_municipality"] = _municipality(
            payload.tie_municipality_code, "tie_municipality_code"
        )
    return household_out(request.auth, registry.update_household(request.auth, household, data))


# Handover import (fixed path)


@router.post(
    "/handover",
    response={201: CandidateOut},
    summary="Import a handover file (schema talentbridge.candidate-profile 1.0)",
)
def import_handover(request, project: str, data: Body[dict], allow_duplicate: bool = False):
    target = get_project_or_404(request.auth, project)
    candidate = handover.import_profile(request.auth, data, target, allow_duplicate=allow_duplicate)
    return Status(201, candidate_out(candidate))


# One candidate


@router.get("/{reference}", response=CandidateOut, summary="A candidate's profile (pseudonymous)")
def get_candidate(request, reference: str):
    candidate = get_candidate_or_404(request.auth, reference)
    registry.read_candidate(request.auth, candidate)
    return candidate_out(candidate)


@router.patch("/{reference}", response=CandidateOut, summary="Change a candidate's profile")
def update_candidate(request, reference: str, payload: CandidateFields):
    candidate = get_candidate_or_404(request.auth, reference)
    data = _candidate_data(request.auth, payload, candidate.project)
    return candidate_out(registry.update_candidate(request.auth, candidate, data))


@router.get("/{reference}/personal", response=PersonalOut, summary="Identifying details (audited)")
def get_personal(request, reference: str):
    candidate = get_candidate_or_404(request.auth, reference)
    require_personal(request.auth, candidate)
    details = registry.read_personal(request.auth, candidate)
    if details is None:
        raise Http404
    return {f: getattr(details, f) for f in registry.PERSONAL_FIELDS}


@router.patch("/{reference}/personal", response=PersonalOut, summary="Change identifying details")
def update_personal(request, reference: str, payload: PersonalPatch):
    candidate = get_candidate_or_404(request.auth, reference)
    data = {
        k: ("" if v is None and k != "date_of_birth" else v)
        for k, v in payload.dict(exclude_unset=True).items()
    }
    details = registry.update_personal(request.auth, candidate, data)
    return {f: getattr(details, f) for f in registry.PERSONAL_FIELDS}


class ProfileOut(Schema):
    profile: dict


@router.get(
    "/{reference}/profile",
    response=ProfileOut,
    summary="The anonymised profile, as employers see it",
)
def get_profile(request, reference: str, language: str = "da"):
    candidate = get_candidate_or_404(request.auth, reference)
    registry.read_candidate(request.auth, candidate)
    return {"profile": anonymised_profile(candidate, language=language)}


@router.get(
    "/{reference}/consents",
    response=list[ConsentRowOut],
    summary="The decisions that count now, per purpose",
)
def get_consents(request, reference: str):
    candidate = get_candidate_or_404(request.auth, reference)
    rows = consents.read_overview(
        request.auth, candidate, employers=consents.employer_choices(candidate)
    )
    return [
        {
            "purpose": row.purpose,
            "employer_id": row.employer.pk if row.employer else None,
            "employer": row.employer.name if row.employer else None,
            "given": row.decision.given if row.decision else None,
            "at": row.decision.at if row.decision else None,
            "by_candidate": row.decision.by_candidate if row.decision else None,
            "recorded_by": row.decision.recorded_by.get_username()
            if row.decision and row.decision.recorded_by
            else None,
        }
        for row in rows
    ]


@router.post(
    "/{reference}/consents", response={201: ConsentRowOut}, summary="Record a consent decision"
)
def post_consent(request, reference: str, payload: ConsentIn):
    candidate = get_candidate_or_404(request.auth, reference)
    decision = consents.decide(
        request.auth,
        candidate,
        payload.purpose,
        payload.given,
        employer_id=payload.employer_id,
        note=payload.note,
    )
    return Status(
        201,
        {
            "purpose": decision.purpose,
            "employer_id": decision.employer_id,
            "employer": decision.employer.name if decision.employer else None,
            "given": decision.given,
            "at": decision.at,
            "by_candidate": decision.by_candidate,
            "recorded_by": request.auth.get_username(),
        },
    )


@router.get(
    "/{reference}/handover",
    response=dict,
    summary="Export the handover file (needs the handover consent)",
)
def export_handover(request, reference: str):
    candidate = get_candidate_or_404(request.auth, reference)
    return handover.export_profile(request.auth, candidate)
