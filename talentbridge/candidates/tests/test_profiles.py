import datetime as dt

import pytest

from talentbridge.candidates.profiles import age_group, anonymised_profile, candidate_scope
from talentbridge.privacy.consent import Purpose, record_decision

from .factories import make_assessment, make_candidate

pytestmark = pytest.mark.django_db


def test_the_profile_leaves_out_identifying_data(personas):
    candidate = make_candidate(personas)
    make_assessment(candidate, personas.assessor)
    profile = anonymised_profile(candidate, language="da")
    text = repr(profile)
    for secret in ("Amal", "Haddad", "1990-05-17", "12 34 56 78", "SY", "CASE-"):
        assert secret not in text
    assert profile["age_group"] in {"25-34", "35-44"}
    assert profile["nationality_region"] == "western_asia"
    assert profile["occupations"][0]["label"] == "svejser"
    assert profile["occupations"][0]["years"] == 8
    assert profile["skills"][0]["evidence"] == 3
    assert profile["skills"][0]["label"] == "anvende svejseudstyr"
    danish = next(lang for lang in profile["languages"] if lang["code"] == "da")
    assert (danish["level"], danish["tested"]) == ("A1", True)
    assert profile["driving_licences"] == ["B"]
    assert profile["municipality"]["name"] == "Aarhus"
    assert profile["education"][0]["isced_level"] == 3


def test_the_profile_speaks_english_when_asked(personas):
    candidate = make_candidate(personas)
    make_assessment(candidate)
    profile = anonymised_profile(candidate, language="en")
    assert profile["occupations"][0]["label"] == "welder"
    assert profile["skills"][0]["evidence_label"] == "shown in practice"


def test_the_profile_prefers_the_signed_off_version(personas):
    candidate = make_candidate(personas)
    make_assessment(candidate, signed=True)
    from talentbridge.candidates.models import Assessment

    Assessment.objects.create(candidate=candidate, version=2, appraisal="draft")
    assert anonymised_profile(candidate)["assessment"]["version"] == 1


def test_a_profile_without_assessment_has_empty_sections(personas):
    profile = anonymised_profile(make_candidate(personas))
    assert profile["assessment"] is None and profile["skills"] == []


def test_age_groups():
    assert age_group(2000, dt.date(2026, 6, 1)) == "25-34"
    assert age_group(1960, dt.date(2026, 6, 1)) == "55+"


def test_scope_by_role(personas):
    p = personas
    mine = make_candidate(p)
    theirs = make_candidate(p, project=p.other_project, organisation=p.other_ngo)
    assert set(candidate_scope(p.assessor)) == {mine}
    assert set(candidate_scope(p.outsider)) == {theirs}
    assert set(candidate_scope(p.consultant)) == {mine}
    assert set(candidate_scope(p.manager)) == {mine}
    assert set(candidate_scope(p.admin)) == {mine, theirs}
    assert not candidate_scope(p.employer_user).exists()


def test_caseworkers_and_placement_see_only_handed_over_candidates(personas):
    p = personas
    mine = make_candidate(p)
    assert not candidate_scope(p.caseworker).exists()
    assert not candidate_scope(p.placement_officer).exists()
    record_decision(mine, Purpose.HANDOVER, True, by=p.assessor)
    assert list(candidate_scope(p.caseworker)) == [mine]
    assert list(candidate_scope(p.placement_officer)) == [mine]
    record_decision(mine, Purpose.HANDOVER, False, by=p.assessor)
    assert not candidate_scope(p.caseworker).exists()
