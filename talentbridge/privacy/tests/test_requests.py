import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import Http404
from django.urls import reverse

from talentbridge.candidates.models import (
    Assessment,
    Candidate,
    Household,
    PersonalDetails,
    SelfAssessment,
    SelfAssessmentCode,
)
from talentbridge.candidates.selfassess import codes, review
from talentbridge.candidates.tests.factories import make_assessment, make_candidate
from talentbridge.core.api_auth import issue_token
from talentbridge.privacy import requests as data_requests
from talentbridge.privacy import retention
from talentbridge.privacy.consent import Purpose, record_decision
from talentbridge.privacy.models import AuditEvent, Consent, DataRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(personas):
    p = personas
    household = Household.objects.create(project=p.project, size=2, needs="near a hospital")
    candidate = make_candidate(p, household=household)
    record_decision(candidate, Purpose.ASSESSMENT, True, by=p.assessor)
    make_assessment(candidate, p.assessor, signed=True)
    row, _ = codes.issue(p.assessor, candidate, "ar")
    review.submit(row, "ar", {"wishes": ["work"], "other": "private story"})
    return candidate


def test_access_exports_everything_held(personas, person):
    result = data_requests.access_export(personas.admin, person)
    records = result["records"]
    for label in (
        "candidates.candidate",
        "candidates.personaldetails",
        "candidates.assessment",
        "candidates.assessedskill",
        "candidates.languageskill",
        "candidates.selfassessment",
        "candidates.selfassessmentcode",
        "privacy.consent",
        "candidates.household",
    ):
        assert label in records, label
    assert records["candidates.personaldetails"][0]["first_name"] == "Amal"
    assert any(e["action"] == "create" for e in result["audit_trail"])
    json.dumps(result)
    with pytest.raises(Http404):
        data_requests.access_export(personas.assessor, person)


def test_erasure_deletes_everything_identifying_and_keeps_an_anonymous_trail(personas, person):
    ref = person.reference
    counts = data_requests.erase(personas.admin, person)
    assert counts["candidates.candidate"] == 1 and counts["candidates.personaldetails"] == 1
    assert not Candidate.objects.filter(reference=ref).exists()
    for model in (
        PersonalDetails,
        Assessment,
        SelfAssessment,
        SelfAssessmentCode,
        Consent,
        Household,
    ):
        assert not model.objects.exists(), model
    events = AuditEvent.objects.filter(subject_ref=ref)
    assert events.filter(action="delete", detail__data_request="erasure").count() == 1
    assert all(e.detail == {} for e in events.exclude(action="delete"))
    assert not AuditEvent.objects.filter(detail__icontains="Haddad").exists()


def test_requests_are_recorded_and_executed_once(personas, person):
    item = data_requests.create_request(
        personas.admin, person.reference.lower(), "erasure", "by letter"
    )
    data_requests.execute(personas.admin, item)
    item.refresh_from_db()
    assert item.status == "done" and item.candidate is None and item.subject_ref == person.reference
    assert item.result["candidates.candidate"] == 1
    with pytest.raises(ValidationError):
        data_requests.execute(personas.admin, item)
    with pytest.raises(ValidationError):
        data_requests.create_request(personas.admin, "TB-NOPE123", "access")
    with pytest.raises(Http404):
        data_requests.create_request(personas.assessor, person.reference, "access")


def test_pages_are_for_administrators_only(personas, person, client):
    client.force_login(personas.admin)
    page = client.get(reverse("privacy:audit"), {"subject": person.reference.lower()})
    assert page.status_code == 200 and person.reference in page.content.decode()
    response = client.post(
        reverse("privacy:requests"), {"reference": person.reference, "kind": "access"}
    )
    item = DataRequest.objects.get()
    assert response.status_code == 302
    export = client.post(reverse("privacy:request", args=[item.pk]))
    assert (
        export.status_code == 200 and json.loads(export.content)["subject_ref"] == person.reference
    )
    for user in (personas.outsider, personas.assessor, personas.manager):
        client.force_login(user)
        assert client.get(reverse("privacy:audit")).status_code == 404
        assert client.get(reverse("privacy:requests")).status_code == 404
        assert client.get(reverse("privacy:request", args=[item.pk])).status_code == 404
        assert client.post(reverse("privacy:request", args=[item.pk])).status_code == 404


def test_api_for_administrators_only(personas, person, client):
    admin = {"Authorization": f"Bearer {issue_token(personas.admin, 't')}"}
    events = client.get("/api/privacy/audit", {"subject": person.reference}, headers=admin).json()
    assert events and all(e["subject_ref"] == person.reference for e in events)
    created = client.post(
        "/api/privacy/requests",
        {"reference": person.reference, "kind": "erasure"},
        content_type="application/json",
        headers=admin,
    )
    assert created.status_code == 201
    outsider = {"Authorization": f"Bearer {issue_token(personas.outsider, 't')}"}
    assert client.get("/api/privacy/audit", headers=outsider).status_code == 404
    assert (
        client.post(
            f"/api/privacy/requests/{created.json()['id']}/execute", headers=outsider
        ).status_code
        == 404
    )
    done = client.post(f"/api/privacy/requests/{created.json()['id']}/execute", headers=admin)
    assert done.status_code == 200 and done.json()["candidates.candidate"] == 1


def test_cli_access_and_erase(personas, person, tmp_path):
    out = tmp_path / "a.json"
    call_command("privacy_access", person.reference, "-o", str(out))
    assert json.loads(out.read_text())["subject_ref"] == person.reference
    with pytest.raises(CommandError, match="administrator"):
        call_command("privacy_access", person.reference, "--as", "assessor")
    with pytest.raises(CommandError, match="--yes"):
        call_command("privacy_erase", person.reference)
    call_command("privacy_erase", person.reference, "--yes")
    assert not Candidate.objects.exists()
    assert AuditEvent.objects.filter(
        subject_ref=person.reference, channel="cli:privacy erase", action="delete"
    ).exists()


def test_retention_prunes_people_who_left_long_ago(personas, person):
    stayer = make_candidate(personas, first="Still", last="Here")
    person.left_on = dt.date(2023, 1, 31)
    person.save()
    today = dt.date(2025, 3, 1)
    dry = retention.prune(personas.admin, 24, dry_run=True, today=today)
    assert dry.candidates == [person.reference] and PersonalDetails.objects.count() == 2
    result = retention.prune(personas.admin, 24, today=today)
    assert result.cutoff == dt.date(2023, 3, 1)
    assert not PersonalDetails.objects.filter(candidate=person).exists()
    assert PersonalDetails.objects.filter(candidate=stayer).exists()
    assert not SelfAssessment.objects.filter(candidate=person).exists()
    assessment = Assessment.objects.get(candidate=person)
    assert assessment.skills.exists() and assessment.personal_situation == ""
    assert Household.objects.get().needs == ""
    # The pseudonymous profile stays.
    assert Candidate.objects.filter(reference=person.reference).exists()
    assert retention.prune(personas.admin, 24, erase=True, today=today).candidates == [
        person.reference
    ]
    assert not Candidate.objects.filter(reference=person.reference).exists()


def test_months_before():
    assert retention.months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert retention.months_before(dt.date(2026, 1, 15), 24) == dt.date(2024, 1, 15)
    assert retention.months_before(dt.date(2026, 1, 15), 13) == dt.date(2024, 12, 15)


def test_prune_command(personas, person, capsys):
    person.left_on = dt.date(2000, 1, 1)
    person.save()
    call_command("privacy_prune", "--months", "12", "--dry-run")
    assert person.reference in capsys.readouterr().out
    with pytest.raises(CommandError, match="administrator"):
        call_command("privacy_prune", "--as", "assessor")
    call_command("privacy_prune", "--months", "12")
    assert not PersonalDetails.objects.filter(candidate=person).exists()
