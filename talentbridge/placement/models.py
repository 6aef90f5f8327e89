"""Placement runs: a cohort of households, the year's quotas, the model, and the recommendations.

A :class:`PlacementRun` goes draft → computed → approved. Computing fills each
:class:`RunHousehold` with the recommended municipality, its expected outcome, the top three
alternatives and why; the placement officer may override a recommendation with a reason;
approving locks the run (no more overrides or recomputation) and places the households.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutcomeModel(models.Model):
    """A trained outcome model (scikit-learn), with its model card. The newest one is used."""

    trained_at = models.DateTimeField(_("trained at"), auto_now_add=True)
    trained_by = models.CharField(_("trained by"), max_length=150)
    horizon_months = models.PositiveSmallIntegerField(_("horizon (months)"))
    rows = models.PositiveIntegerField(_("training rows"))
    positives = models.PositiveIntegerField(_("employed within the horizon"))
    features = models.JSONField(_("features"), default=list)
    validation_auc = models.FloatField(_("validation AUC"), null=True)
    calibration = models.JSONField(_("calibration table"), default=list)
    card = models.TextField(_("model card"))
    estimator = models.BinaryField(_("estimator (pickled)"))

    class Meta:
        ordering = ["-trained_at", "-id"]
        verbose_name = _("outcome model")
        verbose_name_plural = _("outcome models")

    def __str__(self) -> str:
        return f"outcome model {self.pk} ({self.trained_at:%Y-%m-%d})"


class PlacementRun(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        COMPUTED = "computed", _("computed")
        APPROVED = "approved", _("approved")

    class Source(models.TextChoices):
        SYSTEM = "system", _("granted candidates in Talentbridge")
        CSV = "csv", _("CSV file")

    class Scoring(models.TextChoices):
        OUTCOME_MODEL = "outcome_model", _("outcome model trained on recorded outcomes")
        DEMAND_PRIOR = "demand_prior", _("demand prior (no outcome history)")

    class Pacing(models.TextChoices):
        YEAR = "year", _("within what is left of the year's quotas")
        SHARE = "share", _("this cohort's share of what is left of the year's quotas")
        DYNAMIC = (
            "dynamic",
            _("within what is left of the year's quotas, priced on the expected rest of the year"),
        )

    project = models.ForeignKey(
        "accounts.Project", on_delete=models.PROTECT, related_name="placement_runs"
    )
    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("quota year"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    source = models.CharField(_("cohort from"), max_length=10, choices=Source.choices)
    slack = models.FloatField(
        _("quota slack"), default=0.05, help_text=_("e.g. 0.05 lets a quota be met within ±5 %.")
    )
    pacing = models.CharField(
        _("quota pacing"), max_length=10, choices=Pacing.choices, default=Pacing.YEAR
    )
    meet_floors = models.BooleanField(
        _("meet the year's floors"),
        default=False,
        help_text=_(
            "For the year's last cohort: every municipality must reach its quota minus the slack."
        ),
    )
    neighbour_km = models.PositiveSmallIntegerField(
        _("neighbour distance (km)"),
        default=30,
        help_text=_(
            "A tie also allows municipalities whose town hall is this close to the tie municipality's."
        ),
    )
    scoring = models.CharField(
        _("expected outcome from"), max_length=16, choices=Scoring.choices, blank=True
    )
    outcome_model = models.ForeignKey(
        OutcomeModel, on_delete=models.SET_NULL, null=True, blank=True, related_name="runs"
    )
    objective = models.FloatField(_("expected households with someone employed"), null=True)
    bound = models.FloatField(_("upper bound"), null=True)
    baseline = models.FloatField(_("quota-proportional random baseline"), null=True)
    solver = models.JSONField(_("solver report"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("placement run")
        verbose_name_plural = _("placement runs")

    def __str__(self) -> str:
        return self.name

    @property
    def locked(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def gap(self) -> float | None:
        if self.objective is None or not self.bound:
            return None
        return max(0.0, (self.bound - self.objective) / abs(self.bound))


class RunHousehold(models.Model):
    """One household of a run: who it is, its constraints, and what the run recommends."""

    run = models.ForeignKey(PlacementRun, on_delete=models.CASCADE, related_name="households")
    household = models.ForeignKey(
        "candidates.Household", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reference = models.CharField(_("household"), max_length=40)
    size = models.PositiveSmallIntegerField(_("persons"))
    people = models.JSONField(
        _("people"), default=list, help_text=_("Pseudonymous features of each member (no names).")
    )
    tie_kind = models.CharField(_("tie"), max_length=12, blank=True)
    tie_municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    tie_notes = models.JSONField(
        _("tie basis"),
        default=list,
        blank=True,
        help_text=_("The recorded job offers, IGU contracts and labels considered, and why."),
    )
    recommended = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recommended municipality"),
    )
    expected = models.FloatField(_("expected outcome"), null=True)
    alternatives = models.JSONField(
        _("top three"),
        default=list,
        help_text=_("The best three municipalities with expected outcome and why."),
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("placed in"),
    )
    override_reason = models.CharField(_("reason for overriding"), max_length=500, blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    overridden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["run", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["run", "reference"], name="placement_household_once")
        ]
        verbose_name = _("household in a run")
        verbose_name_plural = _("households in a run")

    def __str__(self) -> str:
        return f"{self.reference} ({self.run_id})"

    @property
    def audit_subject_ref(self) -> str:
        return self.reference

    @property
    def project_id(self) -> int:
        return self.run.project_id

    @property
    def overridden(self) -> bool:
        return bool(self.override_reason)


class Exclusion(models.Model):
    """A forbidden pair: this household must not be placed in this municipality."""

    household = models.ForeignKey(RunHousehold, on_delete=models.CASCADE, related_name="exclusions")
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["household", "municipality"], name="placement_exclusion_once"
            )
        ]
        verbose_name = _("forbidden municipality")
        verbose_name_plural = _("forbidden municipalities")

    def __str__(self) -> str:
        return f"{self.household_id} ≠ {self.municipality_id}"

    @property
    def audit_subject_ref(self) -> str:
        return self.household.reference

    @property
    def project_id(self) -> int:
        return self.household.run.project_id


class ServiceCapacity(models.Model):
    """A service a municipality can offer this run: housing units, language-school places …"""

    class Per(models.TextChoices):
        PERSON = "person", _("per person")
        HOUSEHOLD = "household", _("per household")
        ADULT = "adult", _("per adult")

    run = models.ForeignKey(PlacementRun, on_delete=models.CASCADE, related_name="capacities")
    name = models.CharField(_("service"), max_length=60)
    per = models.CharField(_("counted"), max_length=10, choices=Per.choices)
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    capacity = models.PositiveIntegerField(_("capacity"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["run", "name", "municipality"], name="placement_capacity_once"
            )
        ]
        verbose_name = _("service capacity")
        verbose_name_plural = _("service capacities")

    def __str__(self) -> str:
        return f"{self.name} {self.municipality_id}: {self.capacity} {self.per}"
