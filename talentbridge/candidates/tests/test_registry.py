import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from talentbridge.accounts.models import Organisation
from talentbridge.candidates import registry
from talentbridge.candidates.duplicates import name_similarity, skeleton
from talentbridge.candidates.models import Candidate, PersonalDetails
from talentbridge.privacy.consent import Purpose, record_decision
from talentbridge.privacy.models import AuditEvent

from .factories import make_candidate

pytestmark = pytest.mark.django_db

BASE = {"birth_year": 1988, "gender": "male", "nationality": "SY", "asylum_status": "asylum_seeker"}


def personal(**extra):
    return {
        "first_name": "Mohammed",
        "last_name": "Al-Hassan",
        "date_of_birth": dt.date(1988, 3, 2),
        **extra,
    }


def test_it_registers_with_personal_details_apart(p):
    candidate = registry.register(
        p.assessor, p.project, dict(BASE), personal(case_number="ab 123-45")
    )
    assert candidate.reference.startswith("TB-")
    assert candidate.organisation == p.ngo
    details = PersonalDetails.objects.get(candidate=candidate)
    assert (details.first_name, details.case_number) == ("Mohammed", "AB12345")
    actions = set(
        AuditEvent.objects.filter(subject_ref=candidate.reference).values_list(
            "object_type", "action"
        )
    )
    assert {("candidates.candidate", "create"), ("candidates.personaldetails", "create")} <= actions


def test_it_refuses_a_bad_nationality_naming_the_field(p):
    with pytest.raises(ValidationError) as exc:
        registry.register(p.assessor, p.project, {**BASE, "nationality": "QQ"}, personal())
    assert "nationality" in exc.value.message_dict


@pytest.mark.parametrize(
    "second, reason",
    [
        ({"case_number": "AB-12345", "first_name": "Other", "last_name": "Name"}, "case_number"),
        ({"first_name": "mohammed", "last_name": "al hassan"}, "name_and_birth_date"),
        ({"first_name": "Muhammad", "last_name": "Alhasan", "date_of_birth": None}, "similar_name"),
    ],
)
def test_it_finds_the_same_person_registered_at_another_centre(p, second, reason):
    centre_a = Organisation.objects.create(
        name="Center Sandholm", kind=Organisation.Kind.ASYLUM_CENTRE
    )
    first = registry.register(
        p.outsider,
        p.other_project,
        {**BASE, "asylum_centre": centre_a},
        personal(case_number="AB12345"),
    )
    with pytest.raises(registry.DuplicatesFound) as found:
        registry.register(p.assessor, p.project, dict(BASE), personal(**second))
    match = found.value.matches[0]
    assert match.candidate == first and reason in match.reasons
    # The assessor of project A learns the reference and organisation, not the centre or project.
    report = registry.duplicate_report(p.assessor, found.value.matches)
    assert report[0]["reference"] == first.reference and "asylum_centre" not in report[0]
    # Confirmed as a different person, the registration goes through.
    assert registry.register(
        p.assessor, p.project, dict(BASE), personal(**second), allow_duplicate=True
    )


def test_different_people_are_not_duplicates(p):
    registry.register(p.assessor, p.project, dict(BASE), personal())
    registry.register(
        p.assessor,
        p.project,
        {**BASE, "birth_year": 1995},
        personal(first_name="Amina", date_of_birth=None),
    )
    assert Candidate.objects.count() == 2


def test_transliterations_look_alike():
    assert skeleton("Mohammed") == skeleton("Muhammad") == "mhmd"
    assert name_similarity("Mohamad Al-Hasan", "Muhammed Alhassan") >= 85
    assert name_similarity("Amina Yusuf", "Fatima Ahmed") < 60


def test_search_by_reference_name_nationality_status_and_centre(p):
    centre = Organisation.objects.create(
        name="Center Jelling", kind=Organisation.Kind.ASYLUM_CENTRE
    )
    centre.projects.add(p.project)
    amal = make_candidate(p, asylum_centre=centre)
    other = make_candidate(
        p,
        first="Yonas",
        last="Tesfay",
        nationality="ER",
        asylum_status=Candidate.AsylumStatus.ASYLUM_SEEKER,
    )
    f = registry.Filters
    assert list(registry.search(p.assessor, f(q="haddad"))) == [amal]
    assert list(registry.search(p.assessor, f(q=other.reference[3:]))) == [other]
    assert list(registry.search(p.assessor, f(nationality="er"))) == [other]
    assert list(registry.search(p.assessor, f(status="asylum_seeker"))) == [other]
    assert list(registry.search(p.assessor, f(centre=centre.pk))) == [amal]
    # A consultant may not search by name; the outsider sees none of them.
    assert list(registry.search(p.consultant, f(q="haddad"))) == []
    assert list(registry.search(p.outsider, f())) == []


def test_views_index_and_search(p, as_user):
    amal = make_candidate(p)
    client = as_user(p.assessor)
    response = client.get(reverse("candidates:index"), {"q": "Haddad"})
    assert response.status_code == 200 and amal.reference in response.content.decode()
    assert AuditEvent.objects.filter(
        subject_ref=amal.reference, action="read", detail__list=True
    ).exists()
    outsider = as_user(p.outsider).get(reverse("candidates:index"))
    assert amal.reference not in outsider.content.decode()
    assert as_user(p.employer_user).get(reverse("candidates:index")).status_code == 404


def test_register_view_shows_duplicates_before_saving(p, as_user):
    registry.register(p.assessor, p.project, dict(BASE), personal(case_number="X1"))
    client = as_user(p.assessor)
    data = {
        "project": "alpha",
        "c-birth_year": 1988,
        "c-gender": "male",
        "c-nationality": "sy",
        "c-language": "ar",
        "c-asylum_status": "asylum_seeker",
        "p-first_name": "Anything",
        "p-last_name": "Else",
        "p-case_number": "x-1",
    }
    response = client.post(reverse("candidates:register"), data)
    assert response.status_code == 200
    assert (
        "same case number" in response.content.decode()
        or "samme sagsnummer" in response.content.decode()
    )
    assert Candidate.objects.count() == 1
    response = client.post(reverse("candidates:register"), {**data, "confirm_not_duplicate": "on"})
    assert response.status_code == 302 and Candidate.objects.count() == 2


def test_register_view_is_for_assessors_only(p, as_user):
    assert as_user(p.consultant).get(reverse("candidates:register")).status_code == 404
    assert (
        as_user(p.outsider).get(reverse("candidates:register"), {"project": "alpha"}).status_code
        == 404
    )


def test_detail_shows_personal_details_only_to_those_who_need_them(p, as_user):
    amal = make_candidate(p)
    url = reverse("candidates:detail", args=[amal.reference])
    assert "Haddad" in as_user(p.assessor).get(url).content.decode()
    assert AuditEvent.objects.filter(
        subject_ref=amal.reference, object_type="candidates.personaldetails", action="read"
    ).exists()
    consultant_page = as_user(p.consultant).get(url)
    assert consultant_page.status_code == 200 and "Haddad" not in consultant_page.content.decode()
    assert as_user(p.outsider).get(url).status_code == 404
    assert as_user(p.employer_user).get(url).status_code == 404


def test_edit_and_personal_views(p, as_user):
    amal = make_candidate(p)
    client = as_user(p.assessor)
    response = client.post(
        reverse("candidates:edit", args=[amal.reference]),
        {
            "birth_year": 1991,
            "gender": "female",
            "nationality": "SY",
            "language": "ar",
            "asylum_status": "granted",
            "work_allowed_from": "2026-02-01",
            "organisation": p.ngo.pk,
        },
    )
    assert response.status_code == 302
    amal.refresh_from_db()
    assert (amal.birth_year, amal.work_allowed_from) == (1991, dt.date(2026, 2, 1))
    response = client.post(
        reverse("candidates:personal", args=[amal.reference]),
        {"first_name": "Amal", "last_name": "Haddad-Ali", "phone": "+45 1"},
    )
    assert (
        response.status_code == 302
        and PersonalDetails.objects.get(candidate=amal).last_name == "Haddad-Ali"
    )
    for user in (p.outsider, p.consultant):
        assert (
            as_user(user).get(reverse("candidates:edit", args=[amal.reference])).status_code == 404
        )
        assert (
            as_user(user).get(reverse("candidates:personal", args=[amal.reference])).status_code
            == 404
        )


def test_households(p, as_user):
    client = as_user(p.assessor)
    response = client.post(
        reverse("candidates:households"),
        {"size": 4, "needs": "school places for two children", "tie_kind": ""},
    )
    assert response.status_code == 302
    household = p.project.households.get()
    amal = make_candidate(p, household=household)
    page = client.get(reverse("candidates:household", args=[household.reference]))
    assert amal.reference in page.content.decode()
    # The list shows the household's needs: each listed household is audited as read.
    listing = client.get(reverse("candidates:households"))
    assert "school places for two children" in listing.content.decode()
    listed = AuditEvent.objects.filter(
        action="read", object_type="candidates.household", detail={"list": True}
    )
    assert [(e.actor, e.object_id, e.subject_ref) for e in listed] == [
        (p.assessor, str(household.pk), household.reference)
    ]
    assert listed.get().channel != "unknown"
    assert (
        as_user(p.outsider)
        .get(reverse("candidates:household", args=[household.reference]))
        .status_code
        == 404
    )
    with pytest.raises(ValidationError):
        registry.update_candidate(
            p.assessor,
            amal,
            {"household": registry.create_household(p.outsider, p.other_project, {"size": 1})},
        )


def test_detail_links_to_matching_only_for_those_who_work_with_matches(p, as_user):
    amal = make_candidate(p)
    url = reverse("candidates:detail", args=[amal.reference])
    matches = reverse("pipeline:candidate", args=[amal.reference])
    assert matches in as_user(p.consultant).get(url).content.decode()
    # The receiving municipality's caseworker sees the candidate after the handover consent.
    record_decision(amal, Purpose.HANDOVER, True, by=p.assessor)
    caseworker_page = as_user(p.caseworker).get(url)
    assert caseworker_page.status_code == 200
    assert matches not in caseworker_page.content.decode()
    assert as_user(p.caseworker).get(matches).status_code == 404


def test_a_project_with_many_households_takes_the_household_reference(p, monkeypatch):
    from talentbridge.candidates import forms
    from talentbridge.candidates.models import Household

    household = Household.objects.create(project=p.project, size=2)
    data = {
        "birth_year": 1990,
        "gender": "female",
        "nationality": "SY",
        "language": "ar",
        "asylum_status": "granted",
    }
    listed = forms.CandidateForm(data | {"household": household.pk}, project=p.project)
    assert "<select" in str(listed["household"]) and listed.is_valid(), listed.errors
    assert listed.cleaned_data["household"] == household

    monkeypatch.setattr(forms, "HOUSEHOLD_LIST_UP_TO", 0)
    typed = forms.CandidateForm(data | {"household": household.reference}, project=p.project)
    assert "<select" not in str(typed["household"]) and typed.is_valid(), typed.errors
    assert typed.cleaned_data["household"] == household
    wrong = forms.CandidateForm(data | {"household": "HH-NOPE"}, project=p.project)
    assert not wrong.is_valid() and "household" in wrong.errors
    amal = make_candidate(p, household=household)
    editing = forms.CandidateForm(instance=amal, project=p.project)
    assert f'value="{household.reference}"' in str(editing["household"])
