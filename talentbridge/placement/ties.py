"""Ties by record: a job offer or an IGU contract recorded as a pathway step decides by rule.

The rule (issue 6): *a documented job offer of at least 15 hours a week that is not
time-limited, or an IGU contract, places the household in that municipality or a neighbour*.
For a run built from Talentbridge's own candidates, :func:`derive` reads the pathway steps
(``pathways.PathwayStep``) of the household's adults that have not ended (ongoing, and no end
date before the run's day: current ones and offers starting later):

* an **ordinary job** (``job``) ties the household when ``hours_per_week`` ≥ 15 and the step is
  not ``time_limited``;
* an **IGU** step (``igu``) ties the household;
* the step's municipality is ``PathwayStep.municipality``, else its opening's site's.

A recorded job or IGU that does not meet the rule (fewer than 15 hours, hours not recorded,
time-limited, no municipality) is not a tie, and the run shows why. The household's own label
(``Household.tie_kind``) still counts for close family, and for a job offer or IGU contract
only when no step of that kind is recorded (the offer is documented elsewhere, see
``Household.tie_note``): a recorded step that fails the rule overrules the label. When
several steps qualify, an ordinary job with the most hours comes first, then IGU.

Each household gets ``tie_notes``: one fact per step or label considered, worded by
``explain.tie_reasons`` when shown.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q

from talentbridge.candidates.models import Household
from talentbridge.pathways.models import PathwayStep
from talentbridge.privacy import audit

MIN_HOURS = Decimal("15")
KINDS = {
    PathwayStep.Kind.JOB: Household.TieKind.JOB_OFFER,
    PathwayStep.Kind.IGU: Household.TieKind.IGU,
}


def _municipality(step: PathwayStep):
    if step.municipality_id:
        return step.municipality
    opening = step.opening
    if opening is not None and opening.site_id and opening.site.municipality_id:
        return opening.site.municipality
    return None


def judge(step: PathwayStep) -> dict:
    """The fact about one step: does it tie, and if not, why not."""
    municipality = _municipality(step)
    hours = None if step.hours_per_week is None else float(step.hours_per_week)
    fact = {
        "source": "pathway",
        "kind": KINDS[step.kind],
        "municipality": municipality.code if municipality else None,
        "name": municipality.name if municipality else "",
        "hours": hours,
        "time_limited": bool(step.time_limited),
        "tie": False,
        "why": "",
    }
    if municipality is None:
        fact["why"] = "no_municipality"
    elif step.kind == PathwayStep.Kind.JOB:
        if step.hours_per_week is None:
            fact["why"] = "no_hours"
        elif step.hours_per_week < MIN_HOURS:
            fact["why"] = "hours"
        elif step.time_limited:
            fact["why"] = "time_limited"
        else:
            fact["tie"] = True
    else:
        fact["tie"] = True
    return fact


def steps_for(user, candidates, on: dt.date) -> dict[int, list[PathwayStep]]:
    """Job and IGU steps not ended on ``on`` of the adults among ``candidates`` (audited)."""
    adults = [c.pk for c in candidates if on.year - c.birth_year >= 18]
    steps = list(
        PathwayStep.objects.filter(candidate_id__in=adults, kind__in=list(KINDS), ending="")
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .select_related("municipality", "opening__site__municipality", "candidate")
        .order_by("candidate_id", "starts_on", "pk")
    )
    if steps:
        audit.record_many(
            user, audit.AuditEvent.Action.READ, steps, detail={"purpose": "placement ties"}
        )
    out: dict[int, list[PathwayStep]] = {}
    for step in steps:
        out.setdefault(step.candidate_id, []).append(step)
    return out


def derive(household: Household | None, steps: list[PathwayStep]) -> tuple[str, str | None, list]:
    """``(tie_kind, tie municipality code, tie_notes)`` of one household from its adults' steps."""
    notes = [judge(step) for step in steps]
    qualifying = sorted(
        (n for n in notes if n["tie"]),
        key=lambda n: (n["kind"] != Household.TieKind.JOB_OFFER, -(n["hours"] or 0)),
    )
    if qualifying:
        chosen = qualifying[0]
        chosen["chosen"] = True
        return chosen["kind"], chosen["municipality"], notes
    if household is None or not household.tie_kind or not household.tie_municipality_id:
        return "", None, notes
    kind, where = household.tie_kind, household.tie_municipality.code
    counts = kind == Household.TieKind.FAMILY or kind not in {n["kind"] for n in notes}
    label = {
        "source": "household",
        "kind": kind,
        "municipality": where,
        "name": household.tie_municipality.name,
        "tie": counts,
        "why": "" if counts else "record",
    }
    if counts:
        label["chosen"] = True
    notes.append(label)
    return (kind, where, notes) if counts else ("", None, notes)
