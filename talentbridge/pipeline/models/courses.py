"""Courses that close skill gaps: Danish lessons by module, vocational courses (forklift,
welding certificates, hygiene, first aid), each with the ESCO skills it gives."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from talentbridge.candidates.models import CEFR


class Course(models.Model):
    class Kind(models.TextChoices):
        DANISH = "danish", _("Danish lessons")
        VOCATIONAL = "vocational", _("vocational course")
        OTHER = "other", _("other course")

    project = models.ForeignKey(
        "accounts.Project",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="courses",
        help_text=_("Empty: offered to every project."),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.VOCATIONAL)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    skills = models.ManyToManyField(
        "taxonomy.Concept", blank=True, related_name="+", verbose_name=_("skills given")
    )
    danish_level = models.CharField(
        _("Danish level reached"),
        max_length=6,
        choices=CEFR.choices,
        blank=True,
        help_text=_("For a Danish module: the CEFR level it brings a learner to."),
    )
    english_level = models.CharField(
        _("English level reached"), max_length=6, choices=CEFR.choices, blank=True
    )
    driving_licence = models.CharField(_("driving licence given"), max_length=4, blank=True)
    duration_days = models.PositiveIntegerField(_("duration (days)"), default=1)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="courses",
        help_text=_("Where it is given; empty for online or anywhere."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return self.name
