"""Small helpers shared by the employers services: applying changes, auditing them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from talentbridge.municipalities.models import Municipality
from talentbridge.privacy import audit

Action = audit.AuditEvent.Action


def plain(value: Any) -> Any:
    """A JSON-friendly form of a field value, for audit details and dry-run reports."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def apply_fields(instance: models.Model, data: dict, fields: tuple[str, ...]) -> dict[str, tuple]:
    """Set the given fields from ``data`` (only those present) and return {field: (old, new)}."""
    changes: dict[str, tuple] = {}
    for field in fields:
        if field not in data:
            continue
        new = data[field]
        model_field = instance._meta.get_field(field)
        if new is None and not model_field.null:
            new = ""
        # A foreign key is compared by its id: an unsaved instance has no related object yet.
        old = (
            getattr(instance, model_field.attname)
            if model_field.many_to_one
            else getattr(instance, field)
        )
        if plain(old) != plain(new):
            changes[field] = (plain(old), plain(new))
            setattr(instance, field, new)
    return changes


def record(
    user, action: str, obj, *, personal: bool = False, changes: dict | None = None, **detail
) -> None:
    """Audit a change. For personal data (contact persons) only the field names are kept,
    so that the audit log does not become a second copy of the data."""
    if changes:
        detail["changed"] = (
            sorted(changes) if personal else {k: list(v) for k, v in changes.items()}
        )
    audit.record(user, action, obj, detail=detail)


def resolve_municipality(value) -> Municipality:
    """A municipality from an instance, its code ("751", "0751") or its name (any case)."""
    if isinstance(value, Municipality):
        return value
    text = str(value or "").strip()
    if not text:
        raise ValidationError({"municipality": _("Give the municipality (code or name).")})
    if text.isdigit():
        found = Municipality.objects.filter(code=text.zfill(4)).first()
    else:
        # Compared in Python: SQLite folds the case of ASCII letters only (Ærø, Ølstykke).
        wanted = text.casefold()
        found = next((m for m in Municipality.objects.all() if m.name.casefold() == wanted), None)
    if found is None:
        raise ValidationError(
            {"municipality": _("Unknown municipality %(value)r.") % {"value": text}}
        )
    return found
