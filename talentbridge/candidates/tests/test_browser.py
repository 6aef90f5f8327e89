"""In a real headless Chromium: an assessor registers a candidate, records a full assessment
with ESCO autocomplete, signs it off and downloads the card; the candidate then opens the
self-assessment with a code, in Arabic (right to left), and submits it."""

import io
import re

import pytest
from pypdf import PdfReader

from talentbridge.accounts.models import Organisation
from talentbridge.candidates.models import Assessment, Candidate, SelfAssessment
from talentbridge.privacy.consent import Purpose, has_consent

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def log_in(page, username):
    from talentbridge.test import PASSWORD

    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/")


def choose_suggestion(page, selector, text, pick):
    """Type into an ESCO autocomplete and click the suggestion containing ``pick``."""
    page.fill(selector, "")
    page.type(selector, text, delay=30)
    option = page.locator(".autocomplete-list li", has_text=pick).first
    option.wait_for()
    option.dispatch_event("mousedown")


def test_assessment_card_and_self_assessment_in_arabic(page, artifacts_dir):
    from talentbridge.taxonomy.sample import load_sample
    from talentbridge.test import make_personas

    p = make_personas()
    load_sample()
    centre = Organisation.objects.create(
        name="Center Sandholm", kind=Organisation.Kind.ASYLUM_CENTRE
    )
    centre.projects.add(p.project)
    page.on("dialog", lambda dialog: dialog.accept())

    # The assessor registers the candidate.
    log_in(page, "assessor")
    page.click("nav.mainnav >> text=Kandidater")
    page.click("text=Registrér en kandidat")
    page.fill("input[name=p-first_name]", "Rami")
    page.fill("input[name=p-last_name]", "Khalil")
    page.fill("input[name=p-case_number]", "SY-2026-0042")
    page.fill("input[name=c-birth_year]", "1989")
    page.select_option("select[name=c-gender]", "male")
    page.fill("input[name=c-nationality]", "SY")
    page.select_option("select[name=c-language]", "ar")
    page.select_option("select[name=c-asylum_centre]", label="Center Sandholm")
    page.select_option("select[name=c-asylum_status]", "granted")
    page.fill("input[name=c-work_allowed_from]", "2026-01-15")
    page.click("main button.primary")
    page.wait_for_url(re.compile(r".*/candidates/TB-[A-Z0-9]{7}/$"))
    candidate = Candidate.objects.get(personal__last_name="Khalil")

    # Consent to the assessment, recorded in the interview.
    page.select_option("#consent select[name=purpose]", "assessment")
    page.select_option("#consent select[name=given]", "1")
    page.click("#consent form button[type=submit]")
    page.wait_for_load_state()
    assert has_consent(candidate, Purpose.ASSESSMENT)

    # The full assessment.
    page.click("main a.button.primary >> text=Afklaring")
    page.fill("input[name=main-interpreter_language]", "ar")
    page.fill("textarea[name=main-personal_situation]", "Bor på centret med sin kone og to børn.")
    page.check("input[name=main-wants_education]")
    page.fill("input[name=main-preferred_sectors]", "metal, byggeri")
    page.select_option("select[name=main-digital_level]", "intermediate")
    page.fill("input[name=main-driving_licences]", "B C")
    page.fill("textarea[name=main-appraisal]", "Erfaren svejser med 8 års erfaring fra Aleppo.")
    page.fill(
        "textarea[name=main-next_steps]",
        "Virksomhedspraktik på et metalværksted; danskundervisning.",
    )
    page.click("button[name=save-main]")
    page.wait_for_load_state()

    page.select_option("select[name=education-isced_level]", "3")
    page.fill("input[name=education-title]", "Teknisk skole, svejsning")
    page.fill("input[name=education-country]", "SY")
    page.fill("input[name=education-years]", "3")
    page.click("#education button[type=submit]")
    page.wait_for_load_state()

    choose_suggestion(page, "input[name=work_experience-occupation_label]", "svejs", "svejser")
    page.fill("input[name=work_experience-years]", "8")
    page.fill("input[name=work_experience-country]", "SY")
    page.click("#work_experience form.rowform button[type=submit]")
    page.wait_for_selector("#skill-offers")
    # The welder's ESCO skills are offered: confirm two with one click each.
    for _ in range(2):
        page.locator("#skill-offers button.chip.essential").first.click()
        page.wait_for_load_state()

    choose_suggestion(page, "input[name=skills-skill_label]", "warehouse", "warehouse")
    page.select_option("select[name=skills-evidence]", "3")
    page.click("#skills form.rowform button[type=submit]")
    page.wait_for_load_state()

    page.fill("input[name=languages-language]", "ar")
    page.check("input[name=languages-mother_tongue]")
    page.click("#languages form.rowform button[type=submit]")
    page.wait_for_load_state()
    page.fill("input[name=languages-language]", "da")
    page.select_option("select[name=languages-self_speaking]", "A2")
    page.select_option("select[name=languages-tested_speaking]", "A1")
    page.click("#languages form.rowform button[type=submit]")
    page.wait_for_load_state()

    page.fill("input[name=certificates-name]", "Svejsecertifikat EN ISO 9606-1")
    page.fill("input[name=certificates-year]", "2019")
    page.click("#certificates form.rowform button[type=submit]")
    page.wait_for_load_state()

    page.click("#sign-off")
    page.wait_for_selector("#card-pdf")
    assessment = Assessment.objects.get(candidate=candidate)
    assert assessment.status == "signed_off" and assessment.interpreter_language == "ar"
    assert assessment.work_experience.get().occupation.label("da") == "svejser"
    assert assessment.skills.count() == 3 and assessment.skills.filter(evidence=3).exists()
    assert assessment.languages.count() == 2 and assessment.certificates.count() == 1
    assert assessment.education.get().isced_level == 3

    # The card, downloaded as PDF, in Danish beside Arabic.
    with page.expect_download() as download_info:
        page.click("#card-pdf")
    pdf_path = artifacts_dir / "competence-card-da-ar.pdf"
    download_info.value.save_as(pdf_path)
    text = "\n".join(pg.extract_text() for pg in PdfReader(io.BytesIO(pdf_path.read_bytes())).pages)
    assert "Kompetencekort" in text and "svejser" in text and "التعليم" in text

    # A code for the self-assessment in Arabic.
    page.goto(f"/candidates/{candidate.reference}/")
    page.select_option("select[name=language]", "ar")
    page.click("text=Ny selvvurderingskode")
    code = page.inner_text("#self-code").strip()
    page.click("header form[action*=logout] button")
    page.wait_for_url("**/accounts/login/**")

    # The candidate, on the centre's tablet.
    page.set_viewport_size({"width": 800, "height": 1200})
    page.goto("/candidates/self/")
    page.click("nav.self-languages a[lang=ar]")
    page.wait_for_selector("html[lang=ar][dir=rtl]")
    page.fill("#id_code", code)
    page.click("#code-form button[type=submit]")
    page.wait_for_url("**/candidates/self/consent/")
    assert page.get_attribute("html", "dir") == "rtl"
    page.check("input[name=assessment][value=yes]")
    page.check("input[name=share_anonymised][value=yes]")
    page.check("input[name=handover][value=no]")
    page.click("#consent-form button[type=submit]")
    page.wait_for_url("**/candidates/self/answers/")
    page.click("label.tile:has(input[name=wishes][value=work])")
    page.click("label.tile:has(input[name=wishes][value=danish])")
    page.click("label.tile:has(input[name=education][value=vocational])")
    page.fill("input[name=school_years]", "12")
    page.fill("input[name=job_0_title]", "لحّام")
    page.fill("input[name=job_0_years]", "8")
    page.click("label.tile:has(input[name=skills][value=welding])")
    page.click("label.tile:has(input[name=skills][value=driving])")
    page.select_option("select[name=lang_0_code]", "ar")
    page.check("input[name=lang_0_level][value=mother]")
    page.select_option("select[name=lang_1_code]", "da")
    page.check("input[name=lang_1_level][value=little]")
    page.click("label.tile:has(input[name=licences][value=B])")
    page.click("label.tile:has(input[name=digital][value=computer])")
    page.fill("textarea[name=other]", "أريد أن أعمل في ورشة حدادة")
    assert page.get_attribute("html", "dir") == "rtl" and page.get_attribute("html", "lang") == "ar"
    page.screenshot(path=str(artifacts_dir / "self-assessment-ar-rtl.png"), full_page=True)
    page.click("#send")
    page.wait_for_url("**/candidates/self/done/")
    page.screenshot(path=str(artifacts_dir / "self-assessment-ar-done.png"))

    submitted = SelfAssessment.objects.get(candidate=candidate)
    assert submitted.language == "ar"
    assert submitted.answers["wishes"] == ["work", "danish"]
    assert submitted.answers["jobs"] == [{"title": "لحّام", "years": 8}]
    assert set(submitted.answers["skills"]) == {"welding", "driving"}
    assert has_consent(candidate, Purpose.SHARE_ANONYMISED) and not has_consent(
        candidate, Purpose.HANDOVER
    )
