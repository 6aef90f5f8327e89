"""API: needs, the needs survey per municipality, and the demand map."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja import Router, Status

from talentbridge.core.api_paging import LIMIT, OFFSET, page
from talentbridge.municipalities.models import Municipality

from .. import access
from ..services import demand, needs, register
from . import out
from .schemas import DemandOut, NeedIn, NeedOut, NeedPatch, SurveyIn, SurveyOut

router = Router(tags=["employers"])


@router.get("/needs", response=list[NeedOut], summary="Needs of your projects")
def list_needs(
    request,
    municipality: str = "",
    employer: int | None = None,
    active: bool | None = True,
    stale: bool = False,
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    access.require_staff(request.auth)
    place = (
        Municipality.objects.filter(code=municipality.zfill(4)).first() if municipality else None
    )
    company = access.get_register_employer_or_404(request.auth, employer) if employer else None
    today = timezone.localdate()
    rows = needs.list_needs(
        request.auth, municipality=place, employer=company, active=active, stale=stale, today=today
    )
    return [out.need(n, today) for n in page(rows, limit, offset)]


@router.post(
    "/sites/{int:site_id}/needs", response={201: NeedOut}, summary="Record a need of a site"
)
def add_need(request, site_id: int, payload: NeedIn):
    site = register.get_site_or_404(request.auth, site_id)
    data = payload.model_dump(exclude_unset=True)
    need = needs.create_need(request.auth, site, data, project=data.pop("project", None))
    return Status(201, out.need(need))


@router.patch("/needs/{int:need_id}", response=NeedOut, summary="Change a need")
def update_need(request, need_id: int, payload: NeedPatch):
    need = needs.get_need_or_404(request.auth, need_id, edit=True)
    needs.update_need(request.auth, need, payload.model_dump(exclude_unset=True))
    return out.need(needs.get_need_or_404(request.auth, need_id))


@router.post(
    "/needs/{int:need_id}/confirm",
    response=NeedOut,
    summary="The company confirms the need is current",
)
def confirm_need(request, need_id: int):
    need = needs.get_need_or_404(request.auth, need_id, edit=True)
    needs.confirm_need(request.auth, need)
    return out.need(needs.get_need_or_404(request.auth, need_id))


@router.post(
    "/surveys",
    response={201: SurveyOut},
    summary="Record a municipality's needs survey (or a review)",
)
def add_survey(request, payload: SurveyIn):
    s = needs.record_survey(
        request.auth,
        payload.project,
        payload.municipality,
        on=payload.surveyed_on,
        note=payload.note,
    )
    return Status(
        201,
        {
            "id": s.pk,
            "project": s.project.code,
            "municipality_code": s.municipality.code,
            "surveyed_on": s.surveyed_on,
            "kind": s.kind,
        },
    )


@router.get(
    "/demand",
    response=DemandOut,
    summary="The demand map: people asked for per municipality, "
    "occupation, ISCO-08 group and skill (see docs/employers.md)",
)
def get_demand(request, project: str = "", as_of: dt.date | None = None):
    return demand.demand_for(request.auth, project=project or None, as_of=as_of)


@router.get("/demand/regions", response=dict[str, dict], summary="The demand map summed per region")
def get_demand_by_region(request, project: str = "", as_of: dt.date | None = None):
    return demand.demand_by_region(
        demand.demand_for(request.auth, project=project or None, as_of=as_of)
    )
