"""API: the company register, sites, contact persons, interactions and follow-ups."""

from __future__ import annotations

from django.http import Http404
from ninja import Router, Status

from talentbridge.core.api_paging import LIMIT, OFFSET, page

from .. import access
from ..services import interactions, register
from . import out
from .schemas import (
    ContactIn,
    ContactOut,
    ContactPatch,
    EmployerCreated,
    EmployerIn,
    EmployerOut,
    EmployerPatch,
    InteractionIn,
    InteractionOut,
    InteractionPatch,
    SiteIn,
    SiteOut,
    SitePatch,
)

router = Router(tags=["employers"])


def _body(payload) -> dict:
    return payload.model_dump(exclude_unset=True)


@router.get("/", response=list[EmployerOut], summary="Companies in your register")
def list_employers(
    request,
    q: str = "",
    project: str = "",
    mine: bool = False,
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    access.require_staff(request.auth)
    chosen = None
    if project:
        chosen = access.staff_projects(request.auth).filter(code=project).first()
        if chosen is None:
            raise Http404
    rows = register.list_employers(request.auth, query=q, project=chosen, mine=mine)
    return [out.employer(e) for e in page(rows, limit, offset)]


@router.post(
    "/",
    response={201: EmployerCreated, 200: EmployerCreated},
    summary="Register a company (an existing CVR number joins your project)",
)
def create_employer(request, payload: EmployerIn):
    data = _body(payload)
    employer, created = register.create_employer(
        request.auth, data, projects=data.pop("projects", None)
    )
    return Status(201 if created else 200, {**out.employer(employer), "created": created})


@router.get("/{int:employer_id}", response=EmployerOut, summary="One company")
def get_employer(request, employer_id: int):
    return out.employer(access.get_employer_or_404(request.auth, employer_id))


@router.patch("/{int:employer_id}", response=EmployerOut, summary="Change a company")
def update_employer(request, employer_id: int, payload: EmployerPatch):
    employer = access.get_register_employer_or_404(request.auth, employer_id, edit=True)
    register.update_employer(request.auth, employer, _body(payload))
    employer.refresh_from_db()
    return out.employer(employer)


@router.post("/{int:employer_id}/sites", response={201: SiteOut}, summary="Add a site")
def add_site(request, employer_id: int, payload: SiteIn):
    employer = access.get_employer_or_404(request.auth, employer_id, edit=True)
    return Status(201, out.site(register.add_site(request.auth, employer, _body(payload))))


@router.patch("/sites/{int:site_id}", response=SiteOut, summary="Change a site")
def update_site(request, site_id: int, payload: SitePatch):
    site = register.get_site_or_404(request.auth, site_id, edit=True)
    register.update_site(request.auth, site, _body(payload))
    site.refresh_from_db()
    return out.site(site)


@router.delete(
    "/sites/{int:site_id}", response={204: None}, summary="Delete a site without openings"
)
def delete_site(request, site_id: int):
    register.delete_site(request.auth, register.get_site_or_404(request.auth, site_id, edit=True))
    return Status(204, None)


@router.get(
    "/{int:employer_id}/contacts",
    response=list[ContactOut],
    summary="Contact persons (reading is audited)",
)
def list_contacts(request, employer_id: int):
    employer = access.get_register_employer_or_404(request.auth, employer_id)
    return list(
        register.contacts_of(request.auth, employer).values("id", "name", "role", "email", "phone")
    )


@router.post(
    "/{int:employer_id}/contacts", response={201: ContactOut}, summary="Add a contact person"
)
def add_contact(request, employer_id: int, payload: ContactIn):
    employer = access.get_register_employer_or_404(request.auth, employer_id, edit=True)
    c = register.add_contact(request.auth, employer, _body(payload))
    return Status(
        201, {"id": c.pk, "name": c.name, "role": c.role, "email": c.email, "phone": c.phone}
    )


@router.patch("/contacts/{int:contact_id}", response=ContactOut, summary="Change a contact person")
def update_contact(request, contact_id: int, payload: ContactPatch):
    c = register.get_contact_or_404(request.auth, contact_id, edit=True)
    register.update_contact(request.auth, c, _body(payload))
    c.refresh_from_db()
    return {"id": c.pk, "name": c.name, "role": c.role, "email": c.email, "phone": c.phone}


@router.delete(
    "/contacts/{int:contact_id}", response={204: None}, summary="Delete a contact person"
)
def delete_contact(request, contact_id: int):
    register.delete_contact(
        request.auth, register.get_contact_or_404(request.auth, contact_id, edit=True)
    )
    return Status(204, None)


@router.get(
    "/{int:employer_id}/interactions", response=list[InteractionOut], summary="Contact history"
)
def list_interactions(request, employer_id: int):
    employer = access.get_register_employer_or_404(request.auth, employer_id)
    return [out.interaction(i) for i in interactions.history(request.auth, employer)]


@router.post(
    "/{int:employer_id}/interactions",
    response={201: InteractionOut},
    summary="Record an interaction",
)
def add_interaction(request, employer_id: int, payload: InteractionIn):
    employer = access.get_register_employer_or_404(request.auth, employer_id, edit=True)
    data = _body(payload)
    i = interactions.record_interaction(
        request.auth, employer, data, project=data.pop("project", None)
    )
    return Status(201, out.interaction(i))


@router.patch(
    "/interactions/{int:interaction_id}", response=InteractionOut, summary="Change an interaction"
)
def update_interaction(request, interaction_id: int, payload: InteractionPatch):
    i = interactions.get_interaction_or_404(request.auth, interaction_id, edit=True)
    interactions.update_interaction(request.auth, i, _body(payload))
    return out.interaction(interactions.get_interaction_or_404(request.auth, interaction_id))


@router.get(
    "/follow-ups",
    response=list[InteractionOut],
    summary="Due follow-ups (yours, or everybody's with all=true)",
)
def follow_ups(request, all: bool = False, days: int = 0):
    access.require_staff(request.auth)
    due = interactions.due_follow_ups(
        request.auth, consultant=False if all else None, within_days=days
    )
    return [out.interaction(i) for i in due]
