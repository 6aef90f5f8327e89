"""The retention rule: what is kept about people who left the programme, and for how long.

``talentbridge privacy prune --months N`` applies it (daily from cron or the task worker):

- candidates who left more than N months ago lose their identifying details (name, birth
  date, contact, case number), their self-assessments and codes, and the free text of their
  assessments (personal situation, notes, tasks); the pseudonymous profile stays for the
  programme's statistics. With ``--erase`` they are erased completely instead, as for an
  erasure request.
- self-assessment attempts older than a day and codes that expired more than 30 days ago
  are deleted whatever the candidate's status.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from . import audit
from .models import AuditEvent

DEFAULT_MONTHS = 24
A = AuditEvent.Action


def months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 - months, 12)
    year += day.year
    month += 1
    # The last day of the month when the day does not exist (31 March − 1 month → 28/29 Feb).
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass
class PruneResult:
    cutoff: dt.date
    candidates: list[str] = field(default_factory=list)
    deleted: dict[str, int] = field(default_factory=dict)

    def add(self, label: str, n: int) -> None:
        if n:
            self.deleted[label] = self.deleted.get(label, 0) + n


def due(months: int, today: dt.date | None = None):
    from talentbridge.candidates.models import Candidate

    cutoff = months_before(today or timezone.localdate(), months)
    return cutoff, Candidate.objects.filter(left_on__isnull=False, left_on__lt=cutoff).order_by(
        "reference"
    )


@transaction.atomic
def prune(
    actor, months: int = DEFAULT_MONTHS, *, erase: bool = False, dry_run: bool = False, today=None
) -> PruneResult:
    from talentbridge.candidates.models import (
        Assessment,
        PersonalDetails,
        SelfAssessment,
        SelfAssessmentAttempt,
        SelfAssessmentCode,
        WorkExperience,
    )

    from .requests import erase as erase_candidate

    if months < 1:
        raise ValueError("months must be at least 1")
    cutoff, candidates = due(months, today)
    result = PruneResult(cutoff=cutoff)
    for candidate in candidates:
        result.candidates.append(candidate.reference)
        if dry_run:
            continue
        if erase:
            for label, n in erase_candidate(_AsAdmin(actor), candidate).items():
                result.add(label, n)
            continue
        result.add(
            "candidates.personaldetails",
            PersonalDetails.objects.filter(candidate=candidate).delete()[0],
        )
        result.add(
            "candidates.selfassessment",
            SelfAssessment.objects.filter(candidate=candidate).delete()[0],
        )
        result.add(
            "candidates.selfassessmentcode",
            SelfAssessmentCode.objects.filter(candidate=candidate).delete()[0],
        )
        texts = Assessment.objects.filter(candidate=candidate).update(
            personal_situation="", expectations_note="", digital_note=""
        )
        WorkExperience.objects.filter(assessment__candidate=candidate).update(tasks="")
        result.add("candidates.assessment (free text cleared)", texts)
        if (
            candidate.household_id
            and not candidate.household.members.filter(left_on__isnull=True).exists()
        ):
            type(candidate.household).objects.filter(pk=candidate.household_id).update(
                needs="", tie_note=""
            )
        audit.record(actor, A.DELETE, candidate, detail={"retention": months})
    if not dry_run:
        now = timezone.now()
        result.add(
            "candidates.selfassessmentattempt",
            SelfAssessmentAttempt.objects.filter(at__lt=now - dt.timedelta(days=1)).delete()[0],
        )
        result.add(
            "candidates.selfassessmentcode (expired)",
            SelfAssessmentCode.objects.filter(expires_at__lt=now - dt.timedelta(days=30)).delete()[
                0
            ],
        )
    return result


class _AsAdmin:
    """The retention job acts with the operator's authority, recorded under the actor's name."""

    is_authenticated = True
    is_superuser = True
    is_system = True
    pk = None

    def __init__(self, actor):
        self.actor = actor

    def get_username(self) -> str:
        return getattr(self.actor, "get_username", lambda: "retention")()
