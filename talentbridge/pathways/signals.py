"""Keep each candidate's cached milestones (``Milestones``) in step with the records.

Every save or delete of a step, follow-up, assessment or match through the ORM refreshes
that candidate's row. Bulk loads bypass signals; the reports notice them by counting rows
(``cache.ensure_fresh``) and refresh the projects concerned.
"""

from __future__ import annotations

import threading

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_delete

from . import cache

# Candidates being deleted in this thread: deleting a candidate cascades to their steps,
# follow-ups and assessments, whose post_delete must not write a milestones row again for a
# candidate that is about to disappear.
_deleting = threading.local()


def _being_deleted() -> set:
    if not hasattr(_deleting, "ids"):
        _deleting.ids = set()
    return _deleting.ids


def _refresh(sender, instance, **kwargs) -> None:
    candidate_id = getattr(instance, "candidate_id", None)
    if candidate_id is not None and candidate_id not in _being_deleted():
        cache.refresh(candidate_ids=[candidate_id])


def _candidate_deleting(sender, instance, **kwargs) -> None:
    _being_deleted().add(instance.pk)


def _candidate_deleted(sender, instance, **kwargs) -> None:
    _being_deleted().discard(instance.pk)


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
    pre_delete.connect(
        _candidate_deleting, sender=candidate, dispatch_uid="milestones-candidate-deleting"
    )
    post_delete.connect(
        _candidate_deleted, sender=candidate, dispatch_uid="milestones-candidate-deleted"
    )
