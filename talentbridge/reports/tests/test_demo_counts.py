"""The dashboard's figures on the seeded demo programme agree with a count made in Python.

The demo generator (talentbridge/demo) writes a programme with bulk inserts; the reports read
it through SQL (and, from the beginning, through the milestones cache). Here the same
definitions are counted again, person by person, straight from the ORM:

- participants: a candidate of the scope whose first day in the programme — the earliest of
  the record's creation (local date), the first signed-off assessment and the first pathway
  step up to the end — is on or before the end, and who had not left before the first day;
- employed: a job or IGU step starting in the period, or a follow-up done in the period that
  found the person employed;
- companies contacted: distinct companies with any interaction of the scope in the period.
"""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from talentbridge.accounts.models import Project
from talentbridge.candidates.models import Assessment, Candidate
from talentbridge.demo.generator import generate
from talentbridge.employers.models import Interaction
from talentbridge.pathways.milestones import Period
from talentbridge.pathways.models import EMPLOYMENT_KINDS, PATHWAY_KINDS, FollowUp, PathwayStep
from talentbridge.reports import queries, services

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2026, 11, 1)
PERIODS = [
    (dt.date(2026, 1, 1), AS_OF),  # a year to date: the detailed queries
    (None, AS_OF),  # from the beginning: the dashboard's default, through the cache
    (dt.date(2025, 7, 1), dt.date(2025, 12, 31)),
]


def _first(values):
    values = [v for v in values if v is not None]
    return min(values) if values else None


def hand_count(project_ids, start, end) -> dict[str, int]:
    first = start or dt.date.min
    assessed = {}
    for a in Assessment.objects.filter(
        candidate__project__in=project_ids, status=Assessment.Status.SIGNED_OFF
    ):
        day = a.assessed_on or timezone.localdate(a.signed_off_at)
        if day <= end:
            assessed[a.candidate_id] = _first([assessed.get(a.candidate_id), day])
    pathway = {}
    employed = set()
    for s in PathwayStep.objects.filter(project__in=project_ids, starts_on__lte=end):
        if s.kind in PATHWAY_KINDS:
            pathway[s.candidate_id] = _first([pathway.get(s.candidate_id), s.starts_on])
        if s.kind in EMPLOYMENT_KINDS and s.starts_on >= first:
            employed.add(s.candidate_id)
    for f in FollowUp.objects.filter(
        step__project__in=project_ids,
        outcome=FollowUp.Outcome.EMPLOYED,
        done_on__gte=first,
        done_on__lte=end,
    ):
        employed.add(f.step.candidate_id)
    participants = 0
    for c in Candidate.objects.filter(project__in=project_ids):
        registered = _first(
            [timezone.localdate(c.created_at), assessed.get(c.pk), pathway.get(c.pk)]
        )
        if registered <= end and (c.left_on is None or c.left_on >= first):
            participants += 1
    contacted = set(
        Interaction.objects.filter(
            project__in=project_ids, date__gte=first, date__lte=end
        ).values_list("employer_id", flat=True)
    )
    return {
        "participants": participants,
        "employed": len(employed),
        "companies_contacted": len(contacted),
    }


def test_the_dashboard_agrees_with_a_hand_count_of_the_demo_programme():
    summary = generate(seed=7, candidates=160, as_of=AS_OF)
    projects = list(Project.objects.filter(code__in=summary.project_codes))
    ids = [p.pk for p in projects]
    manager = get_user_model().objects.get(username="manager")
    for start, end in PERIODS:
        expected = hand_count(ids, start, end)
        assert expected["participants"] > 0 and expected["companies_contacted"] > 0
        # The dashboard (summary) and the details (detailed queries) for the whole programme.
        report = services.programme_report(manager, start=start, end=end, detail=False)
        assert {p.pk for p in report.projects} == set(ids)
        detailed = queries.compute(ids, Period(start=start, end=end))
        for key, value in expected.items():
            assert report.figures.value(key) == value, (key, start, end)
            assert detailed.value(key) == value, (key, start, end)
        # And project by project.
        for project in projects:
            mine = hand_count([project.pk], start, end)
            for key, value in mine.items():
                assert report.figures.value(key, "project", str(project.pk)) == value, (
                    key,
                    project.code,
                    start,
                )
    # The demo has people in work: the agreement is not between two zeros.
    assert hand_count(ids, None, AS_OF)["employed"] > 0
