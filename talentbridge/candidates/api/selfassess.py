"""Self-assessment codes and the review of submitted self-assessments."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.urls import reverse
from ninja import Router, Schema
from ninja.responses import Status

from ..models import SelfAssessment
from ..permissions import get_candidate_or_404
from ..selfassess import codes, review
from .schemas import CodeIn, CodeOut

router = Router()


class SelfAssessmentOut(Schema):
    id: int
    language: str
    submitted_at: dt.datetime
    status: str
    answers: dict
    items: list[dict]


class DecisionIn(Schema):
    key: str
    accept: bool
    concept_uri: str = ""


def _out(item: SelfAssessment) -> dict:
    return {
        "id": item.pk,
        "language": item.language,
        "submitted_at": item.submitted_at,
        "status": item.status,
        "answers": item.answers,
        "items": [
            {
                "key": i.key,
                "kind": i.kind,
                "text": i.text,
                "state": i.state,
                "needs_concept": i.needs_concept,
            }
            for i in review.items(item)
        ],
    }


@router.post(
    "/{reference}/self-assessment-codes",
    response={201: CodeOut},
    summary="Issue a one-time self-assessment code",
)
def issue_code(request, reference: str, payload: CodeIn):
    candidate = get_candidate_or_404(request.auth, reference)
    row, code = codes.issue(request.auth, candidate, payload.language)
    url = request.build_absolute_uri(reverse("candidates:self_start"))
    return Status(
        201, {"code": code, "language": row.language, "expires_at": row.expires_at, "url": url}
    )


@router.get(
    "/{reference}/self-assessments",
    response=list[SelfAssessmentOut],
    summary="Submitted self-assessments",
)
def list_self_assessments(request, reference: str):
    candidate = get_candidate_or_404(request.auth, reference)
    items = list(SelfAssessment.objects.filter(candidate=candidate))
    for item in items:
        review.read(request.auth, item)
    return [_out(item) for item in items]


@router.post(
    "/{reference}/self-assessments/{int:pk}/items",
    response=SelfAssessmentOut,
    summary="Accept or dismiss one answer",
)
def decide_item(request, reference: str, pk: int, payload: DecisionIn):
    candidate = get_candidate_or_404(request.auth, reference)
    item = SelfAssessment.objects.filter(candidate=candidate, pk=pk).first()
    if item is None:
        raise Http404
    review.decide(request.auth, item, payload.key, payload.accept, payload.concept_uri)
    item.refresh_from_db()
    return _out(item)
