"""Assessment versions, sections, sign-off, ESCO skill offers, and the competence card PDF."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpResponse
from django.utils.translation import get_language
from ninja import Router, Schema
from ninja.responses import Status

from .. import assessment_data, assessments
from .. import card as card_service
from ..models import Assessment
from ..permissions import get_candidate_or_404

router = Router()


class VersionOut(Schema):
    version: int
    status: str
    assessor: str | None
    interpreter_language: str
    signed_off_at: dt.datetime | None
    signed_off_by: str | None
    updated_at: dt.datetime


class AssessmentPatch(Schema):
    interpreter_language: str | None = None
    assessed_on: dt.date | None = None
    personal_situation: str | None = None
    wants_job: bool | None = None
    wants_education: bool | None = None
    wants_danish_lessons: bool | None = None
    wants_self_employment: bool | None = None
    preferred_sectors: list[str] | None = None
    preferred_occupations: list[str] | None = None
    willing_to_move: bool | None = None
    max_distance_km: int | None = None
    expectations_note: str | None = None
    digital_level: str | None = None
    digital_note: str | None = None
    driving_licences: list[str] | None = None
    appraisal: str | None = None
    next_steps: str | None = None


class EntryIn(Schema):
    """Fields of one section entry; which apply depends on the section (see the docs)."""

    isced_level: int | None = None
    isced_field: str | None = None
    title: str | None = None
    country: str | None = None
    years: float | None = None
    completed: bool | None = None
    documents_held: bool | None = None
    recognition: str | None = None
    occupation_uri: str | None = None
    last_year: int | None = None
    tasks: str | None = None
    skill_uri: str | None = None
    level: int | None = None
    evidence: int | None = None
    note: str | None = None
    language: str | None = None
    mother_tongue: bool | None = None
    self_understanding: str | None = None
    self_speaking: str | None = None
    self_writing: str | None = None
    tested_understanding: str | None = None
    tested_speaking: str | None = None
    tested_writing: str | None = None
    name: str | None = None
    issuer: str | None = None
    year: int | None = None


class EntryOut(Schema):
    id: int
    section: str


class OfferOut(Schema):
    occupation_uri: str
    occupation: str
    essential: list[dict]
    optional: list[dict]


def _candidate(request, reference):
    return get_candidate_or_404(request.auth, reference)


def _blank_none(data: dict) -> dict:
    keep_none = {
        "years",
        "year",
        "last_year",
        "isced_level",
        "assessed_on",
        "max_distance_km",
        "level",
        "evidence",
    }
    return {k: ("" if v is None and k not in keep_none else v) for k, v in data.items()}


@router.get("/{reference}/assessments", response=list[VersionOut], summary="All versions (history)")
def list_versions(request, reference: str):
    candidate = _candidate(request, reference)
    return [
        {
            "version": a.version,
            "status": a.status,
            "assessor": a.assessor.get_username() if a.assessor else None,
            "interpreter_language": a.interpreter_language,
            "signed_off_at": a.signed_off_at,
            "signed_off_by": a.signed_off_by.get_username() if a.signed_off_by else None,
            "updated_at": a.updated_at,
        }
        for a in assessments.history(request.auth, candidate)
    ]


@router.get(
    "/{reference}/assessments/{int:version}", response=dict, summary="One version with all sections"
)
def get_version(request, reference: str, version: int):
    candidate = _candidate(request, reference)
    item = Assessment.objects.filter(candidate=candidate, version=version).first()
    if item is None:
        raise Http404
    assessments.read_assessment(request.auth, item)
    return assessment_data.as_dict(item, get_language())


@router.patch(
    "/{reference}/assessment",
    response=dict,
    summary="Change the draft (a signed-off version starts a new draft)",
)
def patch_assessment(request, reference: str, payload: AssessmentPatch):
    candidate = _candidate(request, reference)
    draft = assessments.update_main(
        request.auth, candidate, _blank_none(payload.dict(exclude_unset=True))
    )
    return assessment_data.as_dict(draft, get_language())


@router.post(
    "/{reference}/assessment/sign-off",
    response=dict,
    summary="Sign off the draft (freezes the version)",
)
def post_sign_off(request, reference: str):
    candidate = _candidate(request, reference)
    return assessment_data.as_dict(assessments.sign_off(request.auth, candidate), get_language())


@router.get(
    "/{reference}/assessment/skill-offers",
    response=list[OfferOut],
    summary="ESCO skills of the named occupations, to confirm",
)
def skill_offers(request, reference: str, language: str = "da"):
    candidate = _candidate(request, reference)
    latest = assessments.latest(candidate)
    if latest is None:
        return []
    return [
        {
            "occupation_uri": o["occupation"].uri,
            "occupation": o["label"],
            "essential": o["essential"],
            "optional": o["optional"],
        }
        for o in assessment_data.occupation_skill_offers(latest, language)
    ]


@router.post(
    "/{reference}/assessment/{section}",
    response={201: EntryOut},
    summary="Add an entry to a section",
)
def add_entry(request, reference: str, section: str, payload: EntryIn):
    candidate = _candidate(request, reference)
    entry = assessments.add_entry(
        request.auth, candidate, section, _blank_none(payload.dict(exclude_unset=True))
    )
    return Status(201, {"id": entry.pk, "section": section})


@router.patch(
    "/{reference}/assessment/{section}/{int:entry_id}", response=EntryOut, summary="Change an entry"
)
def update_entry(request, reference: str, section: str, entry_id: int, payload: EntryIn):
    candidate = _candidate(request, reference)
    entry = assessments.update_entry(
        request.auth, candidate, section, entry_id, _blank_none(payload.dict(exclude_unset=True))
    )
    return {"id": entry.pk, "section": section}


@router.delete(
    "/{reference}/assessment/{section}/{int:entry_id}",
    response={204: None},
    summary="Remove an entry",
)
def delete_entry(request, reference: str, section: str, entry_id: int):
    candidate = _candidate(request, reference)
    assessments.remove_entry(request.auth, candidate, section, entry_id)
    return Status(204, None)


@router.get(
    "/{reference}/card.pdf",
    summary="The competence card as PDF (Danish beside the candidate's language)",
)
def card_pdf(request, reference: str, language: str | None = None, version: int | None = None):
    candidate = _candidate(request, reference)
    assessment = card_service.card_assessment(candidate, version)
    second = card_service.second_language(candidate, language)
    response = HttpResponse(
        card_service.render_pdf(request.auth, assessment, second), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="competence-card-{card_service.card_code(assessment)}-{second}.pdf"'
    )
    return response
