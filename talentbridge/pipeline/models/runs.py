"""A batch assignment: a consultant asks for the best assignment of candidates to a set of
openings (usually internship places), reviews the proposals, and only then sends them —
each proposal kept becomes a shortlisted match."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AssignmentRun(models.Model):
    class Status(models.TextChoices):
        REVIEW = "review", _("to review")
        SENT = "sent", _("sent")
        DISCARDED = "discarded", _("discarded")

    project = models.ForeignKey(
        "accounts.Project", on_delete=models.PROTECT, related_name="assignment_runs"
    )
    openings = models.ManyToManyField(
        "employers.Opening", related_name="assignment_runs", verbose_name=_("openings")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REVIEW
    )
    fair = models.BooleanField(
        _("everyone once before anyone twice"),
        default=False,
        help_text=_(
            "First serve as many different candidates as possible, then the best total score."
        ),
    )
    min_score = models.FloatField(_("lowest score proposed"), default=0.0)
    weights = models.JSONField(_("weights used"), default=dict, blank=True)
    candidates_considered = models.PositiveIntegerField(_("candidates considered"), default=0)
    places = models.PositiveIntegerField(_("places"), default=0)
    objective = models.FloatField(_("total score"), default=0.0)
    upper_bound = models.FloatField(_("bound on the optimum"), default=0.0)
    greedy_objective = models.FloatField(
        _("total score of the greedy assignment"), null=True, blank=True
    )
    seconds = models.FloatField(_("seconds"), default=0.0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("assignment run")
        verbose_name_plural = _("assignment runs")

    def __str__(self) -> str:
        return f"#{self.pk} {self.project} ({self.get_status_display()})"


class Proposal(models.Model):
    """One proposed pair of a run; the reviewer may leave it out before sending."""

    run = models.ForeignKey(AssignmentRun, on_delete=models.CASCADE, related_name="proposals")
    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="+"
    )
    opening = models.ForeignKey("employers.Opening", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("score"))
    components = models.JSONField(_("components"), default=dict, blank=True)
    explanation_da = models.TextField(_("explanation (Danish)"), blank=True)
    explanation_en = models.TextField(_("explanation (English)"), blank=True)
    included = models.BooleanField(_("included"), default=True)
    match = models.ForeignKey(
        "pipeline.Match", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["opening_id", "-score", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "candidate", "opening"], name="proposal_unique_pair"
            )
        ]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self) -> str:
        return f"{self.candidate} → {self.opening}"

    @property
    def audit_subject_ref(self) -> str:
        return self.candidate.reference

    @property
    def project_id(self) -> int:
        return self.run.project_id

    def explanation(self, language: str | None = None) -> str:
        return self.explanation_da if (language or "da")[:2] == "da" else self.explanation_en
