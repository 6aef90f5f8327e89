import datetime as dt
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from talentbridge.candidates.models import (
    AssessedSkill,
    EvidenceLevel,
    LanguageSkill,
    SelfAssessment,
    SelfAssessmentAttempt,
    SelfAssessmentCode,
)
from talentbridge.candidates.selfassess import codes, review
from talentbridge.privacy.consent import Purpose, has_consent
from talentbridge.privacy.models import AuditEvent

from .factories import welding_skill

pytestmark = pytest.mark.django_db

ANSWERS = {
    "wishes": ["work", "danish"],
    "education": "vocational",
    "school_years": "11",
    "job_0_title": "لحام",
    "job_0_years": "7",
    "skills": ["welding", "driving"],
    "lang_0_code": "ar",
    "lang_0_level": "mother",
    "lang_1_code": "da",
    "lang_1_level": "little",
    "licences": ["B"],
    "digital": "phone",
    "other": "أريد العمل في ورشة",
}


def test_a_code_works_once_and_only_until_it_expires(p, candidate):
    row, code = codes.issue(p.assessor, candidate, "ar")
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert code[5:] not in row.secret_hash  # only the HMAC is stored
    assert codes.redeem(code.lower().replace("-", " "), "c1") == row
    with pytest.raises(codes.CodeRefused):
        codes.redeem(code, "c1")  # used up
    row2, code2 = codes.issue(p.assessor, candidate, "ar")
    SelfAssessmentCode.objects.filter(pk=row2.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    with pytest.raises(codes.CodeRefused):
        codes.redeem(code2, "c2")


def test_a_code_locks_after_wrong_secrets(p, candidate):
    row, code = codes.issue(p.assessor, candidate, "ar")
    wrong = code[:5] + ("A" if code[5] != "A" else "B") + code[6:]
    for i in range(5):
        with pytest.raises(codes.CodeRefused):
            codes.redeem(wrong, f"client-{i}")  # different addresses: the per-code limit applies
    with pytest.raises(codes.CodeRefused):
        codes.redeem(code, "client-x")  # even the right secret is refused now


def test_a_client_address_is_limited_across_codes(p, candidate):
    row, code = codes.issue(p.assessor, candidate, "ar")
    for _ in range(codes.MAX_FAILED_PER_CLIENT):
        with pytest.raises(codes.CodeRefused):
            codes.redeem("ZZZZ-ZZZZ", "same")
    with pytest.raises(codes.RateLimited):
        codes.redeem(code, "same")
    assert (
        SelfAssessmentAttempt.objects.filter(client="same", succeeded=False).count()
        == codes.MAX_FAILED_PER_CLIENT
    )
    # Old failures fall out of the window.
    SelfAssessmentAttempt.objects.update(at=timezone.now() - codes.WINDOW - dt.timedelta(seconds=1))
    assert codes.redeem(code, "same") == row


def test_the_rate_limit_answers_429_on_the_page(p, candidate, client):
    for _ in range(codes.MAX_FAILED_PER_CLIENT):
        assert (
            client.post(reverse("candidates:self_start"), {"code": "ZZZZ-ZZZZ"}).status_code == 400
        )
    assert client.post(reverse("candidates:self_start"), {"code": "ZZZZ-ZZZZ"}).status_code == 429


def _start(client, candidate, p, language="ar"):
    _row, code = codes.issue(p.assessor, candidate, language)
    response = client.post(reverse("candidates:self_start"), {"code": code})
    assert response.status_code == 302 and response.url == reverse("candidates:self_consent")
    return code


def test_the_candidate_consents_answers_and_the_assessor_reviews(p, candidate, client, as_user):
    from talentbridge.privacy.consent import record_decision

    record_decision(candidate, Purpose.ASSESSMENT, False, by=p.assessor)
    _start(client, candidate, p)
    page = client.get(reverse("candidates:self_consent"))
    html = page.content.decode()
    assert '<html lang="ar" dir="rtl">' in html and "موافقتك" in html
    # Without the assessment consent the answers cannot be sent.
    client.post(reverse("candidates:self_consent"), {"assessment": "no", "share_anonymised": "yes"})
    assert has_consent(candidate, Purpose.SHARE_ANONYMISED)
    assert client.post(reverse("candidates:self_answers"), ANSWERS).status_code == 400
    client.post(reverse("candidates:self_consent"), {"assessment": "yes", "share_anonymised": "no"})
    assert has_consent(candidate, Purpose.ASSESSMENT) and not has_consent(
        candidate, Purpose.SHARE_ANONYMISED
    )
    consent = candidate.consents.filter(purpose="assessment").first()
    assert consent.by_candidate and consent.recorded_by is None
    assert AuditEvent.objects.filter(
        actor_label=f"candidate:{candidate.reference}", object_type="privacy.consent"
    ).exists()
    response = client.post(reverse("candidates:self_answers"), ANSWERS)
    assert response.status_code == 302 and response.url == reverse("candidates:self_done")
    submitted = SelfAssessment.objects.get(candidate=candidate)
    assert submitted.answers["jobs"] == [{"title": "لحام", "years": 7}]
    assert submitted.answers["languages"][0] == {"code": "ar", "level": "mother"}
    # Nothing reached the assessment yet.
    assert not AssessedSkill.objects.exists() and not LanguageSkill.objects.exists()
    # The session is over: the questionnaire is closed.
    assert client.get(reverse("candidates:self_answers")).status_code == 302
    # The assessor reviews item by item.
    assessor = as_user(p.assessor)
    url = reverse("candidates:self_review", args=[candidate.reference, submitted.pk])
    assert "لحام" in assessor.get(url).content.decode()
    assessor.post(
        url, {"key": "skill:welding", "action": "accept", "concept_uri": welding_skill().uri}
    )
    assessor.post(url, {"key": "language:da", "action": "accept"})
    assessor.post(url, {"key": "skill:driving", "action": "dismiss"})
    skill = AssessedSkill.objects.get()
    assert (skill.skill, skill.evidence, skill.source) == (
        welding_skill(),
        EvidenceLevel.SELF_REPORTED,
        "self_assessment",
    )
    danish = LanguageSkill.objects.get(language="da")
    assert (danish.self_speaking, danish.tested_speaking) == ("A1", "")
    submitted.refresh_from_db()
    assert submitted.accepted == ["skill:welding", "language:da"] and submitted.dismissed == [
        "skill:driving"
    ]
    assert as_user(p.outsider).get(url).status_code == 404
    assert as_user(p.outsider).post(url, {"key": "wishes", "action": "accept"}).status_code == 404
    assert as_user(p.consultant).post(url, {"key": "wishes", "action": "accept"}).status_code == 404


def test_review_of_every_item_kind(p, candidate):
    code_row, _code = codes.issue(p.assessor, candidate, "ar")
    from talentbridge.candidates.selfassess.questions import QuestionnaireForm

    form = QuestionnaireForm(ANSWERS)
    assert form.is_valid(), form.errors
    item = review.submit(code_row, "ar", form.answers())
    for entry in review.items(item):
        uri = welding_skill().uri if entry.kind == "skill" else ""
        review.decide(p.assessor, item, entry.key, True, uri)
    item.refresh_from_db()
    assert item.status == "reviewed"
    draft = candidate.assessments.get()
    assert (draft.wants_job, draft.wants_danish_lessons, draft.wants_education) == (
        True,
        True,
        False,
    )
    assert draft.driving_licences == ["B"] and draft.digital_level == "basic"
    assert draft.education.get().isced_level == 3
    assert draft.work_experience.get().title == "لحام"
    assert "ورشة" in draft.expectations_note
    assert LanguageSkill.objects.get(language="ar").mother_tongue


def test_switching_language_keeps_the_answers(p, candidate, client):
    _start(client, candidate, p, language="ti")
    page = client.get(reverse("candidates:self_answers")).content.decode()
    assert '<html lang="ti" dir="ltr">' in page and "ትምህርቲ" in page
    response = client.post(reverse("candidates:self_answers"), {**ANSWERS, "_language": "fa"})
    assert response.status_code == 302
    page = client.get(reverse("candidates:self_answers")).content.decode()
    assert '<html lang="fa" dir="rtl">' in page
    assert 'value="لحام"' in page and 'value="welding" checked' in page


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
def test_every_language_renders_with_the_right_lang_and_dir(client, language):
    page = client.get(reverse("candidates:self_start"), {"lang": language})
    html = page.content.decode()
    direction = "rtl" if language in settings.RTL_LANGUAGES else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert page["Content-Language"] == language
    if language != "en":
        assert "Enter the code you got from your assessor." not in html  # translated


def test_staff_issue_codes_and_outsiders_cannot(p, candidate, as_user):
    url = reverse("candidates:issue_code", args=[candidate.reference])
    response = as_user(p.assessor).post(url, {"language": "ps"})
    assert response.status_code == 200
    row = SelfAssessmentCode.objects.get()
    assert row.language == "ps" and f"{row.lookup}-" in response.content.decode()
    assert as_user(p.outsider).post(url, {"language": "ps"}).status_code == 404
    assert as_user(p.consultant).post(url, {"language": "ps"}).status_code == 404


def test_an_unknown_code_page_and_done_page(client):
    assert client.get(reverse("candidates:self_answers")).status_code == 302
    assert client.get(reverse("candidates:self_consent")).status_code == 302
    assert client.get(reverse("candidates:self_done"), {"lang": "so"}).status_code == 200


def test_review_suggests_esco_concepts_for_free_text(p, candidate, as_user):
    from talentbridge.taxonomy.sample import load_sample

    load_sample()
    row, _ = codes.issue(p.assessor, candidate, "da")
    item = review.submit(
        row, "da", {"jobs": [{"title": "svejser", "years": 3}], "skills": ["welding"]}
    )
    suggestions = review.concept_suggestions("occupations", "svejser", "da")
    assert "svejser" in [s["label"] for s in suggestions]
    page = (
        as_user(p.assessor)
        .get(reverse("candidates:self_review", args=[candidate.reference, item.pk]))
        .content.decode()
    )
    assert 'name="concept_choice"' in page


def test_the_consent_page_shows_who_decided_and_the_candidate_withdraws_in_arabic(
    p, candidate, employer, client
):
    from talentbridge.candidates import consents
    from talentbridge.privacy.consent import record_decision

    record_decision(candidate, Purpose.REVEAL_IDENTITY, True, by=p.assessor, employer=employer)
    consents.decide_as_candidate(candidate, Purpose.HANDOVER, True)
    today = timezone.localdate().isoformat()
    _start(client, candidate, p, "ar")
    html = client.get(reverse("candidates:self_consent")).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    # Recorded by the assessor: role and organisation, never the staff member's name.
    by_assessor = f"نعم، سُجِّلت بتاريخ {today} من قِبل موظف تقييم في Refugee NGO Alpha."
    assert html.count(by_assessor) == 2  # the assessment, and the employer below
    assert p.assessor.get_full_name() not in html and p.assessor.username not in html
    # Given by the candidate: "you".
    assert f"قلت نعم بتاريخ {today}." in html
    # The per-employer decision, with a button to withdraw it.
    assert "أصحاب العمل واسمك" in html and "Vestjysk Metal A/S" in html
    assert "سحب الموافقة" in html and f'name="employer" value="{employer.pk}"' in html
    read = AuditEvent.objects.get(action="read", object_type="privacy.consent")
    assert read.actor_label == f"candidate:{candidate.reference}"
    assert read.subject_ref == candidate.reference
    # Withdrawal counts at once.
    response = client.post(reverse("candidates:self_withdraw"), {"employer": employer.pk})
    assert response.status_code == 302
    assert response.url == reverse("candidates:self_consent") + "#employers"
    assert not has_consent(candidate, Purpose.REVEAL_IDENTITY, employer)
    latest = candidate.consents.filter(purpose=Purpose.REVEAL_IDENTITY).first()
    assert latest.by_candidate and not latest.given and latest.recorded_by is None
    assert AuditEvent.objects.filter(
        action="create", object_type="privacy.consent", object_id=str(latest.pk)
    ).exists()
    html = client.get(reverse("candidates:self_consent")).content.decode()
    assert "تم. لم يعد بإمكان Vestjysk Metal A/S معرفة اسمك." in html
    assert f"قلت لا بتاريخ {today}." in html
    assert 'name="employer"' not in html  # nothing left to withdraw
    assert "إذا أردت أن يعرف صاحب العمل هذا اسمك، أخبر الموظف المسؤول عن تقييمك." in html
    # Withdrawing what is not given is refused.
    assert (
        client.post(reverse("candidates:self_withdraw"), {"employer": employer.pk}).status_code
        == 404
    )
    assert client.post(reverse("candidates:self_withdraw"), {"employer": "x"}).status_code == 404
    assert candidate.consents.filter(purpose=Purpose.REVEAL_IDENTITY).count() == 2


def test_outsiders_cannot_withdraw_a_consent(p, candidate, employer, client):
    from talentbridge.privacy.consent import record_decision

    record_decision(candidate, Purpose.REVEAL_IDENTITY, True, by=p.assessor, employer=employer)
    url = reverse("candidates:self_withdraw")
    # No code at all, or a wrong one.
    response = client.post(url, {"employer": employer.pk})
    assert response.status_code == 302 and response.url == reverse("candidates:self_start")
    assert client.post(reverse("candidates:self_start"), {"code": "ZZZZ-ZZZZ"}).status_code == 400
    assert client.post(url, {"employer": employer.pk}).url == reverse("candidates:self_start")
    assert client.get(reverse("candidates:self_consent")).status_code == 302
    # A code whose session has expired.
    _start(client, candidate, p, "ar")
    session = client.session
    session["self_assessment"]["until"] = (timezone.now() - dt.timedelta(minutes=1)).isoformat()
    session.save()
    assert client.post(url, {"employer": employer.pk}).url == reverse("candidates:self_start")
    assert client.get(reverse("candidates:self_consent")).url == reverse("candidates:self_start")
    # Withdrawing needs a POST.
    assert client.get(url).status_code == 405
    assert has_consent(candidate, Purpose.REVEAL_IDENTITY, employer)
    assert candidate.consents.filter(purpose=Purpose.REVEAL_IDENTITY).count() == 1
