import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import Http404

from talentbridge.core.command import SystemActor
from talentbridge.pathways.models import FollowUp
from talentbridge.pathways.outcomes import COLUMNS, outcomes_for_training
from talentbridge.privacy.models import AuditEvent

from .helpers import person, step

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def recorded(personas):
    alpha = person(
        personas.project, personas.ngo, nationality="ER", birth_year=1991, arrived_on=D(2024, 3, 1)
    )
    beta = person(personas.other_project, personas.other_ngo)
    s = step(alpha, "internship", D(2025, 1, 6), hours_per_week=20)
    FollowUp.objects.filter(step=s, months=3).update(
        outcome="employed", done_on=D(2025, 4, 7), hours_per_week=30
    )
    FollowUp.objects.filter(step=s, months=6).update(outcome="unemployed", done_on=D(2025, 7, 7))
    t = step(beta, "job", D(2025, 1, 6))
    FollowUp.objects.filter(step=t, months=3).update(outcome="employed", done_on=D(2025, 4, 7))
    return alpha, beta


def test_rows_are_plain_and_complete(personas, recorded):
    alpha, _beta = recorded
    rows = outcomes_for_training(personas.placement_officer)
    assert [r["months"] for r in rows] == [3, 6]  # only recorded ones, only project alpha
    first = rows[0]
    assert list(first) == list(COLUMNS)
    assert first["reference"] == alpha.reference
    assert (first["employed"], first["in_education"], first["hours_per_week"]) == (
        True,
        False,
        30.0,
    )
    assert (first["step_kind"], first["step_hours_per_week"], first["municipality_code"]) == (
        "internship",
        20.0,
        "0751",
    )
    assert first["step_started_on"] == D(2025, 1, 6)
    assert AuditEvent.objects.filter(action="export", subject_ref=alpha.reference).exists()
    assert len(outcomes_for_training(personas.placement_officer, since=D(2025, 5, 1))) == 1
    assert len(outcomes_for_training(SystemActor())) == 3


def test_others_may_not_export(personas, recorded):
    for user in (personas.assessor, personas.outsider, personas.employer_user):
        with pytest.raises(Http404):
            outcomes_for_training(user)


def test_the_cli_writes_csv(personas, recorded, tmp_path):
    out = io.StringIO()
    call_command("pathways_export_outcomes", "--as", "placement", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == ",".join(COLUMNS)
    assert len(lines) == 3
    with pytest.raises(CommandError):
        call_command("pathways_export_outcomes", "--as", "assessor")
    with pytest.raises(CommandError):
        call_command("pathways_export_outcomes", "--as", "placement", "--project", "beta")


def test_reminders_list_and_mail(personas, settings):
    candidate = person(personas.project, personas.ngo)
    personas.consultant.email = "consultant@example.org"
    personas.consultant.save()
    s = step(
        candidate,
        "internship",
        dt.date.today() - dt.timedelta(days=100),
        created_by=personas.consultant,
    )
    out = io.StringIO()
    call_command("pathways_reminders", "--email", stdout=out)
    text = out.getvalue()
    assert (
        "consultant: 1 follow-up(s)" in text and "OVERDUE" in text and candidate.reference in text
    )
    assert mail.outbox[0].to == ["consultant@example.org"]
    out = io.StringIO()
    call_command("pathways_reminders", "--as", "outsider", stdout=out)
    assert "0 follow-up(s) due" in out.getvalue()
    assert s.follow_ups.count() == 3


def test_refresh_milestones_command(personas):
    from talentbridge.pathways.models import Milestones, PathwayStep

    candidate = person(personas.project, personas.ngo)
    PathwayStep.objects.bulk_create(
        [
            PathwayStep(
                candidate=candidate, project=personas.project, kind="job", starts_on=D(2025, 1, 1)
            )
        ]
    )
    out = io.StringIO()
    call_command("pathways_refresh_milestones", "--check", stdout=out)
    assert "rebuilt" in out.getvalue()
    assert Milestones.objects.get(candidate=candidate).job_on == D(2025, 1, 1)
    out = io.StringIO()
    call_command("pathways_refresh_milestones", "--check", stdout=out)
    assert "up to date" in out.getvalue()
