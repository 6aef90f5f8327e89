"""Consent, the audit trail and data requests: what Talentbridge promises the people whose data it holds."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One create, read, update, delete or export of personal data.

    ``subject_ref`` is the pseudonymous reference of the person whose data was touched; it is
    kept when the person is erased, so that the trail shows the erasure without identifying
    anyone.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("create")
        READ = "read", _("read")
        UPDATE = "update", _("update")
        DELETE = "delete", _("delete")
        EXPORT = "export", _("export")
        LOGIN = "login", _("login")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("who"),
    )
    actor_label = models.CharField(
        _("actor"),
        max_length=150,
        blank=True,
        help_text=_("Username, or who acted without an account."),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=60)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    subject_ref = models.CharField(_("person"), max_length=40, blank=True, db_index=True)
    project_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    channel = models.CharField(
        _("through"), max_length=200, help_text=_("The view, API endpoint or command.")
    )
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}:{self.object_id}"


class Consent(models.Model):
    """One decision of a candidate for one purpose: given or withdrawn, when and recorded by whom.

    Decisions are never edited: a withdrawal is a new row. The latest row for a candidate,
    purpose and (for identity) employer is what counts; see ``privacy.consent``.
    """

    class Purpose(models.TextChoices):
        ASSESSMENT = "assessment", _("competence assessment")
        SHARE_ANONYMISED = "share_anonymised", _("share an anonymised profile with employers")
        REVEAL_IDENTITY = "reveal_identity", _("reveal identity to a named employer")
        HANDOVER = (
            "handover",
            _("hand over to the placement authority and the receiving municipality"),
        )

    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    employer = models.ForeignKey(
        "employers.Employer",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consents",
        help_text=_("Only for revealing identity to this employer."),
    )
    given = models.BooleanField(_("given"))
    at = models.DateTimeField(_("when"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by_candidate = models.BooleanField(
        _("by the candidate"),
        default=False,
        help_text=_("Given or withdrawn by the candidate directly."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["candidate", "purpose", "employer", "-at"])]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        verb = "given" if self.given else "withdrawn"
        return f"{self.candidate_id} {self.purpose} {verb}"


class DataRequest(models.Model):
    """A person's request to see everything held about them (access) or to be forgotten (erasure).

    ``subject_ref`` keeps the pseudonymous reference after an erasure, when the candidate row
    itself is gone; the row then records only that the erasure happened, when and by whom.
    """

    class Kind(models.TextChoices):
        ACCESS = "access", _("access (export of everything held)")
        ERASURE = "erasure", _("erasure")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")
        REFUSED = "refused", _("refused")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    candidate = models.ForeignKey(
        "candidates.Candidate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="data_requests",
    )
    subject_ref = models.CharField(_("person"), max_length=40, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    result = models.JSONField(
        _("result"),
        default=dict,
        blank=True,
        help_text=_("What was exported or deleted (counts only)."),
    )

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")

    def __str__(self) -> str:
        return f"{self.subject_ref} {self.kind} {self.status}"
