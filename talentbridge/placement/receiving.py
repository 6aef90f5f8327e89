"""What a receiving municipality sees: the households placed with it, as consent allows."""

from __future__ import annotations

from django.http import Http404

from talentbridge.accounts.models import Membership, Role
from talentbridge.municipalities.models import Municipality
from talentbridge.privacy import audit

from .models import PlacementRun, RunHousehold

A = audit.AuditEvent.Action


def receiving_municipalities(user) -> list[Municipality]:
    ids = Membership.objects.filter(
        user=user, role=Role.CASEWORKER, organisation__municipality__isnull=False
    ).values_list("organisation__municipality", flat=True)
    return list(Municipality.objects.filter(pk__in=ids))


def incoming(user) -> list[dict]:
    """Households placed in the caseworker's municipality by approved runs, with what consent allows.

    Members who consented to the handover are listed with their reference and a pseudonymous
    summary (the profile itself is in the candidates app); for the others only the household's
    size is shown.
    """
    from talentbridge.candidates.profiles import candidate_scope

    from .features import describe

    places = receiving_municipalities(user)
    if not places:
        raise Http404
    households = list(
        RunHousehold.objects.filter(
            run__status=PlacementRun.Status.APPROVED, municipality__in=places
        )
        .select_related("run", "municipality")
        .order_by("-run__approved_at", "reference")
    )
    visible = set(
        candidate_scope(user)
        .filter(household_id__in=[h.household_id for h in households if h.household_id])
        .values_list("reference", flat=True)
    )
    out = []
    for h in households:
        members = [
            {"reference": p["reference"], "summary": describe(p)}
            for p in h.people
            if p.get("reference") and p["reference"] in visible
        ]
        out.append(
            {
                "reference": h.reference,
                "persons": h.size,
                "municipality": h.municipality.name,
                "approved_at": h.run.approved_at,
                "members": members,
                "withheld": len(h.people) - len(members),
            }
        )
    shown = [h for h, row in zip(households, out, strict=True) if row["members"]]
    if shown:
        audit.record_many(user, A.READ, shown, detail={"view": "incoming households"})
    return out
