"""Courses that close skill gaps: Danish lessons by module, vocational courses (forklift,
welding certificates, hygiene, first aid), each with the ESCO skills it gives."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from talentbridge.candidates.models import CEFR

# Danish education for adults (danskuddannelse): three tracks, DU1 (little schooling),
# DU2 (some schooling) and DU3 (long schooling), each of six modules. The CEFR level the end
# of a module roughly corresponds to; module 6 ends with Prøve i Dansk 1, 2 or 3
# (A2, B1 and B2). A course with a module and no Danish level takes the module's level.
_TRACK_LEVELS = {
    "DU1": ("A1", "A1", "A1", "A2", "A2", "A2"),
    "DU2": ("A1", "A2", "A2", "B1", "B1", "B1"),
    "DU3": ("A2", "A2", "B1", "B1", "B2", "B2"),
}
DANISH_MODULE_LEVELS: dict[str, str] = {
    f"{track}.{m}": level
    for track, levels in _TRACK_LEVELS.items()
    for m, level in enumerate(levels, start=1)
}
DANISH_MODULES = [
    (code, format_lazy(_("{track}, module {module}"), track=code[:3], module=code[-1]))
    for code in DANISH_MODULE_LEVELS
]


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
    danish_module = models.CharField(
        _("Danish education module"),
        max_length=5,
        choices=DANISH_MODULES,
        blank=True,
        help_text=_(
            "For Danish lessons: the track (DU1, DU2, DU3) and module (1–6) the course teaches."
        ),
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

    def clean(self) -> None:
        super().clean()
        if self.danish_module and self.kind != self.Kind.DANISH:
            raise ValidationError(
                {"danish_module": _("Only Danish lessons have a Danish education module.")}
            )
        if self.danish_module and not self.danish_level:
            self.danish_level = DANISH_MODULE_LEVELS.get(self.danish_module, "")
