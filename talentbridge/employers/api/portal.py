"""API: importing postings, and the employer portal."""

from __future__ import annotations

from django.utils.translation import get_language
from ninja import File, Form, Router
from ninja.files import UploadedFile

from .. import access
from ..imports import run_import
from ..services import portal
from . import out
from .schemas import ImportOut, PortalCandidate, PortalCandidatesOut, PortalOut

router = Router(tags=["employers"])


@router.post(
    "/import",
    response=ImportOut,
    summary="Import openings from CSV, Excel or JSON-LD (all or nothing; dry_run writes nothing)",
)
def import_file(
    request, file: File[UploadedFile], dry_run: Form[bool] = False, project: Form[str] = ""
):
    report = run_import(
        request.auth,
        file.read(),
        file.name or "upload",
        dry_run=dry_run,
        project=project or None,
        language=get_language(),
    )
    return report.as_dict()


@router.get(
    "/portal", response=PortalOut, summary="Employer users: your company, its sites and openings"
)
def get_portal(request, employer: int | None = None):
    company = portal.employer_of(request.auth, employer)
    rows = access.openings_for(request.auth).filter(site__employer=company)
    return {
        "employer": out.employer(company),
        "openings": [out.opening(o) for o in rows],
        "shared_candidates": portal.shared_candidates(company).count(),
    }


@router.get(
    "/portal/candidates",
    response=PortalCandidatesOut,
    summary="Employer users: anonymised profiles of consenting candidates (identity only when revealed)",
)
def portal_candidates(request, employer: int | None = None, page: int = 1, lang: str | None = None):
    company = portal.employer_of(request.auth, employer)
    rows, current = portal.candidate_page(
        request.auth, company, page=page, language=lang or get_language()
    )
    return {
        "page": current.number,
        "pages": current.paginator.num_pages,
        "count": current.paginator.count,
        "results": rows,
    }


@router.get(
    "/portal/candidates/{reference}",
    response=PortalCandidate,
    summary="Employer users: one candidate",
)
def portal_candidate(request, reference: str, employer: int | None = None, lang: str | None = None):
    company = portal.employer_of(request.auth, employer)
    return portal.candidate_view(request.auth, company, reference, language=lang or get_language())
