"""Audit log and data requests for administrators (everyone else gets 404)."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from ninja import Query, Router, Schema
from ninja.responses import Status

from . import requests as data_requests
from .models import AuditEvent, DataRequest
from .requests import require_admin

router = Router(tags=["privacy"])


class EventOut(Schema):
    at: dt.datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    subject_ref: str
    channel: str
    detail: dict


class RequestIn(Schema):
    reference: str
    kind: str
    note: str = ""


class RequestOut(Schema):
    id: int
    kind: str
    subject_ref: str
    status: str
    requested_at: dt.datetime
    completed_at: dt.datetime | None
    result: dict


def _request_out(r: DataRequest) -> dict:
    return {
        "id": r.pk,
        "kind": r.kind,
        "subject_ref": r.subject_ref,
        "status": r.status,
        "requested_at": r.requested_at,
        "completed_at": r.completed_at,
        "result": r.result,
    }


@router.get("/audit", response=list[EventOut], summary="Audit events, newest first")
def audit_events(
    request, subject: str = "", actor: str = "", action: str = "", limit: int = Query(200, le=1000)
):
    require_admin(request.auth)
    from .views import filtered_events

    events, _filters = filtered_events({"subject": subject, "actor": actor, "action": action})
    return [
        {
            "at": e.at,
            "actor": e.actor_label,
            "action": e.action,
            "object_type": e.object_type,
            "object_id": e.object_id,
            "subject_ref": e.subject_ref,
            "channel": e.channel,
            "detail": e.detail,
        }
        for e in events[:limit]
    ]


@router.get("/requests", response=list[RequestOut], summary="Data requests")
def list_requests(request):
    require_admin(request.auth)
    return [_request_out(r) for r in DataRequest.objects.all()[:500]]


@router.post("/requests", response={201: RequestOut}, summary="Record an access or erasure request")
def create_request(request, payload: RequestIn):
    return Status(
        201,
        _request_out(
            data_requests.create_request(
                request.auth, payload.reference, payload.kind, payload.note
            )
        ),
    )


@router.post(
    "/requests/{int:pk}/execute",
    response=dict,
    summary="Carry out a request (access: the export; erasure: counts)",
)
def execute_request(request, pk: int):
    require_admin(request.auth)
    item = DataRequest.objects.filter(pk=pk).first()
    if item is None:
        raise Http404
    return data_requests.execute(request.auth, item)


AuditEventModel = AuditEvent
