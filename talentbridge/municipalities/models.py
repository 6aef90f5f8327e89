"""Danish municipalities, their regions and the yearly refugee quotas (kommunekvoter)."""

from __future__ import annotations

import math

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    code = models.CharField(_("code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    code = models.CharField(
        _("code"), max_length=4, unique=True, help_text=_("Official 3–4 digit code, e.g. 0101.")
    )
    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")
    population = models.PositiveIntegerField(_("population"))
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name

    def distance_km(self, other: Municipality) -> float:
        return haversine_km(self.latitude, self.longitude, other.latitude, other.longitude)


class Quota(models.Model):
    """How many refugees a municipality receives in a year (the landstal split by region)."""

    year = models.PositiveSmallIntegerField(_("year"))
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="quotas")
    quota = models.PositiveIntegerField(_("quota"))

    class Meta:
        ordering = ["year", "municipality__code"]
        constraints = [
            models.UniqueConstraint(fields=["year", "municipality"], name="quota_unique_year")
        ]
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")

    def __str__(self) -> str:
        return f"{self.year} {self.municipality}: {self.quota}"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))
