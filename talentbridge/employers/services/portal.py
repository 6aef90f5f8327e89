"""The employer portal: a company's own users, their sites and openings, and candidates.

An employer user sees anonymised profiles only (no name, contact details, exact birth date or
asylum centre), and only of candidates of the company's projects whose latest decision is to
share an anonymised profile with employers. A candidate's identity (name and contact details)
is shown only when that candidate's latest decision is to reveal it to *this* company. Both
are checked at the moment of showing, so a withdrawal takes effect at once.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404

from talentbridge.candidates.consents import revealed_identity
from talentbridge.candidates.models import Candidate
from talentbridge.candidates.profiles import anonymised_profile, profile_assessments
from talentbridge.privacy import audit
from talentbridge.privacy.consent import Purpose, with_consent

from .. import access
from ..models import Employer

PAGE_SIZE = 25


def employer_of(user, pk=None) -> Employer:
    """The user's own company (``pk`` chooses when they have several); 404 for anybody else.

    Administrators may open any company's portal (to support its users), by ``pk``.
    """
    qs = Employer.objects.all() if access.is_all_seeing(user) else access.own_employers(user)
    if pk not in (None, ""):
        qs = qs.filter(pk=pk)
    employer = qs.order_by("name").first()
    if employer is None:
        raise Http404
    return employer


def shared_candidates(employer: Employer):
    """Candidates of the company's projects who share an anonymised profile, still in the programme."""
    candidates = Candidate.objects.filter(
        project__in=employer.projects.values("pk"), left_on__isnull=True
    )
    return (
        with_consent(candidates, Purpose.SHARE_ANONYMISED)
        .select_related("municipality__region")
        .order_by("reference")
    )


def revealing(candidates: list[Candidate], employer: Employer) -> set[int]:
    """The ids of those candidates whose latest decision reveals their identity to ``employer``."""
    ids = [c.pk for c in candidates]
    chosen = Candidate.objects.filter(pk__in=ids)
    return set(
        with_consent(chosen, Purpose.REVEAL_IDENTITY, employer=employer).values_list(
            "pk", flat=True
        )
    )


def _views(user, employer: Employer, candidates: list[Candidate], language: str) -> list[dict]:
    """Each candidate's profile and identity, the consents and assessments loaded at once."""
    shown = revealing(candidates, employer)
    assessments = profile_assessments(candidates)
    views = []
    for candidate in candidates:
        profile = anonymised_profile(candidate, language, assessments.get(candidate.pk))
        revealed = revealed_identity(user, candidate, employer, revealed=candidate.pk in shown)
        views.append({"profile": profile, "identity": revealed})
    return views


def candidate_page(
    user, employer: Employer, *, page: int = 1, language: str = "da"
) -> tuple[list[dict], object]:
    """One page of the candidates the company may see, each with its profile (and identity)."""
    employer = employer_of(user, employer.pk)
    paginator = Paginator(shared_candidates(employer), PAGE_SIZE)
    current = paginator.get_page(page)
    rows = list(current.object_list)
    audit.record_many(
        user,
        audit.AuditEvent.Action.READ,
        rows,
        detail={"employer": employer.pk, "view": "anonymised"},
    )
    return _views(user, employer, rows, language), current


def candidate_view(user, employer: Employer, reference: str, *, language: str = "da") -> dict:
    """One candidate's anonymised profile (and identity if revealed); 404 without consent."""
    employer = employer_of(user, employer.pk)
    candidate = shared_candidates(employer).filter(reference=reference).first()
    if candidate is None:
        raise Http404
    audit.record(
        user,
        audit.AuditEvent.Action.READ,
        candidate,
        detail={"employer": employer.pk, "view": "anonymised"},
    )
    return _views(user, employer, [candidate], language)[0]
