"""Keep each candidate's cached milestones (``Milestones``) in step with the records.

Every save or delete of a step, follow-up, assessment or match through the ORM refreshes
that candidate's row. Bulk loads bypass signals; the reports notice them by counting rows
(``cache.ensure_fresh``) and refresh the projects concerned.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from . import cache


def _refresh(sender, instance, origin=None, **kwargs) -> None:
    candidate_id = getattr(instance, "candidate_id", None)
    if candidate_id is not None and not _deletes_candidates(origin):
        cache.refresh(candidate_ids=[candidate_id])


def _deletes_candidates(origin) -> bool:
    """The delete started from candidates (an instance or a queryset): it cascades to their
    steps, follow-ups and assessments, and their milestones row goes with them; refreshing it
    from the cascaded deletes would write it back for a candidate about to disappear."""
    candidate = apps.get_model("candidates", "Candidate")
    return isinstance(origin, candidate) or getattr(origin, "model", None) is candidate


def _candidate_saved(sender, instance, created, **kwargs) -> None:
    if created:
        cache.refresh(candidate_ids=[instance.pk])


def connect() -> None:
    from .models import FollowUp, PathwayStep

    sources = [PathwayStep, FollowUp, apps.get_model("candidates", "Assessment")]
    try:
        match = apps.get_model("pipeline", "Match")
    except LookupError:
        match = None
    if match is not None and any(f.name == "candidate" for f in match._meta.fields):
        sources.append(match)
    for model in sources:
        post_save.connect(
            _refresh, sender=model, dispatch_uid=f"milestones-save-{model._meta.label}"
        )
        post_delete.connect(
            _refresh, sender=model, dispatch_uid=f"milestones-delete-{model._meta.label}"
        )
    candidate = apps.get_model("candidates", "Candidate")
    post_save.connect(_candidate_saved, sender=candidate, dispatch_uid="milestones-candidate")
