import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talentbridge.candidates import consents
from talentbridge.candidates.duplicates import (
    name_similarity,
    normalise_case_number,
    normalise_name,
)
from talentbridge.candidates.models import Candidate
from talentbridge.candidates.profiles import candidate_scope
from talentbridge.employers.models import Employer
from talentbridge.privacy.consent import Purpose, has_consent, record_decision, with_consent

from .factories import make_candidate

pytestmark = pytest.mark.django_db


def test_overview_shows_the_decision_that_counts(p, candidate, employer):
    consents.decide(p.assessor, candidate, "share_anonymised", True)
    consents.decide(
        p.assessor,
        candidate,
        "reveal_identity",
        True,
        employer_id=employer.pk,
        note="asked at the job fair",
    )
    consents.decide(p.assessor, candidate, "share_anonymised", False)
    rows = {row.key: row for row in consents.overview(candidate)}
    assert rows["assessment"].given and not rows["share_anonymised"].given
    assert rows[f"reveal_identity:{employer.pk}"].given
    assert "Vestjysk Metal" in rows[f"reveal_identity:{employer.pk}"].explanation
    assert rows["handover"].decision is None


def test_revealed_identity_only_with_consent_and_audited(p, candidate, employer):
    from talentbridge.privacy.models import AuditEvent

    reads = AuditEvent.objects.filter(object_type="candidates.personaldetails")
    assert consents.revealed_identity(p.employer_user, candidate, employer) is None
    assert consents.revealed_identity(p.employer_user, candidate, employer, revealed=False) is None
    assert not reads.exists()
    consents.decide(p.assessor, candidate, "reveal_identity", True, employer_id=employer.pk)
    identity = consents.revealed_identity(p.employer_user, candidate, employer)
    assert identity["first_name"] == "Amal" and identity["last_name"] == "Haddad"
    event = reads.get()
    assert event.object_id == str(candidate.pk) and event.subject_ref == candidate.reference
    assert event.detail == {"employer": employer.pk, "consent": "reveal_identity"}


def test_the_candidate_decides_in_their_own_name(p, candidate):
    assert consents.decide_as_candidate(candidate, "handover", True).by_candidate
    assert (
        consents.decide_as_candidate(candidate, "handover", True) is None
    )  # no change, no new row
    assert has_consent(candidate, Purpose.HANDOVER)


def test_an_employer_outside_the_project_is_refused(p, candidate):
    other = Employer.objects.create(cvr="10000017", name="Elsewhere ApS")
    with pytest.raises(Exception) as exc:
        consents.decide(p.assessor, candidate, "reveal_identity", True, employer_id=other.pk)
    assert "employer" in exc.value.message_dict


def test_consent_view(p, candidate, employer, as_user):
    url = reverse("candidates:consent", args=[candidate.reference])
    response = as_user(p.assessor).post(
        url, {"purpose": "reveal_identity", "employer": employer.pk, "given": "1"}
    )
    assert response.status_code == 302
    assert has_consent(candidate, Purpose.REVEAL_IDENTITY, employer)
    page = (
        as_user(p.assessor)
        .get(reverse("candidates:detail", args=[candidate.reference]))
        .content.decode()
    )
    assert "Vestjysk Metal A/S" in page
    assert as_user(p.outsider).post(url, {"purpose": "handover", "given": "1"}).status_code == 404
    assert as_user(p.consultant).post(url, {"purpose": "handover", "given": "1"}).status_code == 404
    assert not has_consent(candidate, Purpose.HANDOVER)


decisions = st.lists(
    st.tuples(st.sampled_from(["assessment", "share_anonymised", "handover"]), st.booleans()),
    max_size=8,
)


# The fixture's candidate is reused across examples; each example starts from an empty log.
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=decisions)
def test_the_latest_decision_always_counts(personas_once, steps):
    p, candidate = personas_once
    candidate.consents.all().delete()
    latest = {}
    for purpose, given_ in steps:
        record_decision(candidate, purpose, given_, by=p.assessor)
        latest[purpose] = given_
    for purpose in ("assessment", "share_anonymised", "handover"):
        expected = latest.get(purpose, False)
        assert has_consent(candidate, purpose) is expected
        assert with_consent(Candidate.objects.filter(pk=candidate.pk), purpose).exists() is expected
    assert candidate_scope(p.caseworker).filter(pk=candidate.pk).exists() is latest.get(
        "handover", False
    )


@pytest.fixture
def personas_once(personas):
    return personas, make_candidate(personas)


@given(st.text(max_size=30), st.text(max_size=30))
def test_name_similarity_is_symmetric_and_bounded(a, b):
    assert name_similarity(a, b) == name_similarity(b, a)
    assert 0 <= name_similarity(a, b) <= 100


@given(st.text(max_size=30))
def test_normalising_is_idempotent(value):
    assert normalise_case_number(normalise_case_number(value)) == normalise_case_number(value)
    assert normalise_name(normalise_name(value)) == normalise_name(value)


def test_the_candidate_is_told_who_recorded_a_decision(p, candidate, employer):
    from django.utils import timezone, translation

    today = timezone.localdate().isoformat()
    by_assessor = consents.decide(p.assessor, candidate, "handover", True)
    by_admin = record_decision(candidate, Purpose.SHARE_ANONYMISED, False, by=p.admin)
    by_self = consents.decide_as_candidate(candidate, "handover", False)
    with translation.override("en"):
        assert consents.decision_text(by_assessor) == (
            f"Yes, recorded on {today} by an assessor at Refugee NGO Alpha."
        )
        assert consents.decision_text(by_admin) == f"No, recorded on {today} by a staff member."
        assert consents.decision_text(by_self) == f"You said no on {today}."
    with translation.override("da"):
        assert consents.decision_text(by_assessor) == (
            f"Ja, registreret den {today} af en afklarer hos Refugee NGO Alpha."
        )
    # The candidate can only withdraw an employer they currently allow.
    with pytest.raises(Exception) as exc:
        consents.withdraw_identity_as_candidate(candidate, employer.pk)
    assert "employer" in exc.value.message_dict


def test_a_large_project_offers_only_the_employers_the_candidate_met(
    p, candidate, employer, monkeypatch
):
    other = Employer.objects.create(cvr="10000017", name="Aarhus Rengøring ApS")
    other.projects.add(p.project)
    assert {e.pk for e in consents.employer_choices(candidate)} == {employer.pk, other.pk}
    monkeypatch.setattr(consents, "ALL_EMPLOYERS_UP_TO", 1)
    assert consents.employer_choices(candidate) == []
    record_decision(candidate, Purpose.REVEAL_IDENTITY, True, by=p.assessor, employer=other)
    assert consents.employer_choices(candidate) == [other]
    rows = consents.overview(candidate, employers=consents.employer_choices(candidate))
    assert [r.key for r in rows][-1] == f"reveal_identity:{other.pk}" and rows[-1].given
