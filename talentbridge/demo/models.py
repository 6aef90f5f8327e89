"""Demo-only data: the hidden truth planted by the generator, for evaluating the matching.

Synthetic data only. Nothing here is shown in the UI or the API; ``talentbridge match
evaluate`` reads it. A row goes with its candidate (CASCADE), so erasing a person erases it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlantedTruth(models.Model):
    """What a synthetic candidate *really* is, drawn by the demo generator (see
    :mod:`talentbridge.demo.truth`): the ESCO skills truly held (recorded ones kept with a
    probability by evidence level, plus unrecorded skills of their occupations), the true
    Danish level and a hidden reliability/motivation factor."""

    candidate = models.OneToOneField(
        "candidates.Candidate",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="planted_truth",
    )
    seed = models.IntegerField(_("seed"))
    skills = models.JSONField(_("true skills (ESCO URIs)"), default=list)
    danish = models.CharField(_("true Danish level (CEFR)"), max_length=8)
    factor = models.FloatField(_("reliability/motivation factor"))

    class Meta:
        verbose_name = _("planted truth (demo)")
        verbose_name_plural = _("planted truths (demo)")

    def __str__(self) -> str:
        return f"planted truth of candidate {self.candidate_id}"
