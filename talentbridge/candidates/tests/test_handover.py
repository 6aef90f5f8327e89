import copy
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from talentbridge.candidates import handover
from talentbridge.candidates.models import Assessment, Candidate, Household
from talentbridge.privacy.consent import Purpose, record_decision
from talentbridge.privacy.models import AuditEvent

from .factories import forget

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(p, signed):
    household = Household.objects.create(project=p.project, size=3, needs="ground floor")
    signed.household = household
    signed.save()
    record_decision(signed, Purpose.HANDOVER, True, by=p.assessor)
    return handover.export_profile(p.assessor, signed)


def test_export_needs_the_handover_consent(p, signed):
    with pytest.raises(ValidationError) as exc:
        handover.export_profile(p.assessor, signed)
    assert "consent" in exc.value.message_dict


def test_the_export_is_complete_and_audited(p, signed, exported):
    assert (exported["schema"], exported["schema_version"]) == (
        "talentbridge.candidate-profile",
        "1.0",
    )
    assert exported["personal"]["first_name"] == "Amal"
    assert exported["household"]["needs"] == "ground floor"
    assessment = exported["assessment"]
    assert assessment["status"] == "signed_off"
    assert assessment["skills"][0]["evidence"] == 3
    assert {row["language"] for row in assessment["languages"]} == {"ar", "da"}
    assert AuditEvent.objects.filter(subject_ref=signed.reference, action="export").count() == 2
    json.dumps(exported)  # plain JSON


def _without_ids(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in row.items() if k != "id"} for row in rows]


def _reimport(p, data, **kwargs):
    """Import into project beta as the assessor there (the receiving organisation)."""
    return handover.import_profile(p.outsider, data, p.other_project, **kwargs)


def test_round_trip(p, signed, exported):
    data = copy.deepcopy(exported)
    reference = signed.reference
    forget(signed)  # the receiving system has never seen the person
    imported = _reimport(p, data)
    assert imported.reference == reference and imported.project == p.other_project
    assert imported.personal.last_name == "Haddad"
    assert imported.household.needs == "ground floor" and imported.household.size == 3
    assessment = Assessment.objects.get(candidate=imported)
    assert assessment.status == "signed_off" and assessment.imported_from.startswith(
        "Refugee NGO Alpha"
    )
    assert assessment.skills.get().evidence == 3
    # The second export of the imported person carries the same profile.
    record_decision(imported, Purpose.HANDOVER, True, by=p.outsider)
    second = handover.export_profile(p.outsider, imported)
    for key in ("education", "work_experience", "skills", "languages", "certificates"):
        assert _without_ids(second["assessment"][key]) == _without_ids(data["assessment"][key]), key
    for key in ("driving_licences", "appraisal", "next_steps", "expectations", "digital"):
        assert second["assessment"][key] == data["assessment"][key], key


@pytest.mark.parametrize(
    "change, field",
    [
        (lambda d: d.update(schema_version="2.0"), "schema_version"),
        (lambda d: d.update(schema="something-else"), "schema"),
        (lambda d: d["candidate"].update(shoe_size=44), "candidate.shoe_size"),
        (lambda d: d["candidate"].update(nationality="QQ"), "candidate.nationality"),
        (lambda d: d["candidate"].update(birth_year=1800), "candidate.birth_year"),
        (lambda d: d["candidate"].update(municipality="9999"), "candidate.municipality"),
        (lambda d: d["personal"].update(date_of_birth="17/05/1990"), "personal.date_of_birth"),
        (
            lambda d: d["assessment"]["skills"][0].update(evidence=7),
            "assessment.skills[0].evidence",
        ),
        (
            lambda d: d["assessment"]["skills"][0].update(
                skill_uri="http://data.europa.eu/esco/skill/nope"
            ),
            "assessment.skills[0].skill_uri",
        ),
        (
            lambda d: d["assessment"]["languages"][0]["tested"].update(reading="B1"),
            "assessment.languages[0].tested.reading",
        ),
        (lambda d: d["assessment"].update(driving_licences=["ZZ"]), "assessment.driving_licences"),
    ],
)
def test_invalid_files_are_refused_with_the_field_named_and_nothing_written(
    p, signed, exported, change, field
):
    data = copy.deepcopy(exported)
    forget(signed)
    change(data)
    before = Candidate.objects.count(), Household.objects.count(), Assessment.objects.count()
    with pytest.raises(ValidationError) as exc:
        _reimport(p, data)
    assert field in exc.value.message_dict, exc.value.message_dict
    assert (
        Candidate.objects.count(),
        Household.objects.count(),
        Assessment.objects.count(),
    ) == before


def test_a_known_reference_is_refused(p, signed, exported):
    with pytest.raises(ValidationError) as exc:
        _reimport(p, exported)
    assert "candidate.reference" in exc.value.message_dict


def test_cli_export_and_import(p, signed, exported, tmp_path, capsys):
    path = tmp_path / "h.json"
    call_command("candidates_export", signed.reference, "--as", "assessor", "-o", str(path))
    data = json.loads(path.read_text())
    assert data["candidate"]["reference"] == signed.reference
    forget(signed)
    data["schema_version"] = "0.9"
    path.write_text(json.dumps(data))
    with pytest.raises(CommandError, match="schema_version"):
        call_command("candidates_import", str(path), "--project", "beta", "--as", "outsider")
    data["schema_version"] = "1.0"
    path.write_text(json.dumps(data))
    with pytest.raises(CommandError, match="no project"):
        call_command("candidates_import", str(path), "--project", "alpha", "--as", "outsider")
    call_command("candidates_import", str(path), "--project", "beta", "--as", "outsider")
    assert (
        Candidate.objects.get(reference=data["candidate"]["reference"]).project == p.other_project
    )
    assert AuditEvent.objects.filter(channel="cli:candidates import").exists()


def test_cli_export_outside_scope_fails(p, signed):
    with pytest.raises(CommandError, match="scope"):
        call_command("candidates_export", signed.reference, "--as", "outsider")


def test_views_export_and_import(p, signed, exported, as_user, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    response = as_user(p.assessor).get(reverse("candidates:export", args=[signed.reference]))
    assert (
        response.status_code == 200
        and json.loads(response.content)["candidate"]["reference"] == signed.reference
    )
    assert (
        as_user(p.outsider).get(reverse("candidates:export", args=[signed.reference])).status_code
        == 404
    )
    assert (
        as_user(p.consultant).get(reverse("candidates:export", args=[signed.reference])).status_code
        == 404
    )
    bad = dict(exported, schema_version="3")
    upload = SimpleUploadedFile("h.json", json.dumps(bad).encode(), content_type="application/json")
    response = as_user(p.outsider).post(
        reverse("candidates:import"), {"project": p.other_project.pk, "file": upload}
    )
    assert response.status_code == 400 and "schema_version" in response.content.decode()
    assert as_user(p.employer_user).get(reverse("candidates:import")).status_code == 404
