"""The candidate's consent, per purpose, as staff record it and as the candidate sees it.

The decisions themselves live in ``privacy.Consent`` (an append-only log) and every place
that shares data asks ``privacy.consent.has_consent`` at the moment of sharing. This module
adds the plain-language explanation of each purpose (translated into the candidate's
language) and the two ways to record a decision: by an assessor, or by the candidate on
the self-assessment pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from talentbridge.privacy import audit
from talentbridge.privacy.consent import (
    Purpose,
    has_consent,
    history,
    latest_decision,
    latest_decisions,
    record_decision,
)
from talentbridge.privacy.models import Consent

from .models import Candidate, PersonalDetails
from .permissions import require_edit

# What each purpose means, in words a candidate understands. Shown on the self-assessment
# pages in the candidate's language, and to staff.
EXPLANATIONS = {
    Purpose.ASSESSMENT: _("We may use your answers and the interview to describe your skills."),
    Purpose.SHARE_ANONYMISED: _("We may show employers your skills, without your name."),
    Purpose.REVEAL_IDENTITY: _("We may tell this employer your name: %(employer)s"),
    Purpose.HANDOVER: _(
        "We may give your profile to the authority that decides where you will live, and to that municipality."
    ),
}
SHORT_LABELS = {
    Purpose.ASSESSMENT: _("Competence assessment"),
    Purpose.SHARE_ANONYMISED: _("Profile without name for employers"),
    Purpose.REVEAL_IDENTITY: _("Name to an employer"),
    Purpose.HANDOVER: _("Handover to the municipality"),
}


@dataclass
class ConsentRow:
    purpose: str
    employer: object | None
    decision: Consent | None

    @property
    def label(self) -> str:
        return str(SHORT_LABELS[self.purpose])

    @property
    def explanation(self) -> str:
        text = str(EXPLANATIONS[self.purpose])
        return text % {"employer": self.employer.name} if self.employer is not None else text

    @property
    def given(self) -> bool:
        return bool(self.decision and self.decision.given)

    @property
    def key(self) -> str:
        return f"{self.purpose}:{self.employer.pk}" if self.employer is not None else self.purpose

    @property
    def status(self) -> str:
        """Given or withdrawn, when and by whom, in the active language ('' if never decided)."""
        return decision_text(self.decision) if self.decision is not None else ""


def recorded_by_text(decision: Consent) -> str:
    """Who recorded a decision, as the candidate is told: their role and organisation.

    Staff names are not shown to the candidate (the audit log keeps the user): an assessor
    is "an assessor at <organisation of the candidate's project>"; an administrator, or a
    user who has since been removed, is "a staff member".
    """
    from talentbridge.accounts.models import Membership, Role

    user = decision.recorded_by
    if user is None:
        return gettext("a staff member")
    membership = (
        Membership.objects.filter(
            user=user,
            role=Role.ASSESSOR,
            organisation__projects__candidates=decision.candidate_id,
        )
        .select_related("organisation")
        .order_by("organisation__name")
        .first()
    )
    if membership is None:
        return gettext("a staff member")
    return gettext("an assessor at %(organisation)s") % {
        "organisation": membership.organisation.name
    }


def decision_text(decision: Consent) -> str:
    """'You said yes on …' when the candidate decided, else 'Yes, recorded on … by …'."""
    date = timezone.localtime(decision.at).date().isoformat()
    if decision.by_candidate:
        if decision.given:
            return gettext("You said yes on %(date)s.") % {"date": date}
        return gettext("You said no on %(date)s.") % {"date": date}
    who = recorded_by_text(decision)
    if decision.given:
        return gettext("Yes, recorded on %(date)s by %(who)s.") % {"date": date, "who": who}
    return gettext("No, recorded on %(date)s by %(who)s.") % {"date": date, "who": who}


def project_employers(candidate: Candidate):
    from talentbridge.employers.models import Employer

    return Employer.objects.filter(projects=candidate.project).order_by("name")


# Up to this many employers in a project, every one of them is offered for a decision;
# beyond it only those the candidate was matched with or already decided about.
ALL_EMPLOYERS_UP_TO = 200


def employer_choices(candidate: Candidate) -> list:
    """The employers of the candidate's project to offer when recording a decision about
    revealing the candidate's name: all of them in a small project, else those the
    candidate was matched with or already decided about."""
    from talentbridge.pipeline.models import Match

    employers = project_employers(candidate)
    if employers.count() <= ALL_EMPLOYERS_UP_TO:
        return list(employers)
    relevant = set(
        Consent.objects.filter(
            candidate=candidate, purpose=Purpose.REVEAL_IDENTITY, employer__isnull=False
        ).values_list("employer_id", flat=True)
    )
    relevant |= set(
        Match.objects.filter(candidate=candidate).values_list(
            "opening__site__employer_id", flat=True
        )
    )
    return list(employers.filter(pk__in=relevant))


def overview(candidate: Candidate, *, employers=None) -> list[ConsentRow]:
    """The decision that counts now for each purpose, and for each employer the candidate
    decided about or that is given in ``employers``."""
    latest = latest_decisions(candidate)
    rows = [
        ConsentRow(p, None, latest.get((p, None)))
        for p in (Purpose.ASSESSMENT, Purpose.SHARE_ANONYMISED, Purpose.HANDOVER)
    ]
    asked = {
        decision.employer
        for (purpose, employer_id), decision in latest.items()
        if purpose == Purpose.REVEAL_IDENTITY and employer_id is not None
    }
    for employer in sorted(asked | set(employers or []), key=lambda e: e.name):
        rows.append(
            ConsentRow(
                Purpose.REVEAL_IDENTITY,
                employer,
                latest.get((Purpose.REVEAL_IDENTITY, employer.pk)),
            )
        )
    return rows


def read_overview(
    user, candidate: Candidate, *, employers=None, actor_label: str | None = None
) -> list[ConsentRow]:
    """:func:`overview` for someone to see, audited as one read of the candidate's consents.

    ``user`` is None (with an ``actor_label`` such as ``candidate:TB-XXXX``) when the
    candidate looks at their own decisions on the self-assessment pages.
    """
    rows = overview(candidate, employers=employers)
    _audit_read(
        user,
        candidate,
        "privacy.consent",
        {"consents": [row.key for row in rows if row.decision is not None]},
        actor_label=actor_label,
    )
    return rows


def revealed_identity(user, candidate: Candidate, employer, *, revealed: bool | None = None):
    """Name and contact details for ``employer``, when the candidate revealed them to it.

    ``revealed`` is the consent check already made for a whole page (else it is asked
    here). None when the candidate did not reveal their identity or has no personal
    details; otherwise the read is audited as one of the candidate's personal details.
    """
    if revealed is None:
        revealed = has_consent(candidate, Purpose.REVEAL_IDENTITY, employer=employer)
    if not revealed:
        return None
    personal = PersonalDetails.objects.filter(candidate=candidate).first()
    if personal is None:
        return None
    _audit_read(
        user,
        candidate,
        "candidates.personaldetails",
        {"employer": employer.pk, "consent": Purpose.REVEAL_IDENTITY},
    )
    return {
        "first_name": personal.first_name,
        "last_name": personal.last_name,
        "email": personal.email,
        "phone": personal.phone,
    }


def _audit_read(user, candidate: Candidate, object_type: str, detail: dict, **kwargs) -> None:
    """One read of something about the candidate that is kept by the candidate's id."""
    audit.record(
        user,
        audit.AuditEvent.Action.READ,
        object_type=object_type,
        object_id=candidate.pk,
        subject_ref=candidate.reference,
        project_id=candidate.project_id,
        detail=detail,
        **kwargs,
    )


def log(candidate: Candidate):
    return history(candidate)


def _employer(candidate: Candidate, purpose: str, employer_id):
    if purpose != Purpose.REVEAL_IDENTITY:
        return None
    if not employer_id:
        raise ValidationError({"employer": "Name the employer to reveal the identity to."})
    employer = project_employers(candidate).filter(pk=employer_id).first()
    if employer is None:
        raise ValidationError({"employer": "Not an employer of the candidate's project."})
    return employer


def _purpose(purpose: str) -> str:
    if purpose not in Purpose.values:
        raise ValidationError(
            {"purpose": f"Unknown purpose {purpose!r}; one of {', '.join(Purpose.values)}."}
        )
    return purpose


def decide(
    user, candidate: Candidate, purpose: str, given: bool, *, employer_id=None, note: str = ""
) -> Consent:
    """An assessor records the candidate's decision (given in the interview, on paper …)."""
    require_edit(user, candidate)
    purpose = _purpose(purpose)
    employer = _employer(candidate, purpose, employer_id)
    return record_decision(candidate, purpose, given, by=user, employer=employer, note=note[:300])


def withdraw_identity_as_candidate(candidate: Candidate, employer_id) -> Consent:
    """The candidate withdraws "reveal my identity to this employer" on their own page.

    Only an employer the candidate currently allows can be withdrawn (anything else is a
    ``ValidationError`` naming ``employer``); the withdrawal counts at once.
    """
    row = next(
        (
            r
            for r in overview(candidate)
            if r.purpose == Purpose.REVEAL_IDENTITY and str(r.employer.pk) == str(employer_id)
        ),
        None,
    )
    if row is None or not row.given:
        raise ValidationError({"employer": "Not an employer that may know the candidate's name."})
    return decide_as_candidate(
        candidate, Purpose.REVEAL_IDENTITY, False, employer_id=row.employer.pk
    )


def decide_as_candidate(
    candidate: Candidate, purpose: str, given: bool, *, employer_id=None
) -> Consent | None:
    """The candidate decides on the self-assessment pages. Only a change is recorded."""
    purpose = _purpose(purpose)
    employer = _employer(candidate, purpose, employer_id)
    current = latest_decision(candidate, purpose, employer)
    if current is not None and current.given == given:
        return None
    return record_decision(
        candidate,
        purpose,
        given,
        by=None,
        employer=employer,
        by_candidate=True,
        actor_label=f"candidate:{candidate.reference}",
    )
