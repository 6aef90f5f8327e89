"""A match is one candidate for one opening: the score, why, and how far it has come.

The status moves suggested → shortlisted → presented → interview → accepted, or to declined
from any open step (with a reason). Presenting needs the candidate's consent to show their
identity to that employer. Every move is a :class:`MatchEvent`: who, when, from, to, why.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Match(models.Model):
    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("suggested")
        SHORTLISTED = "shortlisted", _("shortlisted")
        PRESENTED = "presented", _("presented to the employer")
        INTERVIEW = "interview", _("interview")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    class Source(models.TextChoices):
        RANKING = "ranking", _("ranking")
        ASSIGNMENT = "assignment", _("batch assignment")
        MANUAL = "manual", _("by hand")

    # Which status may follow which; "declined" may reopen as "shortlisted" (a second chance).
    TRANSITIONS = {
        "suggested": ("shortlisted", "declined"),
        "shortlisted": ("presented", "declined"),
        "presented": ("interview", "accepted", "declined"),
        "interview": ("accepted", "declined"),
        "accepted": (),
        "declined": ("shortlisted",),
    }
    # Statuses in which the employer has met the person (identity shared).
    PRESENTED_STATUSES = ("presented", "interview", "accepted")

    project = models.ForeignKey(
        "accounts.Project", on_delete=models.PROTECT, related_name="matches"
    )
    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="matches"
    )
    opening = models.ForeignKey(
        "employers.Opening", on_delete=models.CASCADE, related_name="matches"
    )
    score = models.FloatField(
        _("score"), null=True, blank=True, help_text=_("Empty when excluded.")
    )
    components = models.JSONField(_("components"), default=dict, blank=True)
    explanation_da = models.TextField(_("explanation (Danish)"), blank=True)
    explanation_en = models.TextField(_("explanation (English)"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUGGESTED
    )
    decline_reason = models.CharField(_("reason for declining"), max_length=300, blank=True)
    source = models.CharField(
        _("source"), max_length=12, choices=Source.choices, default=Source.RANKING
    )
    run = models.ForeignKey(
        "pipeline.AssignmentRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="matches",
    )
    status_changed_at = models.DateTimeField(_("status changed at"), auto_now_add=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "opening"], name="match_unique_pair")
        ]
        indexes = [
            models.Index(fields=["project", "status"]),
            models.Index(fields=["opening", "status"]),
        ]
        verbose_name = _("match")
        verbose_name_plural = _("matches")

    def __str__(self) -> str:
        return f"{self.candidate} → {self.opening}"

    @property
    def audit_subject_ref(self) -> str:
        return self.candidate.reference

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, ())

    @property
    def moves(self) -> list[tuple[str, str]]:
        """The statuses this match may move to next, with their labels."""
        return [(s, self.Status(s).label) for s in self.TRANSITIONS.get(self.status, ())]

    def explanation(self, language: str | None = None) -> str:
        return self.explanation_da if (language or "da")[:2] == "da" else self.explanation_en


class MatchEvent(models.Model):
    """One move of a match's status."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(_("who"), max_length=150)
    from_status = models.CharField(_("from"), max_length=12, blank=True)
    to_status = models.CharField(_("to"), max_length=12)
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("match event")
        verbose_name_plural = _("match events")

    def __str__(self) -> str:
        return f"{self.match_id}: {self.from_status or '–'} → {self.to_status}"
