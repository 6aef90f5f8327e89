"""Outcomes as training data for the placement model (``placement`` app).

:func:`outcomes_for_training` returns one plain dict per recorded follow-up: what kind of
step the person was in, where, and what the follow-up found 3, 6 or 12 months after its
start. The placement model reads these rows (or the same columns from the CSV written by
``talentbridge pathways export-outcomes``) to learn, per municipality, how likely a person
is to be in work after a given time. Columns:

==========================  ==================================================================
``follow_up_id``            the follow-up's id
``candidate_id``            the candidate's id (pseudonymous; no names)
``reference``               the candidate's pseudonymous reference
``household_id``            the household (``None`` when none is recorded)
``project_id``              the project
``gender``                  female / male / other
``birth_year``              year of birth
``nationality``             ISO 3166-1 alpha-2 (XX stateless)
``arrived_on``              arrival in Denmark (date or ``None``)
``municipality_code``       the candidate's municipality now (4 digits, "" if unknown)
``step_kind``               internship, igu, wage_subsidy, job, education, apprenticeship
``step_municipality_code``  where the step took place ("" if not recorded)
``step_started_on``         the step's start date
``step_hours_per_week``     hours agreed for the step (``None`` if not recorded)
``months``                  3, 6 or 12
``due_on`` / ``done_on``    when the follow-up was due and when it was done
``outcome``                 employed, in_education, unemployed, moved_away, unknown
``employed``                ``outcome == "employed"``
``in_education``            ``outcome == "in_education"``
``hours_per_week``          hours worked or studied, as found (``None`` if not recorded)
==========================  ==================================================================

Only follow-ups with an outcome are returned, ordered by candidate, step and months.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable

from django.http import Http404

from talentbridge.accounts.access import is_administrator, projects_for
from talentbridge.accounts.models import Role
from talentbridge.privacy import audit

from .models import FollowUp

#: Who may export outcomes: they are pseudonymised personal data.
EXPORT_ROLES = (Role.PLACEMENT_OFFICER, Role.PROGRAMME_MANAGER)
COLUMNS = (
    "follow_up_id",
    "candidate_id",
    "reference",
    "household_id",
    "project_id",
    "gender",
    "birth_year",
    "nationality",
    "arrived_on",
    "municipality_code",
    "step_kind",
    "step_municipality_code",
    "step_started_on",
    "step_hours_per_week",
    "months",
    "due_on",
    "done_on",
    "outcome",
    "employed",
    "in_education",
    "hours_per_week",
)
_FIELDS = {
    "follow_up_id": "pk",
    "candidate_id": "candidate_id",
    "reference": "candidate__reference",
    "household_id": "candidate__household_id",
    "project_id": "candidate__project_id",
    "gender": "candidate__gender",
    "birth_year": "candidate__birth_year",
    "nationality": "candidate__nationality",
    "arrived_on": "candidate__arrived_on",
    "municipality_code": "candidate__municipality__code",
    "step_kind": "step__kind",
    "step_municipality_code": "step__municipality__code",
    "step_started_on": "step__starts_on",
    "step_hours_per_week": "step__hours_per_week",
    "months": "months",
    "due_on": "due_on",
    "done_on": "done_on",
    "outcome": "outcome",
    "hours_per_week": "hours_per_week",
}


def outcomes_for_training(
    user,
    *,
    project_ids: Iterable[int] | None = None,
    since: datetime.date | None = None,
) -> list[dict]:
    """The recorded outcomes ``user`` may export, as plain rows (see the module's table).

    ``user`` is a placement officer, a programme manager or an administrator (or the shell's
    operator); anyone else gets ``Http404``. ``project_ids`` narrows to some of the user's
    projects, ``since`` to follow-ups done on or after that day. The export is audited.
    """
    allowed = projects_for(user, roles=EXPORT_ROLES)
    if not is_administrator(user) and not allowed.exists():
        raise Http404
    qs = FollowUp.objects.exclude(outcome="").filter(candidate__project__in=allowed)
    if project_ids is not None:
        qs = qs.filter(candidate__project_id__in=list(project_ids))
    if since is not None:
        qs = qs.filter(done_on__gte=since)
    rows = []
    for values in (
        qs.order_by("candidate_id", "step_id", "months")
        .values(*_FIELDS.values())
        .iterator(chunk_size=5000)
    ):
        row = {column: values[_FIELDS[column]] for column in _FIELDS}
        row["municipality_code"] = row["municipality_code"] or ""
        row["step_municipality_code"] = row["step_municipality_code"] or ""
        for name in ("hours_per_week", "step_hours_per_week"):
            row[name] = None if row[name] is None else float(row[name])
        row["employed"] = row["outcome"] == FollowUp.Outcome.EMPLOYED
        row["in_education"] = row["outcome"] == FollowUp.Outcome.IN_EDUCATION
        rows.append({column: row[column] for column in COLUMNS})
    _audit(user, rows)
    return rows


def _audit(user, rows: list[dict]) -> None:
    from talentbridge.candidates.models import Candidate

    ids = {row["candidate_id"] for row in rows}
    if not ids:
        return
    people = Candidate.objects.filter(pk__in=ids).only("pk", "reference", "project_id")
    audit.record_many(
        user, audit.AuditEvent.Action.EXPORT, people, detail={"export": "outcomes for training"}
    )


def to_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return out.getvalue()
