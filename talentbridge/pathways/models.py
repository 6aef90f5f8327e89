"""Pathways: what each candidate does after the assessment, and how it ends.

A pathway is a timeline of steps (internship, IGU, wage-subsidy job, ordinary job, education,
Danish lessons, courses). Each step has follow-ups at 3, 6 and 12 months that record the
outcome; those outcomes are the history the placement model learns from.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

#: Kinds grouped the way the programme figures and the candidate status read them.
EMPLOYMENT_KINDS = ("job", "igu")
EDUCATION_KINDS = ("education", "apprenticeship")
INTERNSHIP_OR_SUBSIDY_KINDS = ("internship", "wage_subsidy")
#: Steps towards work or education. Danish lessons and courses support a pathway but are not one.
PATHWAY_KINDS = ("internship", "igu", "wage_subsidy", "job", "education", "apprenticeship")
FOLLOW_UP_MONTHS = (3, 6, 12)
#: An IGU (integrationsgrunduddannelse) runs two years: paid work plus school.
IGU_MONTHS = 24


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus whole months, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))


class Mentor(models.Model):
    class Kind(models.TextChoices):
        WORKPLACE = "workplace", _("workplace mentor")
        VOLUNTEER = "volunteer", _("volunteer mentor")

    project = models.ForeignKey(
        "accounts.Project", on_delete=models.PROTECT, related_name="mentors"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    employer = models.ForeignKey(
        "employers.Employer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentors",
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    candidates = models.ManyToManyField("candidates.Candidate", blank=True, related_name="mentors")
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")

    def __str__(self) -> str:
        return self.name


class MentorMeeting(models.Model):
    mentor = models.ForeignKey(Mentor, on_delete=models.CASCADE, related_name="meetings")
    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="mentor_meetings"
    )
    date = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("mentor meeting")
        verbose_name_plural = _("mentor meetings")

    def __str__(self) -> str:
        return f"{self.mentor} · {self.candidate_id} · {self.date}"

    @property
    def project_id(self) -> int:
        return self.candidate.project_id

    @property
    def audit_subject_ref(self) -> str:
        return self.candidate.reference


class PathwayStep(models.Model):
    class Kind(models.TextChoices):
        INTERNSHIP = "internship", _("company internship (virksomhedspraktik)")
        IGU = "igu", _("IGU (two years: paid work plus school)")
        WAGE_SUBSIDY = "wage_subsidy", _("wage-subsidy job")
        JOB = "job", _("ordinary job")
        EDUCATION = "education", _("education")
        APPRENTICESHIP = "apprenticeship", _("apprenticeship")
        DANISH_LESSONS = "danish_lessons", _("Danish lessons")
        COURSE = "course", _("course")

    class Ending(models.TextChoices):
        ONGOING = "", _("ongoing")
        COMPLETED = "completed", _("completed")
        HIRED = "hired", _("led to employment")
        DROPPED_OUT = "dropped_out", _("dropped out")
        ENDED_BY_EMPLOYER = "ended_by_employer", _("ended by the employer")
        MOVED = "moved", _("moved away")
        OTHER = "other", _("other")

    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="pathway_steps"
    )
    project = models.ForeignKey(
        "accounts.Project", on_delete=models.PROTECT, related_name="pathway_steps"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    employer = models.ForeignKey(
        "employers.Employer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pathway_steps",
    )
    opening = models.ForeignKey(
        "employers.Opening",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pathway_steps",
    )
    provider = models.CharField(
        _("school or provider"),
        max_length=200,
        blank=True,
        help_text=_("For an IGU: the school of its school part."),
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    mentor = models.ForeignKey(
        Mentor, on_delete=models.SET_NULL, null=True, blank=True, related_name="steps"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    # When the step is meant to end; ``ends_on`` is when it did. An IGU started without an
    # end gets two years after its start (``services.start_step``).
    planned_end_on = models.DateField(
        _("planned end"),
        null=True,
        blank=True,
        help_text=_("For an IGU, two years after the start unless given."),
    )
    # The school part of an IGU: the school is ``provider``, the employer the paid part.
    school_weeks = models.PositiveSmallIntegerField(
        _("school weeks"),
        null=True,
        blank=True,
        help_text=_("IGU only: weeks of school in the two years (at most 104)."),
    )
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    time_limited = models.BooleanField(_("time-limited"), default=False)
    ending = models.CharField(
        _("how it ended"), max_length=20, choices=Ending.choices, blank=True, default=""
    )
    note = models.TextField(_("note"), blank=True)
    # The pipeline's match this step started from (pipeline.Match may live in another app's
    # migrations, so it is kept as a plain id; unique so that accepting twice starts one step).
    source_match_id = models.BigIntegerField(
        _("started from match"), null=True, blank=True, unique=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["candidate", "starts_on", "id"]
        verbose_name = _("pathway step")
        verbose_name_plural = _("pathway steps")
        indexes = [
            models.Index(fields=["project", "kind", "starts_on"]),
            models.Index(
                fields=["candidate", "kind", "starts_on"], name="step_candidate_kind_start"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="step_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id} {self.kind} {self.starts_on}"

    @property
    def is_pathway(self) -> bool:
        return self.kind in PATHWAY_KINDS

    @property
    def is_igu(self) -> bool:
        return self.kind == self.Kind.IGU

    def is_current(self, on: datetime.date) -> bool:
        return self.starts_on <= on and (self.ends_on is None or self.ends_on >= on)

    @property
    def audit_subject_ref(self) -> str:
        return self.candidate.reference


class FollowUpQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        # The candidate is copied from the step (see FollowUp.candidate), also in bulk.
        objs = list(objs)
        for obj in objs:
            if obj.candidate_id is None and obj.step_id is not None:
                obj.candidate_id = obj.step.candidate_id
        return super().bulk_create(objs, *args, **kwargs)


class FollowUp(models.Model):
    """A scheduled check 3, 6 or 12 months after a step starts, and the outcome found."""

    class Outcome(models.TextChoices):
        EMPLOYED = "employed", _("employed")
        IN_EDUCATION = "in_education", _("in education")
        UNEMPLOYED = "unemployed", _("unemployed")
        MOVED_AWAY = "moved_away", _("moved away")
        UNKNOWN = "unknown", _("unknown")

    step = models.ForeignKey(PathwayStep, on_delete=models.CASCADE, related_name="follow_ups")
    # The step's candidate, copied on save: the reports read a person's outcomes without
    # joining a million steps.
    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="follow_ups", editable=False
    )
    months = models.PositiveSmallIntegerField(
        _("months after start"), choices=[(3, "3"), (6, "6"), (12, "12")]
    )
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=14, choices=Outcome.choices, blank=True)
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["step", "months"], name="followup_unique_months")
        ]
        indexes = [
            models.Index(fields=["done_on", "due_on"], name="followup_done_due"),
            models.Index(
                fields=["candidate", "outcome", "done_on"],
                name="followup_work_or_education",
                condition=models.Q(outcome__in=["employed", "in_education"]),
            ),
        ]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.step} +{self.months} months"

    def save(self, *args, **kwargs):
        if self.candidate_id is None and self.step_id is not None:
            self.candidate_id = self.step.candidate_id
        super().save(*args, **kwargs)

    @property
    def project_id(self) -> int:
        return self.step.project_id

    @property
    def audit_subject_ref(self) -> str:
        return self.step.candidate.reference

    @property
    def is_done(self) -> bool:
        return bool(self.outcome)


class Milestones(models.Model):
    """Each candidate's first (and latest) dates of every stage, kept up to date on each change.

    A cache of what ``pathways.milestones.facts_sql`` computes from the steps, follow-ups,
    assessments and matches, so that the programme dashboard does not read a million steps
    on every request. ``pathways.cache.refresh`` writes it; the ``n_*`` counts let the
    reports check, cheaply, that no record was added or removed behind its back (a bulk
    load, for example) and refresh it first when one was.
    """

    candidate = models.OneToOneField(
        "candidates.Candidate",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="milestones",
    )
    pathway_on = models.DateField(null=True)
    internship_on = models.DateField(null=True)
    internship_ws_on = models.DateField(null=True)
    attached_on = models.DateField(null=True)
    job_on = models.DateField(null=True)
    job_last_on = models.DateField(null=True)
    edu_on = models.DateField(null=True)
    edu_last_on = models.DateField(null=True)
    step_matched_on = models.DateField(null=True)
    fu_emp_on = models.DateField(null=True)
    fu_emp_last_on = models.DateField(null=True)
    fu_edu_on = models.DateField(null=True)
    fu_edu_last_on = models.DateField(null=True)
    assessed_on = models.DateField(null=True)
    pm_on = models.DateField(null=True)
    # Combined once here rather than on every report: a match or a step from one; a job step
    # or a follow-up "employed"; an education step or a follow-up "in education".
    matched_on = models.DateField(null=True)
    employed_on = models.DateField(null=True)
    employed_last_on = models.DateField(null=True)
    education_on = models.DateField(null=True)
    education_last_on = models.DateField(null=True)
    # The latest of the dates above: reports on a period ending before it cannot use this row.
    latest_on = models.DateField(null=True, db_index=True)
    n_steps = models.PositiveIntegerField(default=0)
    n_outcomes = models.PositiveIntegerField(default=0)
    n_signed = models.PositiveIntegerField(default=0)
    n_matches = models.PositiveIntegerField(default=0)
    refreshed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("milestones")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return f"milestones of {self.candidate_id}"
