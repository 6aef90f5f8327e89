"""The candidate's own self-assessment, reached with a one-time code instead of an account.

The code is shown to the candidate by the assessor. It has two halves: ``lookup`` finds the
row, the ``secret`` half is stored only as a hash. Wrong secrets count against the code
(it locks after a few), and every attempt is logged per client address so that guessing is
rate-limited across all processes (the limits live in the database, not in memory).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .people import Candidate

# A code locks after this many wrong secrets; a client address may fail this often per window.
MAX_FAILED_PER_CODE = 5


class SelfAssessmentCode(models.Model):
    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="self_assessment_codes"
    )
    lookup = models.CharField(max_length=8, unique=True)
    secret_hash = models.CharField(max_length=64)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("self-assessment code")
        verbose_name_plural = _("self-assessment codes")

    def __str__(self) -> str:
        return f"{self.candidate.reference} {self.lookup}…"

    @property
    def audit_subject_ref(self) -> str:
        return self.candidate.reference

    @property
    def project_id(self) -> int:
        return self.candidate.project_id

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.used_at is None
            and self.expires_at > now
            and self.failed_attempts < MAX_FAILED_PER_CODE
        )


class SelfAssessmentAttempt(models.Model):
    """One try to enter a code, by a (hashed) client address. Old rows are pruned."""

    client = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)
    succeeded = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["client", "at"])]

    def __str__(self) -> str:
        return f"{self.client[:8]} {self.at:%Y-%m-%d %H:%M} {'ok' if self.succeeded else 'failed'}"


class SelfAssessment(models.Model):
    """What the candidate answered. Stays apart from the assessment until an assessor accepts items."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("waiting for review")
        REVIEWED = "reviewed", _("reviewed")

    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="self_assessments"
    )
    code = models.ForeignKey(
        SelfAssessmentCode, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    language = models.CharField(_("language"), max_length=8)
    answers = models.JSONField(_("answers"), default=dict)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    accepted = models.JSONField(_("accepted items"), default=list, blank=True)
    dismissed = models.JSONField(_("dismissed items"), default=list, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")

    def __str__(self) -> str:
        return f"{self.candidate.reference} {self.submitted_at:%Y-%m-%d}"

    @property
    def audit_subject_ref(self) -> str:
        return self.candidate.reference

    @property
    def project_id(self) -> int:
        return self.candidate.project_id
