"""In a real headless Chromium: a programme manager opens the dashboard and downloads the reports."""

import io

import pytest

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


def test_a_manager_opens_the_dashboard_and_downloads_excel_and_pdf(page, artifacts_dir):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from talentbridge.test import make_personas

    from .sample import build_sample

    p = make_personas()
    build_sample(p)
    log_in(page, "manager")
    page.click("nav.mainnav a[href='/reports/']")
    page.wait_for_selector(".kpis")
    assert page.locator(".kpi-participants .kpi-value").inner_text().strip() not in ("", "0")
    assert page.locator("meter").count() == 4
    page.select_option("select[name=project]", "alpha")
    page.click("form.toolbar button[type=submit]")
    page.wait_for_url("**/reports/?project=alpha**")
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.screenshot(path=str(artifacts_dir / "reports-dashboard.png"), full_page=True)

    with page.expect_download() as excel:
        page.click("a.button:has-text('Excel')")
    book = load_workbook(io.BytesIO(open(excel.value.path(), "rb").read()))
    assert len(book.sheetnames) == 13
    assert excel.value.suggested_filename.startswith("talentbridge-alpha-")

    with page.expect_download(timeout=120_000) as pdf:
        page.click("a.button:has-text('PDF')")
    data = open(pdf.value.path(), "rb").read()
    (artifacts_dir / "reports-funder.pdf").write_bytes(data)
    text = "\n".join(page_.extract_text() for page_ in PdfReader(io.BytesIO(data)).pages)
    assert "Talent Alpha" in text
    for label in (
        "Virksomheder kontaktet",
        "Deltagere",
        "Ansat",
        "I virksomhedspraktik eller løntilskud",
        "Startet uddannelse",
        "Tilknyttet en virksomhed",
    ):
        assert label in text, label
    assert (
        "Personer i projektet senest periodens sidste dag" in text
    )  # definitions travel with the numbers
