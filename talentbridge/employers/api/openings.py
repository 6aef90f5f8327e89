"""API: openings, their lifecycle, and occupation/skill suggestions from free text."""

from __future__ import annotations

from django.http import Http404
from ninja import Router, Status

from talentbridge.core.api_paging import LIMIT, OFFSET, page

from .. import access
from ..services import openings, suggest
from . import out
from .schemas import OpeningIn, OpeningOut, OpeningPatch, StatusIn, SuggestIn, SuggestOut

router = Router(tags=["employers"])


@router.get(
    "/openings", response=list[OpeningOut], summary="Openings of your projects or your company"
)
def list_openings(
    request,
    status: str = "",
    kind: str = "",
    project: str = "",
    q: str = "",
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    user = request.auth
    chosen = None
    if project:
        chosen = (
            access.openings_for(user)
            .filter(project__code=project)
            .values_list("project", flat=True)
            .first()
        )
        if chosen is None:
            return []
    rows = openings.list_openings(user, status=status or None, kind=kind or None, query=q)
    if chosen is not None:
        rows = rows.filter(project_id=chosen)
    return [out.opening(o) for o in page(rows.prefetch_related("skills__skill"), limit, offset)]


@router.post("/openings", response={201: OpeningOut}, summary="Create an opening (draft or open)")
def create_opening(request, payload: OpeningIn):
    data = payload.model_dump(exclude_unset=True)
    site = data.pop("site")
    opening = openings.create_opening(request.auth, site, data, project=data.pop("project", None))
    return Status(201, out.opening(opening))


@router.get("/openings/{int:opening_id}", response=OpeningOut, summary="One opening")
def get_opening(request, opening_id: int):
    return out.opening(access.get_opening_or_404(request.auth, opening_id))


@router.patch("/openings/{int:opening_id}", response=OpeningOut, summary="Change an opening")
def update_opening(request, opening_id: int, payload: OpeningPatch):
    opening = access.get_opening_or_404(request.auth, opening_id, edit=True)
    openings.update_opening(request.auth, opening, payload.model_dump(exclude_unset=True))
    return out.opening(access.get_opening_or_404(request.auth, opening_id))


@router.post(
    "/openings/{int:opening_id}/status",
    response=OpeningOut,
    summary="Move along the lifecycle: draft → open → filled → closed",
)
def move_opening(request, opening_id: int, payload: StatusIn):
    opening = access.get_opening_or_404(request.auth, opening_id, edit=True)
    return out.opening(openings.move_opening(request.auth, opening, payload.status))


@router.post(
    "/openings/suggest",
    response=SuggestOut,
    summary="Suggest the ESCO occupation (from the title) and skills (from the description)",
)
def suggest_for_opening(request, payload: SuggestIn):
    user = request.auth
    if not (
        access.is_all_seeing(user)
        or access.staff_projects(user).exists()
        or access.own_employers(user).exists()
    ):
        raise Http404
    found = suggest.suggest_for_text(payload.title, payload.description, language=payload.lang)
    return {
        "occupations": [s.as_dict() for s in found["occupations"]],
        "skills": [s.as_dict() for s in found["skills"]],
        "usual_skills": [s.as_dict() for s in found["usual_skills"]],
        "phrases": found["phrases"],
    }
