"""Dynamic pacing: a batch placed with prices learnt from the expected rest of the year."""

from __future__ import annotations

import io
import json
from collections import Counter

import pytest
from django.core.management import call_command

from talentbridge.municipalities.models import Quota
from talentbridge.placement import services
from talentbridge.placement.models import PlacementRun
from talentbridge.placement.tests.helpers import YEAR, household
from talentbridge.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


def loads(run) -> Counter:
    out = Counter()
    for h in run.households.select_related("municipality"):
        out[h.municipality.code] += h.size
    return out


def dynamic_run(p, name="Week 12", **options):
    officer = p.placement_officer
    run = services.create_run(
        officer, p.project, name=name, year=YEAR, pacing=PlacementRun.Pacing.DYNAMIC, **options
    )
    return services.compute_run(officer, run)


def test_a_dynamic_run_keeps_the_quotas_and_says_how_it_was_paced(personas, world):
    # Tight quotas: four persons per municipality, no slack.
    Quota.objects.filter(year=YEAR).update(quota=4)
    run = dynamic_run(personas, slack=0)
    assert run.status == PlacementRun.Status.COMPUTED
    pace = run.solver["pacing"]
    assert pace["mode"] == "dynamic"
    persons = sum(h.size for h in run.households.all())
    left = 4 * Quota.objects.filter(year=YEAR).count()
    assert pace["persons_left_in_quotas"] == left
    assert pace["persons_expected_after"] == left - persons
    assert pace["forecast_households"] == run.households.count()
    assert pace["highest_prices"]  # some places are worth keeping for later arrivals
    for code, n in loads(run).items():
        assert n <= run.solver["upper"][code] <= 4
    assert run.objective <= run.bound + 1e-9 and run.objective >= run.baseline
    assert pace["static_objective"] >= run.objective - 1e-9  # this batch gives up a little
    # Ties still decide.
    tied = run.households.get(household=world["homes"]["tied"])
    assert tied.alternatives[0]["tie"] is True


def test_year_pacing_reports_itself_too(personas, world):
    officer = personas.placement_officer
    run = services.compute_run(
        officer, services.create_run(officer, personas.project, name="Static", year=YEAR)
    )
    assert run.solver["pacing"] == {"mode": "year"}


def test_the_forecast_uses_the_years_earlier_approved_runs(personas, world):
    officer = personas.placement_officer
    first = services.compute_run(
        officer, services.create_run(officer, personas.project, name="Week 1", year=YEAR)
    )
    services.approve(officer, first)
    placed = sum(h.size for h in first.households.all())
    household(personas, 1, occupation=world["welder"], skills=[world["weld"]])
    household(personas, 2, occupation=world["cleaner"])
    run = dynamic_run(personas)
    pace = run.solver["pacing"]
    assert pace["from_earlier_runs"] == first.households.count()
    assert pace["forecast_households"] == first.households.count() + 2
    total = sum(Quota.objects.filter(year=YEAR).values_list("quota", flat=True))
    assert pace["persons_left_in_quotas"] <= total - placed + 5  # rounding of small quotas
    assert AuditEvent.objects.filter(detail__purpose="placement forecast").count() == (
        first.households.count()
    )
    # Quotas count the earlier run's placements.
    year = Counter()
    for r in (first, run):
        year.update(loads(r))
    for code, n in year.items():
        quota = Quota.objects.get(year=YEAR, municipality__code=code).quota
        assert n <= int(-(-quota * (1 + run.slack) // 1))


def test_api_page_and_cli_report_the_pacing(client, personas, world):
    client.force_login(personas.placement_officer)
    response = client.post(
        "/api/placement/runs",
        json.dumps({"project": "alpha", "year": YEAR, "pacing": "dynamic"}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["pacing"] == "dynamic" and body["pacing_report"]["mode"] == "dynamic"
    page = client.get(f"/placement/runs/{body['id']}/").content.decode()
    assert 'id="pacing"' in page
    bad = client.post(
        "/api/placement/runs",
        json.dumps({"project": "alpha", "year": YEAR, "pacing": "weekly"}),
        content_type="application/json",
    )
    assert bad.status_code == 400 and "pacing" in bad.content.decode()
    out = io.StringIO()
    call_command(
        "placement_run", "--project", "alpha", "--year", str(YEAR), "--pacing", "dynamic",
        stdout=out,
    )  # fmt: skip
    assert "pacing: dynamic" in out.getvalue() and "expected after this batch" in out.getvalue()
