"""Why a municipality is recommended: the numbers behind it, and their wording.

At compute time :func:`facts` stores, for a household and a municipality, the expected outcome,
the reachable demand for the members' occupation groups and skills, and whether a tie or an
override decides. :func:`reasons` words them in the user's language when shown.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from talentbridge.taxonomy.models import Concept, Kind

from .demand import DemandMap


def facts(
    household: dict, m: int, demand: DemandMap, score: float, *, tie: bool, limit: float
) -> dict:
    groups: dict[str, float] = {}
    skills = 0.0
    for person in household["people"]:
        for group, people in demand.demanded_groups(person, m):
            groups[group] = max(groups.get(group, 0.0), people)
        skills = max(skills, demand.demanded_skills(person, m))
    top = sorted(groups.items(), key=lambda kv: -kv[1])[:2]
    return {
        "code": demand.codes[m],
        "name": demand.names[m],
        "expected": round(float(score), 4),
        "groups": [[g, round(n, 1)] for g, n in top],
        "skills": round(skills, 1),
        "tie": tie,
        "room": None if limit == float("inf") else int(limit),
    }


def group_labels(codes) -> dict[str, str]:
    found = Concept.objects.filter(kind=Kind.ISCO_GROUP, code__in=set(codes)).prefetch_related(
        "texts"
    )
    return {c.code: c.label() for c in found}


def reasons(fact: dict, labels: dict[str, str] | None = None) -> list[str]:
    """Plain sentences for one municipality's facts (see :func:`facts`)."""
    labels = labels or {}
    out = []
    if fact.get("tie"):
        out.append(
            _(
                "A tie (job offer, IGU contract or close family) decides: this municipality or a neighbour."
            )
        )
    for group, people in fact.get("groups", []):
        if people >= 0.5:
            label = labels.get(group, "")
            name = f"{group} {label}".strip()
            out.append(
                ngettext(
                    "About %(n)d person wanted in %(group)s within commuting distance.",
                    "About %(n)d people wanted in %(group)s within commuting distance.",
                    round(people),
                )
                % {"n": round(people), "group": name}
            )
    if fact.get("skills", 0) >= 0.5:
        out.append(
            _("Local demand for the household's assessed skills: about %(n)d places.")
            % {"n": round(fact["skills"])}
        )
    if not out:
        out.append(
            _(
                "No recorded local demand for the household's occupations; the general outlook decides."
            )
        )
    return out


def _tie_kind_label(kind: str) -> str:
    return {
        "job_offer": _("Job offer"),
        "igu": _("IGU contract"),
        "family": _("Close family"),
    }.get(kind, kind)


def tie_reasons(notes: list[dict]) -> list[str]:
    """Plain sentences for the ties a household was checked for (``RunHousehold.tie_notes``)."""
    out = []
    for note in notes or []:
        what = _tie_kind_label(note.get("kind", ""))
        where = note.get("name") or note.get("municipality") or _("no municipality")
        hours = note.get("hours")
        if note.get("tie") and not note.get("chosen"):
            text = _("%(what)s in %(where)s also meets the rule; another tie decides.")
        elif note.get("tie"):
            if note.get("source") == "household":
                text = _("%(what)s in %(where)s (recorded on the household): a tie.")
            elif hours is not None and note.get("kind") == "job_offer":
                text = _("%(what)s in %(where)s, %(hours)s h/week, not time-limited: a tie.")
            else:
                text = _("%(what)s in %(where)s: a tie.")
        else:
            text = {
                "hours": _("%(what)s in %(where)s is not a tie: %(hours)s h/week, fewer than 15."),
                "no_hours": _("%(what)s in %(where)s is not a tie: hours per week not recorded."),
                "time_limited": _("%(what)s in %(where)s is not a tie: it is time-limited."),
                "no_municipality": _("%(what)s is not a tie: no municipality recorded."),
                "record": _(
                    "%(what)s in %(where)s on the household is not a tie: the recorded one does "
                    "not meet the rule."
                ),
            }.get(note.get("why"), _("%(what)s in %(where)s is not a tie."))
        hours_text = "" if hours is None else f"{hours:g}"
        out.append(text % {"what": what, "where": where, "hours": hours_text})
    return out
