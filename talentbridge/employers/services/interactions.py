"""Contact history: the consultants' interactions with companies, and follow-up reminders.

Interactions are the raw data of the programme's company figures (companies contacted,
advised, hosting); ``reports`` counts them from the model, per project and date range.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import access
from ..models import Contact, Employer, Interaction
from .common import Action, apply_fields, record

INTERACTION_FIELDS = ("kind", "date", "persons", "note", "follow_up_on", "follow_up_done")


def history(user, employer: Employer) -> QuerySet[Interaction]:
    """A company's interactions in the user's projects, newest first."""
    employer = access.get_register_employer_or_404(user, employer.pk)
    return (
        access.interactions_for(user)
        .filter(employer=employer)
        .select_related("consultant", "project")
        .prefetch_related("contacts")
    )


def _contacts(employer: Employer, contacts) -> list[Contact]:
    if not contacts:
        return []
    ids = [c.pk if isinstance(c, Contact) else int(c) for c in contacts]
    found = list(Contact.objects.filter(employer=employer, pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({"contacts": _("A contact person does not belong to this company.")})
    return found


@transaction.atomic
def record_interaction(user, employer: Employer, data: dict, *, project=None) -> Interaction:
    """Record a contact with a company, by the acting consultant unless ``consultant`` is given."""
    employer = access.get_register_employer_or_404(user, employer.pk, edit=True)
    data = dict(data)
    chosen = access.project_for_write(user, project or data.pop("project", None), employer)
    interaction = Interaction(employer=employer, project=chosen)
    data.setdefault("date", timezone.localdate())
    apply_fields(interaction, data, INTERACTION_FIELDS)
    consultant = data.get("consultant")
    if consultant is None and not getattr(user, "is_system", False):
        consultant = user
    interaction.consultant = consultant
    _check_follow_up(interaction)
    interaction.full_clean(exclude=["consultant"])
    interaction.save()
    interaction.contacts.set(_contacts(employer, data.get("contacts")))
    record(user, Action.CREATE, interaction, employer=employer.pk, kind=interaction.kind)
    return interaction


def _check_follow_up(interaction: Interaction) -> None:
    if (
        interaction.follow_up_on
        and interaction.date
        and interaction.follow_up_on < interaction.date
    ):
        raise ValidationError({"follow_up_on": _("The follow-up date is before the interaction.")})


def get_interaction_or_404(user, pk, *, edit: bool = False) -> Interaction:
    try:
        return access.interactions_for(user, edit=edit).select_related("employer").get(pk=pk)
    except (Interaction.DoesNotExist, ValueError):
        raise Http404 from None


@transaction.atomic
def update_interaction(user, interaction: Interaction, data: dict) -> dict:
    interaction = get_interaction_or_404(user, interaction.pk, edit=True)
    changes = apply_fields(interaction, data, INTERACTION_FIELDS)
    if "contacts" in data:
        contacts = _contacts(interaction.employer, data["contacts"])
        before = sorted(interaction.contacts.values_list("pk", flat=True))
        after = sorted(c.pk for c in contacts)
        if before != after:
            interaction.contacts.set(contacts)
            changes["contacts"] = (before, after)
    if changes:
        _check_follow_up(interaction)
        interaction.full_clean(exclude=["consultant"])
        interaction.save()
        # Who was met and what was said may name people: keep only the field names then.
        personal = bool({"persons", "note", "contacts"} & set(changes))
        record(user, Action.UPDATE, interaction, changes=changes, personal=personal)
    return changes


def complete_follow_up(user, interaction: Interaction) -> Interaction:
    update_interaction(user, interaction, {"follow_up_done": True})
    interaction.refresh_from_db()
    return interaction


def due_follow_ups(
    user, *, as_of: dt.date | None = None, consultant=None, within_days: int = 0
) -> QuerySet[Interaction]:
    """Open follow-ups due on or before ``as_of`` + ``within_days``, oldest first.

    By default those of the acting user (a consultant's own reminders); ``consultant``
    names another one, ``consultant=False`` gives every consultant's in the user's scope.
    """
    as_of = as_of or timezone.localdate()
    qs = access.interactions_for(user).filter(
        follow_up_done=False,
        follow_up_on__isnull=False,
        follow_up_on__lte=as_of + dt.timedelta(days=within_days),
    )
    if consultant is None:
        consultant = None if getattr(user, "is_system", False) else user
        if consultant is not None:
            qs = qs.filter(consultant=consultant)
    elif consultant is not False:
        qs = qs.filter(consultant=consultant)
    return qs.select_related("employer", "consultant", "project").order_by("follow_up_on", "id")
