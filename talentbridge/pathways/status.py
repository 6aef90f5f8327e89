"""A candidate's status in the programme, derived from the records and never typed in.

    registered → assessed → matched → in pathway → employed | in education
                                                  (or left, with a reason)

The status is the furthest stage the person has reached by a date:

* **employed** – a job or IGU step has started, or a follow-up found the person employed;
* **in education** – an education or apprenticeship step has started, or a follow-up found
  the person in education; when a person has been both, the later of the two counts;
* **left** – the candidate's "left the programme" date has passed and the person reached
  neither employment nor education (``Candidate.left_on``/``left_reason``);
* **in pathway** – an internship, IGU, wage-subsidy job, job, education or apprenticeship
  step has started (Danish lessons and courses alone do not make a pathway);
* **matched** – the pipeline presented the person to an employer (a match in status
  presented, interview or accepted), or a step started from a match;
* **assessed** – an assessment has been signed off;
* **registered** – otherwise.

:data:`STATUS_SQL` is the single definition; :func:`status_of` (one candidate, for pages and
the API) and the reports (all candidates at once) both evaluate it over
``milestones.facts_sql``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .milestones import Period, as_date, facts_sql


class Status:
    REGISTERED = "registered"
    ASSESSED = "assessed"
    MATCHED = "matched"
    IN_PATHWAY = "in_pathway"
    EMPLOYED = "employed"
    IN_EDUCATION = "in_education"
    LEFT = "left"

    ORDER = (REGISTERED, ASSESSED, MATCHED, IN_PATHWAY, EMPLOYED, IN_EDUCATION, LEFT)
    LABELS = {
        REGISTERED: _("registered"),
        ASSESSED: _("assessed"),
        MATCHED: _("matched"),
        IN_PATHWAY: _("in pathway"),
        EMPLOYED: _("employed"),
        IN_EDUCATION: _("in education"),
        LEFT: _("left the programme"),
    }


#: The status as an SQL expression over the columns of ``milestones.facts_sql``.
STATUS_SQL = """CASE
  WHEN employed_last_on IS NOT NULL OR education_last_on IS NOT NULL THEN
    CASE WHEN education_last_on IS NOT NULL
              AND (employed_last_on IS NULL OR education_last_on > employed_last_on)
         THEN 'in_education' ELSE 'employed' END
  WHEN left_on IS NOT NULL AND left_on <= %(p_to)s THEN 'left'
  WHEN pathway_on IS NOT NULL THEN 'in_pathway'
  WHEN matched_on IS NOT NULL THEN 'matched'
  WHEN assessed_on IS NOT NULL THEN 'assessed'
  ELSE 'registered'
END"""


@dataclass(frozen=True)
class CandidateStatus:
    code: str
    since: datetime.date | None
    reason: str = ""

    @property
    def label(self) -> str:
        return str(Status.LABELS[self.code])


_SINCE = {
    Status.REGISTERED: "registered_on",
    Status.ASSESSED: "assessed_on",
    Status.MATCHED: "matched_on",
    Status.IN_PATHWAY: "pathway_on",
    Status.EMPLOYED: "employed_last_on",
    Status.IN_EDUCATION: "education_last_on",
    Status.LEFT: "left_on",
}


def statuses(candidate_ids, as_of: datetime.date | None = None) -> dict[int, CandidateStatus]:
    """The status of each of ``candidate_ids`` on ``as_of`` (default today), in one query."""
    ids = list(candidate_ids)
    if not ids:
        return {}
    as_of = as_of or timezone.localdate()
    query = facts_sql(Period(end=as_of), candidate_ids=ids)
    sql = f"SELECT f.*, {STATUS_SQL} AS status FROM ({query.sql}) f"
    with connection.cursor() as cursor:
        cursor.execute(sql, query.params)
        columns = [col[0] for col in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    result = {}
    for row in rows:
        code = row["status"]
        result[row["candidate_id"]] = CandidateStatus(
            code=code,
            since=as_date(row[_SINCE[code]]),
            reason=row["left_reason"] if code == Status.LEFT else "",
        )
    return result


def status_of(candidate, as_of: datetime.date | None = None) -> CandidateStatus:
    """The candidate's programme status on ``as_of`` (default today)."""
    return statuses([candidate.pk], as_of)[candidate.pk]
