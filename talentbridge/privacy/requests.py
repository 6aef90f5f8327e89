"""Data requests: access (everything held about a person) and erasure (forget the person).

Both are for administrators. "Everything held" is found the way Django's admin finds what a
delete would take with it: every row that refers to the candidate, in any app (assessments,
self-assessments, consents, matches, pathways …), so a new app is covered without a change
here. Erasure deletes exactly those rows, the household when nobody is left in it, and the
details of the audit events about the person; the events themselves stay, with only the
pseudonymous reference, so the trail shows that the erasure happened.
"""

from __future__ import annotations

import json
from collections import Counter

from django.contrib.admin.utils import NestedObjects
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, transaction
from django.http import Http404
from django.utils import timezone

from talentbridge.accounts.access import is_administrator

from . import audit
from .models import AuditEvent, DataRequest

A = AuditEvent.Action


def require_admin(user) -> None:
    if not is_administrator(user):
        raise Http404


def _collect(candidate) -> list:
    collector = NestedObjects(using=DEFAULT_DB_ALIAS)
    collector.collect([candidate])
    if collector.protected:
        blockers = sorted(
            {f"{o._meta.app_label}.{o._meta.model_name}" for o in collector.protected}
        )
        raise ValidationError(
            {"candidate": f"records that must be removed first: {', '.join(blockers)}"}
        )
    objects = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                objects.append(item)

    walk(collector.nested())
    return objects


def find_candidate(reference: str):
    from talentbridge.candidates.models import Candidate

    candidate = Candidate.objects.filter(reference=(reference or "").strip().upper()).first()
    if candidate is None:
        raise ValidationError({"reference": f"no candidate with reference {reference!r}"})
    return candidate


def access_export(user, candidate) -> dict:
    """Everything held about the candidate, as plain data (JSON-serialisable)."""
    require_admin(user)
    objects = _collect(candidate)
    if candidate.household_id:
        objects.append(candidate.household)
    records: dict[str, list] = {}
    for obj in objects:
        label = f"{obj._meta.app_label}.{obj._meta.model_name}"
        data = json.loads(serializers.serialize("json", [obj], cls=DjangoJSONEncoder))[0]
        records.setdefault(label, []).append({"id": data["pk"], **data["fields"]})
    events = AuditEvent.objects.filter(subject_ref=candidate.reference).order_by("at", "id")
    audit.record(user, A.EXPORT, candidate, detail={"data_request": "access"})
    return {
        "subject_ref": candidate.reference,
        "generated_at": timezone.now().isoformat(),
        "records": records,
        "audit_trail": [
            {
                "at": e.at.isoformat(),
                "actor": e.actor_label,
                "action": e.action,
                "object_type": e.object_type,
                "channel": e.channel,
            }
            for e in events
        ],
    }


@transaction.atomic
def erase(user, candidate) -> dict:
    """Delete everything identifying about the candidate. Returns counts per record type."""
    require_admin(user)
    reference, project_id = candidate.reference, candidate.project_id
    objects = _collect(candidate)
    counts = Counter(f"{o._meta.app_label}.{o._meta.model_name}" for o in objects)
    household = candidate.household
    pk = candidate.pk
    candidate.delete()
    _remove_rows_recreated_during_delete(pk)
    if household is not None and not household.members.exists():
        household.delete()
        counts["candidates.household"] += 1
    # Keep the trail, drop whatever details it carried about the person.
    AuditEvent.objects.filter(subject_ref=reference).update(detail={})
    DataRequest.objects.filter(subject_ref=reference).update(note="")
    audit.record(
        user,
        A.DELETE,
        object_type="candidates.candidate",
        subject_ref=reference,
        project_id=project_id,
        detail={"data_request": "erasure", "deleted": dict(counts)},
    )
    return dict(counts)


def _remove_rows_recreated_during_delete(candidate_pk: int) -> None:
    """Signal handlers that run while the cascade deletes a candidate's records (for example a
    cache of per-person figures refreshed on every deleted assessment) can write a new row
    for the candidate being deleted. The foreign keys are checked at commit, so such rows are
    removed here, in the same transaction, whatever app they belong to."""
    from django.apps import apps

    from talentbridge.candidates.models import Candidate

    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is Candidate:
                model._base_manager.filter(**{field.attname: candidate_pk}).delete()


def create_request(user, reference: str, kind: str, note: str = "") -> DataRequest:
    require_admin(user)
    if kind not in DataRequest.Kind.values:
        raise ValidationError({"kind": f"one of {', '.join(DataRequest.Kind.values)}"})
    candidate = find_candidate(reference)
    return DataRequest.objects.create(
        kind=kind,
        candidate=candidate,
        subject_ref=candidate.reference,
        note=note[:300],
        requested_by=user if getattr(user, "pk", None) else None,
    )


@transaction.atomic
def execute(user, request: DataRequest) -> dict:
    """Carry out an open request. Access returns the export; erasure returns the counts."""
    require_admin(user)
    if request.status != DataRequest.Status.OPEN:
        raise ValidationError({"status": "This request has been dealt with already."})
    if request.candidate is None:
        raise ValidationError({"candidate": "The person is no longer held here."})
    if request.kind == DataRequest.Kind.ACCESS:
        result = access_export(user, request.candidate)
        summary = {label: len(rows) for label, rows in result["records"].items()}
    else:
        result = erase(user, request.candidate)
        summary = result
    request.refresh_from_db()
    request.status = DataRequest.Status.DONE
    request.completed_at = timezone.now()
    request.completed_by = user if getattr(user, "pk", None) else None
    request.result = summary
    request.save()
    return result
