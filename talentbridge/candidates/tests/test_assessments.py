import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from talentbridge.candidates import assessment_data, assessments
from talentbridge.candidates.models import AssessedSkill, Assessment, EvidenceLevel
from talentbridge.privacy.consent import Purpose, record_decision
from talentbridge.privacy.models import AuditEvent
from talentbridge.taxonomy.models import OccupationSkill

from .factories import concept, make_candidate, welder, welding_skill

pytestmark = pytest.mark.django_db


def test_a_first_change_starts_version_1_with_the_assessor(p, candidate):
    draft = assessments.update_main(
        p.assessor, candidate, {"interpreter_language": "ar", "driving_licences": "b ce"}
    )
    assert (draft.version, draft.status, draft.assessor) == (1, "draft", p.assessor)
    assert draft.driving_licences == ["B", "CE"]


def test_sections_are_added_with_esco_concepts_and_checked(p, candidate):
    job = assessments.add_entry(
        p.assessor,
        candidate,
        "work_experience",
        {"occupation_uri": welder().uri, "years": "6.5", "country": "sy"},
    )
    assert job.occupation == welder() and job.country == "SY"
    skill = assessments.add_entry(
        p.assessor,
        candidate,
        "skills",
        {"skill_uri": welding_skill().uri, "level": 3, "evidence": 3},
    )
    assert skill.evidence == EvidenceLevel.SHOWN_IN_PRACTICE
    with pytest.raises(ValidationError) as exc:
        assessments.add_entry(p.assessor, candidate, "skills", {"skill_uri": welding_skill().uri})
    assert "skill_uri" in exc.value.message_dict  # already there
    with pytest.raises(ValidationError) as exc:
        assessments.add_entry(
            p.assessor, candidate, "skills", {"skill_uri": "http://example.org/nope"}
        )
    assert "skill_uri" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        assessments.add_entry(
            p.assessor, candidate, "skills", {"skill_uri": welding_skill().uri + "x", "level": 9}
        )
    with pytest.raises(ValidationError) as exc:
        assessments.add_entry(p.assessor, candidate, "languages", {"language": "Arabic"})
    assert "language" in exc.value.message_dict
    lang = assessments.add_entry(
        p.assessor,
        candidate,
        "languages",
        {"language": "da", "self_speaking": "A2", "tested_speaking": "A1"},
    )
    assert lang.effective_level() == "A1"


def test_sign_off_freezes_and_a_change_starts_a_new_draft(p, candidate):
    assessments.add_entry(
        p.assessor, candidate, "work_experience", {"occupation_uri": welder().uri, "years": 3}
    )
    with pytest.raises(ValidationError) as exc:
        assessments.sign_off(p.assessor, candidate)
    assert "appraisal" in exc.value.message_dict
    assessments.update_main(p.assessor, candidate, {"appraisal": "Experienced welder."})
    v1 = assessments.sign_off(p.assessor, candidate)
    assert (v1.status, v1.signed_off_by) == ("signed_off", p.assessor)
    v2 = assessments.update_main(p.colleague, candidate, {"next_steps": "Forklift course."})
    assert (v2.version, v2.status, v2.assessor) == (2, "draft", p.colleague)
    assert v2.work_experience.get().occupation == welder()  # copied
    v1.refresh_from_db()
    assert v1.next_steps == "" and v1.work_experience.count() == 1  # frozen
    # Removing an entry shown from the signed version removes its copy in the new draft.
    assessments.sign_off(p.colleague, candidate)
    old_job = Assessment.objects.get(candidate=candidate, version=2).work_experience.get()
    assessments.remove_entry(p.assessor, candidate, "work_experience", old_job.pk)
    assert Assessment.objects.get(candidate=candidate, version=3).work_experience.count() == 0
    assert Assessment.objects.get(candidate=candidate, version=2).work_experience.count() == 1
    assert [a.version for a in assessments.history(p.assessor, candidate)] == [3, 2, 1]


def test_no_assessment_without_consent_and_withdrawal_stops_it_at_once(p):
    candidate = make_candidate(p)
    with pytest.raises(ValidationError) as exc:
        assessments.update_main(p.assessor, candidate, {"appraisal": "x"})
    assert "consent" in exc.value.message_dict
    record_decision(candidate, Purpose.ASSESSMENT, True, by=p.assessor)
    assessments.update_main(p.assessor, candidate, {"appraisal": "x"})
    record_decision(candidate, Purpose.ASSESSMENT, False, by=p.assessor)
    with pytest.raises(ValidationError):
        assessments.add_entry(p.assessor, candidate, "languages", {"language": "ar"})


def test_only_assessors_of_the_project_change_it(p, candidate):
    with pytest.raises(PermissionDenied):
        assessments.update_main(p.consultant, candidate, {"appraisal": "x"})
    with pytest.raises(PermissionDenied):
        assessments.update_main(p.outsider, candidate, {"appraisal": "x"})


def test_skill_offers_from_the_occupation_relations(p, candidate):
    operate = concept("operate-1", "skill", "operate forklift", "betjene gaffeltruck")
    OccupationSkill.objects.create(occupation=welder(), skill=welding_skill(), relation="essential")
    OccupationSkill.objects.create(occupation=welder(), skill=operate, relation="optional")
    assessments.add_entry(
        p.assessor, candidate, "work_experience", {"occupation_uri": welder().uri, "years": 2}
    )
    draft = assessments.latest(candidate)
    offers = assessment_data.occupation_skill_offers(draft, "da")
    assert offers[0]["label"] == "svejser"
    assert [s["label"] for s in offers[0]["essential"]] == ["anvende svejseudstyr"]
    assert [s["label"] for s in offers[0]["optional"]] == ["betjene gaffeltruck"]
    assessments.add_entry(p.assessor, candidate, "skills", {"skill_uri": welding_skill().uri})
    assert assessment_data.occupation_skill_offers(draft, "da")[0]["essential"] == []


def test_assessment_page_and_one_click_skill(p, candidate, as_user):
    OccupationSkill.objects.create(occupation=welder(), skill=welding_skill(), relation="essential")
    client = as_user(p.assessor)
    url = reverse("candidates:assessment", args=[candidate.reference])
    response = client.post(
        reverse("candidates:add_entry", args=[candidate.reference, "work_experience"]),
        {
            "work_experience-occupation_label": "welder",
            "work_experience-occupation_uri": welder().uri,
            "work_experience-years": "4",
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "anvende svejseudstyr" in page and welding_skill().uri in page
    assert (
        client.post(
            reverse("candidates:confirm_skill", args=[candidate.reference]),
            {"skill_uri": welding_skill().uri},
        ).status_code
        == 302
    )
    skill = AssessedSkill.objects.get(assessment__candidate=candidate)
    assert skill.evidence == EvidenceLevel.SELF_REPORTED
    client.post(
        reverse("candidates:update_skill", args=[candidate.reference, skill.pk]),
        {"level": 4, "evidence": 3},
    )
    skill.refresh_from_db()
    assert (skill.level, skill.evidence) == (4, 3)
    response = client.post(
        url,
        {
            "main-appraisal": "Good welder",
            "main-digital_level": "basic",
            "main-driving_licences": "B",
            "main-interpreter_language": "ar",
            "main-wants_job": "on",
        },
    )
    assert response.status_code == 302
    assert (
        client.post(reverse("candidates:sign_off", args=[candidate.reference])).status_code == 302
    )
    assert assessments.latest(candidate).status == "signed_off"
    assert (
        "v1"
        in client.get(reverse("candidates:history", args=[candidate.reference])).content.decode()
    )
    assert (
        client.get(reverse("candidates:version", args=[candidate.reference, 1])).status_code == 200
    )
    assert AuditEvent.objects.filter(
        subject_ref=candidate.reference, object_type="candidates.assessment", action="read"
    ).exists()


@pytest.mark.parametrize("code", ["xx", "qq", "xyz", "qaa", "und", "AR", "arab"])
def test_a_language_must_be_a_real_iso_639_code(p, candidate, code):
    from talentbridge.candidates.models import LanguageSkill

    with pytest.raises(ValidationError) as exc:
        assessments.add_entry(p.assessor, candidate, "languages", {"language": code})
    assert "not an ISO 639 language code" in exc.value.message_dict["language"][0]
    with pytest.raises(ValidationError) as exc:
        assessments.update_main(p.assessor, candidate, {"interpreter_language": code})
    assert "not an ISO 639 language code" in exc.value.message_dict["interpreter_language"][0]
    assert not LanguageSkill.objects.exists()


@pytest.mark.parametrize("code", ["da", "ar", "ti", "so", "uk", "prs", "ckb", "kmr", "ps", "fa"])
def test_real_iso_639_codes_are_accepted(p, candidate, code):
    assert assessments.add_entry(p.assessor, candidate, "languages", {"language": code})
    assessments.update_main(p.assessor, candidate, {"interpreter_language": code})


def test_the_language_form_names_an_unknown_code(p, candidate, as_user):
    from talentbridge.candidates.models import LanguageSkill

    response = as_user(p.assessor).post(
        reverse("candidates:add_entry", args=[candidate.reference, "languages"]),
        {"languages-language": "xx", "languages-self_speaking": "B1"},
    )
    assert response.status_code == 400
    assert "not an ISO 639 language code" in response.content.decode()
    assert not LanguageSkill.objects.exists()


def test_bad_section_input_is_shown_not_saved(p, candidate, as_user):
    response = as_user(p.assessor).post(
        reverse("candidates:add_entry", args=[candidate.reference, "skills"]),
        {"skills-skill_label": "weld", "skills-level": 2, "skills-evidence": 1},
    )
    assert response.status_code == 400 and not AssessedSkill.objects.exists()


def test_outsiders_get_404_on_every_assessment_page(p, signed, as_user):
    ref = signed.reference
    client = as_user(p.outsider)
    for name, args in [
        ("assessment", [ref]),
        ("history", [ref]),
        ("version", [ref, 1]),
    ]:
        assert client.get(reverse(f"candidates:{name}", args=args)).status_code == 404, name
    for name, args in [
        ("assessment", [ref]),
        ("sign_off", [ref]),
        ("confirm_skill", [ref]),
        ("add_entry", [ref, "skills"]),
        ("remove_entry", [ref, "skills", 1]),
        ("update_skill", [ref, 1]),
    ]:
        assert client.post(reverse(f"candidates:{name}", args=args), {}).status_code == 404, name
    # A consultant of the project may read but not change.
    consultant = as_user(p.consultant)
    assert consultant.get(reverse("candidates:assessment", args=[ref])).status_code == 200
    assert consultant.post(reverse("candidates:sign_off", args=[ref])).status_code == 404
