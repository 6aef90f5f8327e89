"""Consent checks. Every place that shares a candidate's data asks here, at the moment of sharing.

The latest decision counts, so a withdrawal takes effect at once.
"""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery

from .models import Consent

Purpose = Consent.Purpose

# The order in which decisions count: the newest first (the last recorded of the same moment).
NEWEST_FIRST = ("-at", "-id")


def _latest(candidate_ref, purpose: str, employer=None):
    qs = Consent.objects.filter(purpose=purpose, candidate=candidate_ref)
    if purpose == Purpose.REVEAL_IDENTITY:
        qs = qs.filter(employer=employer)
    return qs.order_by(*NEWEST_FIRST)


def has_consent(candidate, purpose: str, employer=None) -> bool:
    """Whether the candidate's latest decision for ``purpose`` (and ``employer``) is 'given'."""
    if purpose == Purpose.REVEAL_IDENTITY and employer is None:
        raise ValueError("revealing identity needs a named employer")
    latest = _latest(candidate, purpose, employer).values_list("given", flat=True).first()
    return bool(latest)


def with_consent(candidates: QuerySet, purpose: str, employer=None) -> QuerySet:
    """Filter a candidate queryset to those whose latest decision for ``purpose`` is 'given'."""
    latest = _latest(OuterRef("pk"), purpose, employer).values("given")[:1]
    return candidates.annotate(_consent=Subquery(latest)).filter(_consent=True)


def record_decision(
    candidate,
    purpose: str,
    given: bool,
    *,
    by,
    employer=None,
    by_candidate=False,
    note="",
    actor_label=None,
) -> Consent:
    """Record a decision and audit it.

    ``by`` is the user who records it; when the candidate decides on the self-assessment
    pages there is no user: pass ``by=None, by_candidate=True`` and an ``actor_label`` such
    as ``candidate:TB-XXXX`` for the audit trail.
    """
    from . import audit

    if purpose not in Purpose.values:
        raise ValueError(f"unknown purpose {purpose!r}")
    if purpose == Purpose.REVEAL_IDENTITY and employer is None:
        raise ValueError("revealing identity needs a named employer")
    consent = Consent.objects.create(
        candidate=candidate,
        purpose=purpose,
        employer=employer if purpose == Purpose.REVEAL_IDENTITY else None,
        given=given,
        recorded_by=by if getattr(by, "pk", None) else None,
        by_candidate=by_candidate,
        note=note,
    )
    audit.record(
        by,
        audit.AuditEvent.Action.CREATE,
        consent,
        subject_ref=candidate.reference,
        project_id=candidate.project_id,
        detail={"purpose": purpose, "given": given, "employer": getattr(employer, "pk", None)},
        actor_label=actor_label,
    )
    return consent


def latest_decision(candidate, purpose: str, employer=None) -> Consent | None:
    """The decision that counts now (None when the candidate never decided)."""
    return _latest(candidate, purpose, employer).select_related("recorded_by", "employer").first()


def history(candidate) -> QuerySet[Consent]:
    """Every decision about the candidate, newest first."""
    return (
        Consent.objects.filter(candidate=candidate)
        .select_related("recorded_by", "employer")
        .order_by(*NEWEST_FIRST)
    )


def latest_decisions(candidate) -> dict[tuple[str, int | None], Consent]:
    """:func:`latest_decision` for every purpose (and employer) at once, in one query.

    Keyed by (purpose, employer id); the employer id is None but for revealing identity.
    """
    latest: dict = {}
    for decision in history(candidate):
        employer_id = decision.employer_id if decision.purpose == Purpose.REVEAL_IDENTITY else None
        latest.setdefault((decision.purpose, employer_id), decision)
    return latest
