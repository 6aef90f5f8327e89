"""Write audit events. Every service that touches personal data calls :func:`record`.

The channel (which view, endpoint or command) is taken from a context variable that the
middleware, the API and the CLI set, so services do not have to pass it along.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .models import AuditEvent

_channel: contextvars.ContextVar[str] = contextvars.ContextVar("audit_channel", default="unknown")


def current_channel() -> str:
    return _channel.get()


@contextmanager
def channel(name: str) -> Iterator[None]:
    """Run a block with ``name`` as the audit channel, e.g. ``cli:candidates export``."""
    token = _channel.set(name)
    try:
        yield
    finally:
        _channel.reset(token)


def set_channel(name: str) -> contextvars.Token:
    return _channel.set(name)


def reset_channel(token: contextvars.Token) -> None:
    _channel.reset(token)


def _actor(actor, label: str | None):
    """The user row to link (none for the shell operator or an anonymous caller) and a label."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, label or "anonymous"
    if getattr(actor, "is_system", False):
        return None, label or actor.get_username()
    return actor, label or actor.get_username()


def record(
    actor,
    action: str,
    obj: Any = None,
    *,
    object_type: str | None = None,
    object_id: Any = "",
    subject_ref: str = "",
    project_id: int | None = None,
    detail: dict | None = None,
    actor_label: str | None = None,
) -> AuditEvent:
    """Record that ``actor`` did ``action`` to ``obj`` (or to ``object_type``/``object_id``)."""
    if obj is not None:
        object_type = object_type or f"{obj._meta.app_label}.{obj._meta.model_name}"
        object_id = obj.pk if obj.pk is not None else object_id
        subject_ref = subject_ref or getattr(obj, "audit_subject_ref", "") or ""
        if project_id is None:
            project_id = getattr(obj, "project_id", None)
    user, label = _actor(actor, actor_label)
    return AuditEvent.objects.create(
        actor=user,
        actor_label=label,
        action=action,
        object_type=object_type or "",
        object_id=str(object_id or ""),
        subject_ref=subject_ref,
        project_id=project_id,
        channel=current_channel(),
        detail=detail or {},
    )


def record_many(actor, action: str, objects, **kwargs) -> None:
    """Record one event per object (for list views that show personal data)."""
    events = []
    user, label = _actor(actor, kwargs.pop("actor_label", None))
    for obj in objects:
        events.append(
            AuditEvent(
                actor=user,
                actor_label=label,
                action=action,
                object_type=f"{obj._meta.app_label}.{obj._meta.model_name}",
                object_id=str(obj.pk),
                subject_ref=getattr(obj, "audit_subject_ref", "") or "",
                project_id=getattr(obj, "project_id", None),
                channel=current_channel(),
                detail=kwargs.get("detail") or {},
            )
        )
    AuditEvent.objects.bulk_create(events)
