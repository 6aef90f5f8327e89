"""In a real headless Chromium: a consultant shortlists from an opening's ranked list, presents
a consenting candidate, records an interview and an acceptance; the company's user sees only
anonymised candidates until a candidate agrees to show their name."""

import pytest

from talentbridge.pathways.models import PathwayStep
from talentbridge.pipeline.models import Match
from talentbridge.privacy.consent import Purpose, record_decision

from .helpers import world

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


def move(page, reference, status, reason=""):
    row = page.locator(f"tr[data-candidate='{reference}']")
    row.locator("select[name=status]").select_option(status)
    if reason:
        row.locator("input[name=reason]").fill(reason)
    row.locator("form.move-form button").click()
    page.wait_for_load_state()
    page.locator(f"tr[data-candidate='{reference}'] [data-status='{status}']").wait_for()


def test_shortlist_present_interview_accept_and_the_employer_sees_names_only_with_consent(
    page, artifacts_dir
):
    from talentbridge.test import make_personas

    p = make_personas()
    w = world(p)
    page.set_default_timeout(45000)  # the machine is shared: be patient with a loaded server
    url = f"/matches/openings/{w.opening.pk}/"

    # The consultant works the opening's ranked list.
    log_in(page, "consultant")
    page.goto(url)
    rows = page.locator("table.ranking tbody tr")
    assert rows.first.get_attribute("data-candidate") == w.ahmad.reference  # the best fit first
    assert "nødvendige færdigheder" in rows.first.inner_text()
    for person in (w.ahmad, w.bilal):
        page.locator(
            f"tr[data-candidate='{person.reference}'] form[action$='/shortlist/'] button"
        ).click()
        page.wait_for_load_state()
        page.locator(
            f"tr[data-candidate='{person.reference}'] [data-status='shortlisted']"
        ).wait_for()
    move(page, w.ahmad.reference, "presented")
    move(page, w.ahmad.reference, "interview", "Tirsdag kl. 10")
    move(page, w.ahmad.reference, "accepted")
    page.screenshot(path=str(artifacts_dir / "pipeline-opening-consultant.png"), full_page=True)
    ahmad = Match.objects.get(candidate=w.ahmad)
    assert ahmad.status == "accepted"
    assert [e.to_status for e in ahmad.events.all()] == [
        "shortlisted",
        "presented",
        "interview",
        "accepted",
    ]
    assert PathwayStep.objects.filter(source_match_id=ahmad.pk, candidate=w.ahmad).exists()
    # Bilal has not agreed to show his name: presenting him is refused.
    row = page.locator(f"tr[data-candidate='{w.bilal.reference}']")
    row.locator("select[name=status]").select_option("presented")
    row.locator("form.move-form button").click()
    page.wait_for_load_state()
    page.locator(".messages li.error").wait_for()
    assert Match.objects.get(candidate=w.bilal).status == "shortlisted"
    log_out(page)

    # The company's user sees anonymised profiles; names only where revealed and presented.
    log_in(page, "employer")
    page.goto(url)
    body = page.locator("main").inner_text()
    assert w.ahmad.reference in body and w.bilal.reference in body
    assert w.chen.reference not in body  # Chen shares nothing with employers
    assert "Ahmad Testsen" in body  # accepted, and he agreed to show his name to this company
    assert "Bilal" not in body
    page.screenshot(
        path=str(artifacts_dir / "pipeline-opening-employer-before.png"), full_page=True
    )

    # Bilal agrees; the consultant presents him; now the company sees his name.
    record_decision(w.bilal, Purpose.REVEAL_IDENTITY, True, by=p.assessor, employer=w.employer)
    from talentbridge.pipeline import flow

    flow.move(p.consultant, Match.objects.get(candidate=w.bilal), "presented")
    page.reload()
    assert "Bilal Testsen" in page.locator("main").inner_text()
    page.screenshot(path=str(artifacts_dir / "pipeline-opening-employer-after.png"), full_page=True)
