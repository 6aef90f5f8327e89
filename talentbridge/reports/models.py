"""Targets a project has promised its funder, e.g. "500 assessed" or "1/3 of participants employed".

A target names a figure of the registry (``reports.figures``). It is either a number of
persons or companies (``of_figure`` blank) or a share of another figure ("employed" as 1/3
of "participants"); a share target becomes a number once the other figure is known.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Target(models.Model):
    project = models.ForeignKey(
        "accounts.Project", on_delete=models.CASCADE, related_name="targets"
    )
    figure = models.CharField(_("figure"), max_length=40)
    value = models.DecimalField(
        _("target"),
        max_digits=10,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("A number (500), or a share (0.3333) when 'share of' is given."),
    )
    of_figure = models.CharField(_("share of"), max_length=40, blank=True)
    due_on = models.DateField(_("by"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "figure"]
        constraints = [
            models.UniqueConstraint(fields=["project", "figure"], name="target_unique_figure")
        ]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        if self.of_figure:
            return f"{self.project.code}: {self.figure} = {self.value} × {self.of_figure}"
        return f"{self.project.code}: {self.figure} = {self.value}"

    @property
    def is_share(self) -> bool:
        return bool(self.of_figure)

    def clean(self):
        from .figures import FIGURES

        errors = {}
        if self.figure not in FIGURES:
            errors["figure"] = _("Unknown figure.")
        if self.of_figure and self.of_figure not in FIGURES:
            errors["of_figure"] = _("Unknown figure.")
        if self.of_figure and self.of_figure == self.figure:
            errors["of_figure"] = _("A figure cannot be a share of itself.")
        if self.of_figure and self.value is not None and self.value > 1:
            errors["value"] = _("A share is a number between 0 and 1, e.g. 0.3333 for one third.")
        if errors:
            raise ValidationError(errors)

    def count_for(self, actual_of: int | None) -> float | None:
        """The target as a number: the value itself, or the share times the other figure."""
        if not self.of_figure:
            return float(self.value)
        if actual_of is None:
            return None
        return float(self.value) * actual_of
