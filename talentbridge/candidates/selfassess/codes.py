"""One-time codes for the self-assessment, and the limits on guessing them.

A code reads ``ABCD-EFGH``: the first half finds the row, the second half is the secret,
kept only as an HMAC. Redeeming a code uses it up (one time) and opens a short session for
the candidate. Guessing is limited twice, both in the database so that every web process
sees the same counts: a code locks after ``MAX_FAILED_PER_CODE`` wrong secrets, and a
client address may fail ``MAX_FAILED_PER_CLIENT`` times per ``WINDOW``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from talentbridge.privacy import audit

from ..models import REFERENCE_ALPHABET, Candidate, SelfAssessmentAttempt, SelfAssessmentCode
from ..models.self_assessment import MAX_FAILED_PER_CODE
from ..permissions import require_edit

MAX_FAILED_PER_CLIENT = 10
WINDOW = dt.timedelta(minutes=15)
SESSION_LENGTH = dt.timedelta(hours=2)
A = audit.AuditEvent.Action

__all__ = [
    "MAX_FAILED_PER_CLIENT",
    "MAX_FAILED_PER_CODE",
    "WINDOW",
    "issue",
    "redeem",
    "client_key",
]


class CodeRefused(Exception):
    """The code is wrong, used, expired or locked (the candidate is not told which)."""


class RateLimited(Exception):
    """Too many failed attempts from this client address."""


def _digest(secret: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), secret.encode(), hashlib.sha256).hexdigest()


def client_key(address: str) -> str:
    """The client address as a keyed hash: rate limiting without storing addresses."""
    return _digest("client:" + (address or "unknown"))[:32]


def _part(n: int) -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(n))


def normalise(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


@transaction.atomic
def issue(user, candidate: Candidate, language: str) -> tuple[SelfAssessmentCode, str]:
    """Create a code for ``candidate``; returns the row and the code to show, once."""
    require_edit(user, candidate)
    if language not in dict(settings.LANGUAGES):
        from django.core.exceptions import ValidationError

        raise ValidationError({"language": f"Not one of the offered languages: {language!r}"})
    while True:
        lookup = _part(4)
        if not SelfAssessmentCode.objects.filter(lookup=lookup).exists():
            break
    secret = _part(4)
    row = SelfAssessmentCode.objects.create(
        candidate=candidate,
        lookup=lookup,
        secret_hash=_digest(secret),
        language=language,
        created_by=user if getattr(user, "pk", None) else None,
        expires_at=timezone.now() + dt.timedelta(hours=settings.SELF_ASSESSMENT_CODE_HOURS),
    )
    audit.record(user, A.CREATE, row, detail={"language": language})
    return row, f"{lookup}-{secret}"


def _failures(client: str, now) -> int:
    return SelfAssessmentAttempt.objects.filter(
        client=client, succeeded=False, at__gte=now - WINDOW
    ).count()


def redeem(code: str, client: str) -> SelfAssessmentCode:
    """Use a code up. Raises :class:`RateLimited` or :class:`CodeRefused`."""
    now = timezone.now()
    SelfAssessmentAttempt.objects.filter(at__lt=now - 4 * WINDOW).delete()
    if _failures(client, now) >= MAX_FAILED_PER_CLIENT:
        raise RateLimited
    raw = normalise(code)
    row = None
    ok = False
    with transaction.atomic():
        if len(raw) == 8:
            row = (
                SelfAssessmentCode.objects.select_for_update()
                .select_related("candidate")
                .filter(lookup=raw[:4])
                .first()
            )
        if row is not None and row.is_open(now):
            if hmac.compare_digest(row.secret_hash, _digest(raw[4:])):
                row.used_at = now
                row.save(update_fields=["used_at"])
                ok = True
            else:
                SelfAssessmentCode.objects.filter(pk=row.pk).update(
                    failed_attempts=F("failed_attempts") + 1
                )
        SelfAssessmentAttempt.objects.create(client=client, at=now, succeeded=ok)
    if not ok:
        raise CodeRefused
    audit.record(
        None,
        A.LOGIN,
        row,
        actor_label=f"candidate:{row.candidate.reference}",
        detail={"self_assessment": True},
    )
    return row


def session_until(row: SelfAssessmentCode) -> dt.datetime:
    return min(row.expires_at, (row.used_at or timezone.now()) + SESSION_LENGTH)
