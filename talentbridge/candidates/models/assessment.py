"""The competence assessment, versioned, in the sections of the EU Skills Profile Tool for
Third-Country Nationals: personal situation, expectations, education, work experience,
skills with evidence, languages, digital skills, driving licences, certificates, and the
assessor's appraisal and next steps. Signing off freezes a version; a later change starts a
new draft (see ``candidates.assessments``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .people import CEFR, CEFR_ORDER, Candidate, EvidenceLevel


class Assessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SIGNED_OFF = "signed_off", _("signed off")

    class DigitalLevel(models.TextChoices):
        NONE = "none", _("none")
        BASIC = "basic", _("basic")
        INTERMEDIATE = "intermediate", _("intermediate")
        ADVANCED = "advanced", _("advanced")

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="assessments")
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="assessments"
    )
    interpreter_language = models.CharField(
        _("interpreter's language"),
        max_length=8,
        blank=True,
        help_text=_("ISO 639 code; blank if none"),
    )
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Personal situation
    personal_situation = models.TextField(_("personal situation"), blank=True)
    # Expectations
    wants_job = models.BooleanField(_("wants a job"), default=True)
    wants_education = models.BooleanField(_("wants education"), default=False)
    wants_danish_lessons = models.BooleanField(_("wants Danish lessons"), default=True)
    wants_self_employment = models.BooleanField(_("wants self-employment"), default=False)
    preferred_sectors = models.JSONField(_("preferred sectors"), default=list, blank=True)
    preferred_occupations = models.ManyToManyField(
        "taxonomy.Concept", blank=True, related_name="+", verbose_name=_("preferred occupations")
    )
    willing_to_move = models.BooleanField(_("willing to move"), default=True)
    max_distance_km = models.PositiveIntegerField(_("maximum distance (km)"), null=True, blank=True)
    expectations_note = models.TextField(_("expectations"), blank=True)
    # Digital skills, driving licence
    digital_level = models.CharField(
        _("digital skills"), max_length=12, choices=DigitalLevel.choices, default=DigitalLevel.BASIC
    )
    digital_note = models.TextField(_("digital skills note"), blank=True)
    driving_licences = models.JSONField(
        _("driving licences"),
        default=list,
        blank=True,
        help_text=_("EU categories, e.g. B, C, CE, D"),
    )
    # Appraisal
    appraisal = models.TextField(_("overall appraisal"), blank=True)
    next_steps = models.TextField(_("recommended next steps"), blank=True)
    imported_from = models.CharField(
        _("imported from"),
        max_length=300,
        blank=True,
        help_text=_("For a handed-over assessment: the organisation and assessor that made it."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["candidate", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "version"], name="assessment_unique_version"
            )
        ]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return f"{self.candidate.reference} v{self.version}"

    @property
    def audit_subject_ref(self) -> str:
        return self.candidate.reference

    @property
    def project_id(self) -> int:
        return self.candidate.project_id


class EducationEntry(models.Model):
    class Recognition(models.TextChoices):
        NOT_APPLIED = "not_applied", _("not applied for")
        PENDING = "pending", _("pending")
        RECOGNISED = "recognised", _("recognised")
        PARTLY = "partly", _("partly recognised")
        REFUSED = "refused", _("not recognised")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="education")
    isced_level = models.PositiveSmallIntegerField(
        _("ISCED 2011 level"),
        validators=[MaxValueValidator(8)],
        help_text=_("0 early childhood … 8 doctoral"),
    )
    isced_field = models.CharField(
        _("ISCED-F field"), max_length=4, blank=True, help_text=_("e.g. 0715")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    years = models.DecimalField(_("years"), max_digits=4, decimal_places=1, null=True, blank=True)
    completed = models.BooleanField(_("completed"), default=True)
    documents_held = models.BooleanField(_("documents held"), default=False)
    recognition = models.CharField(
        _("recognition"),
        max_length=12,
        choices=Recognition.choices,
        default=Recognition.NOT_APPLIED,
    )

    class Meta:
        ordering = ["-isced_level"]
        verbose_name = _("education")
        verbose_name_plural = _("education")

    def __str__(self) -> str:
        return self.title or f"ISCED {self.isced_level}"

    @property
    def isced_label(self):
        from ..standards import ISCED_LEVELS

        return ISCED_LEVELS.get(self.isced_level, "")


class WorkExperience(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="work_experience"
    )
    occupation = models.ForeignKey(
        "taxonomy.Concept",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation (ESCO)"),
    )
    title = models.CharField(_("job title as stated"), max_length=200, blank=True)
    years = models.DecimalField(_("years"), max_digits=4, decimal_places=1, default=0)
    country = models.CharField(_("country"), max_length=2, blank=True)
    last_year = models.PositiveSmallIntegerField(_("last year worked"), null=True, blank=True)
    tasks = models.TextField(_("tasks"), blank=True)

    class Meta:
        ordering = ["-years"]
        verbose_name = _("work experience")
        verbose_name_plural = _("work experience")

    def __str__(self) -> str:
        return f"{self.occupation or self.title} ({self.years} y)"


class AssessedSkill(models.Model):
    class Source(models.TextChoices):
        ASSESSOR = "assessor", _("assessor")
        SELF_ASSESSMENT = "self_assessment", _("self-assessment")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey("taxonomy.Concept", on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(
        _("level"),
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        default=2,
        help_text=_("1 basic … 4 expert"),
    )
    evidence = models.PositiveSmallIntegerField(
        _("evidence"), choices=EvidenceLevel.choices, default=EvidenceLevel.SELF_REPORTED
    )
    source = models.CharField(
        _("source"), max_length=16, choices=Source.choices, default=Source.ASSESSOR
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "skill"], name="assessedskill_unique")
        ]
        verbose_name = _("assessed skill")
        verbose_name_plural = _("assessed skills")

    def __str__(self) -> str:
        return f"{self.skill} ({self.level}/{self.evidence})"


class LanguageSkill(models.Model):
    """CEFR levels per language; self-reported and tested levels are kept apart."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(
        _("language"), max_length=8, help_text=_("ISO 639 code, e.g. da, en, ar, ti")
    )
    mother_tongue = models.BooleanField(_("mother tongue"), default=False)
    self_understanding = models.CharField(
        _("understanding (self)"), max_length=6, choices=CEFR.choices, blank=True
    )
    self_speaking = models.CharField(
        _("speaking (self)"), max_length=6, choices=CEFR.choices, blank=True
    )
    self_writing = models.CharField(
        _("writing (self)"), max_length=6, choices=CEFR.choices, blank=True
    )
    tested_understanding = models.CharField(
        _("understanding (tested)"), max_length=6, choices=CEFR.choices, blank=True
    )
    tested_speaking = models.CharField(
        _("speaking (tested)"), max_length=6, choices=CEFR.choices, blank=True
    )
    tested_writing = models.CharField(
        _("writing (tested)"), max_length=6, choices=CEFR.choices, blank=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "language"], name="languageskill_unique")
        ]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.language

    @property
    def name_local(self) -> str:
        from ..standards import language_name

        return language_name(self.language, local=True)

    @property
    def is_tested(self) -> bool:
        return any([self.tested_understanding, self.tested_speaking, self.tested_writing])

    def effective_level(self) -> str:
        """The level matching relies on: the lowest tested level, else the lowest self-reported one."""
        tested = [self.tested_understanding, self.tested_speaking, self.tested_writing]
        own = [self.self_understanding, self.self_speaking, self.self_writing]
        for levels in (tested, own):
            present = [lvl for lvl in levels if lvl]
            if present:
                return min(present, key=CEFR_ORDER.__getitem__)
        return ""


class Certificate(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="certificates"
    )
    name = models.CharField(_("name"), max_length=200)
    issuer = models.CharField(_("issuer"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    skill = models.ForeignKey(
        "taxonomy.Concept", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.name
