import io

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from talentbridge.candidates import card
from talentbridge.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def fonts_of(content: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def in_script(text: str, low: int, high: int) -> int:
    return sum(low <= ord(ch) <= high for ch in text)


def test_the_fonts_come_from_the_installed_packages():
    files = card.font_files()
    assert set(files) == {"Noto Sans", "Noto Sans Arabic", "Noto Sans Ethiopic"}
    assert all(path.is_file() and "site-packages" in str(path) for path in files.values())
    assert "file://" in card.font_face_css() and "http" not in card.font_face_css()


def test_danish_and_arabic_card_pdf(p, signed, as_user):
    response = as_user(p.assessor).get(
        reverse("candidates:card", args=[signed.reference]), {"format": "pdf", "language": "ar"}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    # Danish column, headings as the merged catalogues of all apps translate them.
    with translation.override("da"):
        headings = [gettext(w) for w in ("Competence card", "Skills", "Languages", "Appraisal")]
    for word in [*headings, "Uddannelse", "svejser", "vist i praksis"]:
        assert word in text, word
    # Arabic column, in Arabic script, extracted in logical order. Only words whose glyphs are
    # not shared with other letters are checked: the PDF's ToUnicode map gives a dotless base
    # glyph the first letter it was used for (غ extracts as ع), although it prints correctly.
    for word in ("التعليم", "المهارات", "الكفاءات", "العربية"):
        assert word in text, word
    assert in_script(text, 0x0600, 0x06FF) > 50
    assert {"Noto-Sans-Arabic"} <= fonts_of(response.content)
    # Minimal personal data: the name for the assessor, never birth date, case number or nationality.
    assert "Amal Haddad" in text
    for secret in ("1990-05-17", "CASE-", "+45 12 34 56 78"):
        assert secret not in text
    assert f"{signed.reference}-1" in text
    assert AuditEvent.objects.filter(
        subject_ref=signed.reference, action="export", detail__card=True
    ).exists()


def test_danish_and_tigrinya_card_pdf(p, signed):
    pdf = card.render_pdf(p.assessor, card.card_assessment(signed), "ti")
    text = pdf_text(pdf)
    for word in ("ትምህርቲ", "ክእለታት", "ቋንቋታት", "ተመክሮ ስራሕ"):
        assert word in text, word
    assert in_script(text, 0x1200, 0x137F) > 30
    assert "Uddannelse" in text
    assert {"Noto-Sans-Ethiopic"} <= fonts_of(pdf)


def test_the_html_card_has_two_columns_and_right_to_left(p, signed, as_user):
    html = (
        as_user(p.assessor)
        .get(reverse("candidates:card", args=[signed.reference]), {"language": "fa"})
        .content.decode()
    )
    assert 'lang="fa" dir="rtl"' in html and 'lang="da" dir="ltr"' in html
    assert "کارت شایستگی‌ها" in html and "Kompetencekort" in html


def test_a_consultant_gets_the_card_without_the_name(p, signed, as_user):
    html = (
        as_user(p.consultant)
        .get(reverse("candidates:card", args=[signed.reference]))
        .content.decode()
    )
    assert "Kompetencekort" in html and "Haddad" not in html


def test_the_card_code_finds_the_card(p, signed, as_user):
    code = f"{signed.reference}-1"
    response = as_user(p.assessor).get(reverse("candidates:card_lookup"), {"code": code.lower()})
    assert response.status_code == 302 and signed.reference in response.url
    assert (
        as_user(p.outsider).get(reverse("candidates:card_lookup"), {"code": code}).status_code
        == 404
    )


def test_no_card_before_sign_off(p, candidate, as_user):
    assert (
        as_user(p.assessor).get(reverse("candidates:card", args=[candidate.reference])).status_code
        == 400
    )


def test_outsiders_get_404(p, signed, as_user):
    assert (
        as_user(p.outsider).get(reverse("candidates:card", args=[signed.reference])).status_code
        == 404
    )
    assert (
        as_user(p.employer_user)
        .get(reverse("candidates:card", args=[signed.reference]), {"format": "pdf"})
        .status_code
        == 404
    )


def test_fonts_are_served_for_the_print_view(client):
    response = client.get(reverse("candidates:font", args=["noto-sans-arabic"]))
    assert response.status_code == 200 and response["Content-Type"] == "font/ttf"
    assert client.get(reverse("candidates:font", args=["nope"])).status_code == 404
