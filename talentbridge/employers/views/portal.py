"""The employer portal: the company's own users see their sites and openings, and candidates
who consented to share an anonymised profile (identity only after a consent to reveal it)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import get_language

from .. import access
from ..services import portal
from .common import int_param


@login_required
def index(request):
    employer = portal.employer_of(request.user, request.GET.get("employer"))
    return render(
        request,
        "employers/portal.html",
        {
            "employer": employer,
            "employers": access.own_employers(request.user)
            if not access.is_all_seeing(request.user)
            else [],
            "sites": employer.sites.select_related("municipality"),
            "openings": access.openings_for(request.user)
            .filter(site__employer=employer)
            .select_related("site__municipality"),
            "shared": portal.shared_candidates(employer).count(),
        },
    )


@login_required
def candidates(request):
    employer = portal.employer_of(request.user, request.GET.get("employer"))
    rows, page = portal.candidate_page(
        request.user, employer, page=int_param(request, "page", 1), language=get_language()
    )
    return render(
        request,
        "employers/portal_candidates.html",
        {"employer": employer, "rows": rows, "page": page},
    )


@login_required
def candidate(request, reference):
    employer = portal.employer_of(request.user, request.GET.get("employer"))
    view = portal.candidate_view(request.user, employer, reference, language=get_language())
    return render(request, "employers/portal_candidate.html", {"employer": employer, **view})
