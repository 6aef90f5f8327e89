"""In a real headless Chromium: the placement officer runs a placement, overrides one household
with a reason, approves the run and exports the CSV for the authority."""

import pytest

from talentbridge.placement.models import PlacementRun

from .helpers import YEAR, cohort

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


def test_run_override_approve_export(page, artifacts_dir):
    from talentbridge.test import make_personas

    p = make_personas()
    world = cohort(p)
    page.set_default_timeout(60000)  # the machine is shared: be patient with a loaded server
    log_in(page, "placement")

    page.goto("/placement/runs/new/")
    page.select_option("select[name=project]", str(p.project.pk))
    page.fill("input[name=name]", "Forår")
    page.fill("input[name=year]", str(YEAR))
    page.select_option("select[name=source]", "system")
    page.click("main form button.primary")
    page.wait_for_url("**/placement/runs/*/")
    run = PlacementRun.objects.get(name="Forår")
    assert run.status == PlacementRun.Status.COMPUTED

    reference = world["homes"]["welder1"].reference
    row = page.locator(f"tr#household-{reference}")
    assert "Herning" in row.inner_text() or "Holstebro" in row.inner_text()
    row.locator(f"select[name='{reference}-municipality']").select_option("0101")
    row.locator(f"input[name='{reference}-reason']").fill("Bror i København")
    row.locator("form.override button").click()
    page.wait_for_load_state()
    row = page.locator(f"tr#household-{reference}")
    assert "Bror i København" in row.inner_text()
    assert run.households.get(reference=reference).municipality.code == "0101"
    page.screenshot(path=str(artifacts_dir / "placement-run.png"), full_page=True)

    page.click("button#approve")
    page.wait_for_load_state()
    page.locator("a#export").wait_for()
    run.refresh_from_db()
    assert run.locked
    with page.expect_download() as download:
        page.click("a#export")
    target = artifacts_dir / "placement-export.csv"
    download.value.save_as(target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("household,persons,municipality_code")
    assert f"{reference},1,0101" in text
