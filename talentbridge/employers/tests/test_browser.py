"""In a real headless Chromium: a consultant registers a company and an opening; the company's
own user logs in and sees only their own company."""

import pytest

from talentbridge.employers.models import Employer, Need, Opening

from .helpers import Taxonomy, make_employer

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


def log_out(page):
    page.click("header form[action*=logout] button")
    page.wait_for_url("**/accounts/login/**")


def test_a_consultant_registers_a_company_and_an_opening_and_its_user_sees_only_it(
    page, artifacts_dir
):
    from talentbridge.test import make_personas

    p = make_personas()
    page.set_default_timeout(45000)  # the machine is shared: be patient with a loaded server
    t = Taxonomy()
    other = make_employer(
        p.project,
        "Aarhus Rengøring ApS",
        seed=71,
        organisation=p.other_employer_org,
        municipality="0751",
    )
    Need.objects.create(site=other.sites.get(), project=p.project, occupation=t.cleaner, count=4)

    log_in(page, "consultant")
    page.click("nav.mainnav >> text=Virksomheder")
    page.click("text=Registrér en virksomhed")
    page.fill("input[name=cvr]", "6112 6228")
    page.fill("input[name=name]", "Vestjysk Metal A/S")
    page.fill("input[name=industry_code]", "25.11.00")
    page.select_option("select[name=organisation]", label="Vestjysk Metal A/S")
    page.click("main button.primary")
    page.wait_for_url("**/employers/*/")
    employer = Employer.objects.get(cvr="61126228")
    assert employer.organisation == p.employer_org and employer.consultant == p.consultant

    page.click("text=Tilføj et arbejdssted")
    page.fill("input[name=name]", "Værkstedet")
    page.select_option("select[name=municipality]", "0657")
    page.click("main button.primary")
    page.wait_for_url(f"**/employers/{employer.pk}/")

    page.click("text=Opret en stilling")
    page.select_option("select[name=kind]", "internship")
    page.fill("input[name=title]", "Svejser")
    page.fill(
        "textarea[name=description]",
        "Svejsning i værkstedet.\n- Kørsel med gaffeltruck\n- Følge sikkerhedsregler",
    )
    page.click("button[value=suggest]")
    page.wait_for_selector("#occupation-choices input[type=radio]")
    page.check(f"#occupation-choices input[value='{t.welder.uri}']")
    page.check(f"input[name=essential_skills][value='{t.forklift.uri}']")
    page.screenshot(path=str(artifacts_dir / "employers-opening-suggestions.png"), full_page=True)
    page.click("button[value=open]")
    page.wait_for_url("**/employers/openings/*/")
    opening = Opening.objects.get(title="Svejser")
    assert (opening.status, opening.occupation, opening.site.employer) == (
        "open",
        t.welder,
        employer,
    )
    assert [s.skill for s in opening.skills.all()] == [t.forklift]

    # The demand map now counts the open place; a recorded need adds to it.
    site = employer.sites.get()
    need = Need.objects.create(site=site, project=p.project, occupation=t.cleaner, count=4)
    need.skills.set([t.hygiene])
    page.click("nav.mainnav >> text=Behovskort")
    page.wait_for_selector("figure.chart img")
    page.wait_for_function(
        "Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)"
    )
    assert (
        page.locator(".tiles-figures .value").first.inner_text() == "9"
    )  # 1 + 4 + the other company's 4
    page.screenshot(path=str(artifacts_dir / "employers-demand.png"), full_page=True)
    log_out(page)

    log_in(page, "employer")
    page.click("nav.mainnav >> text=Min virksomhed")
    page.wait_for_url("**/employers/portal/**")
    main = page.locator("main")
    assert "Vestjysk Metal A/S" in main.inner_text()
    assert "Svejser" in main.inner_text()
    assert "Aarhus Rengøring" not in page.content()
    page.screenshot(path=str(artifacts_dir / "employers-portal.png"), full_page=True)
    page.goto(f"/employers/{employer.pk}/")
    assert "404" in page.title() or page.locator("h1").inner_text() != "Vestjysk Metal A/S"
