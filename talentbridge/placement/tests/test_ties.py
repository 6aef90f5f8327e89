"""Ties by record: a recorded job offer (≥ 15 h/week, not time-limited) or IGU ties the household."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import translation

from talentbridge.candidates.models import Candidate, Household
from talentbridge.municipalities.models import Municipality
from talentbridge.pathways.models import PathwayStep
from talentbridge.placement import explain, services
from talentbridge.placement.tests.helpers import YEAR, demand_world, household, quotas
from talentbridge.privacy.consent import Purpose, record_decision
from talentbridge.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db

VEJLE = "0630"


@pytest.fixture
def world(personas):
    found = demand_world(personas)
    quotas()
    return found


def step(p, home: Household, kind: str, *, hours=None, time_limited=False, code=VEJLE, **extra):
    member = Candidate.objects.filter(household=home).order_by("birth_year").first()
    return PathwayStep.objects.create(
        candidate=member,
        project=p.project,
        kind=kind,
        municipality=Municipality.objects.get(code=code) if code else None,
        starts_on=dt.date(2026, 1, 5),
        hours_per_week=hours,
        time_limited=time_limited,
        **extra,
    )


def computed(p):
    officer = p.placement_officer
    run = services.create_run(officer, p.project, name="Ties", year=YEAR)
    return services.compute_run(officer, run)


def english(notes) -> list[str]:
    with translation.override("en"):
        return explain.tie_reasons(notes)


def row(run, home):
    return run.households.select_related("municipality", "tie_municipality").get(household=home)


def test_a_recorded_job_offer_that_meets_the_rule_ties(personas, world):
    home = household(personas, 1, occupation=world["welder"], skills=[world["weld"]])
    step(personas, home, PathwayStep.Kind.JOB, hours=37)
    run = computed(personas)
    tied = row(run, home)
    assert tied.tie_kind == Household.TieKind.JOB_OFFER and tied.tie_municipality.code == VEJLE
    assert tied.alternatives[0]["tie"] is True
    # Without the tie the welder would go to Herning (the demand); the tie keeps it near Vejle.
    assert tied.municipality.code != "0657"
    assert any("37 h/week" in reason for reason in english(tied.tie_notes))
    assert AuditEvent.objects.filter(
        object_type="pathways.pathwaystep", detail__purpose="placement ties"
    ).exists()


def test_an_igu_contract_ties(personas, world):
    home = household(personas, 1, occupation=world["cleaner"])
    step(personas, home, PathwayStep.Kind.IGU, hours=37, time_limited=True)
    tied = row(computed(personas), home)
    assert tied.tie_kind == Household.TieKind.IGU and tied.tie_municipality.code == VEJLE


@pytest.mark.parametrize(
    ("hours", "time_limited", "why", "dansk"),
    [
        (10, False, "fewer than 15", "færre end 15"),
        (37, True, "time-limited", "tidsbegrænset"),
        (None, False, "not recorded", "ikke registreret"),
    ],
)
def test_a_recorded_job_offer_that_fails_the_rule_is_no_tie(
    client, personas, world, hours, time_limited, why, dansk
):
    # The household is even labelled as tied by a job offer: the record overrules the label.
    home = household(
        personas,
        1,
        occupation=world["welder"],
        skills=[world["weld"]],
        tie=(Household.TieKind.JOB_OFFER, VEJLE),
    )
    step(personas, home, PathwayStep.Kind.JOB, hours=hours, time_limited=time_limited)
    run = computed(personas)
    free = row(run, home)
    assert free.tie_kind == "" and free.tie_municipality is None
    assert free.alternatives[0]["tie"] is False
    reasons = english(free.tie_notes)
    assert any("is not a tie" in r and why in r for r in reasons), reasons
    # The run page and the API say why (in Danish, the default language).
    client.force_login(personas.placement_officer)
    page = client.get(f"/placement/runs/{run.pk}/").content.decode()
    assert dansk in page
    api = client.get(f"/api/placement/runs/{run.pk}").json()
    entry = next(h for h in api["households"] if h["reference"] == free.reference)
    assert any(dansk in r for r in entry["tie_basis"])


def test_ended_steps_and_childrens_steps_do_not_tie(personas, world):
    home = household(personas, 1, occupation=world["cleaner"])
    step(personas, home, PathwayStep.Kind.JOB, hours=37, ends_on=dt.date(2026, 2, 1))
    step(personas, home, PathwayStep.Kind.JOB, hours=37, ending=PathwayStep.Ending.DROPPED_OUT)
    child = Candidate.objects.create(
        project=personas.project,
        organisation=personas.ngo,
        household=home,
        birth_year=2015,
        gender=Candidate.Gender.FEMALE,
        nationality="SY",
        asylum_status=Candidate.AsylumStatus.GRANTED,
    )
    PathwayStep.objects.create(
        candidate=child,
        project=personas.project,
        kind=PathwayStep.Kind.JOB,
        municipality=Municipality.objects.get(code=VEJLE),
        starts_on=dt.date(2026, 1, 5),
        hours_per_week=20,
    )
    record_decision(child, Purpose.HANDOVER, True, by=personas.assessor)
    free = row(computed(personas), home)
    assert free.tie_kind == "" and free.tie_notes == []


def test_a_family_label_still_ties_and_a_qualifying_job_wins_over_a_short_one(personas, world):
    family = household(personas, 1, tie=(Household.TieKind.FAMILY, "0101"))
    worker = household(personas, 2, occupation=world["welder"])
    step(personas, worker, PathwayStep.Kind.JOB, hours=8, code="0751")
    step(personas, worker, PathwayStep.Kind.JOB, hours=30, code=VEJLE)
    run = computed(personas)
    assert row(run, family).tie_kind == Household.TieKind.FAMILY
    tied = row(run, worker)
    assert tied.tie_municipality.code == VEJLE
    reasons = english(tied.tie_notes)
    assert len(reasons) == 2 and any("8 h/week, fewer than 15" in r for r in reasons)
    json.dumps(tied.tie_notes)  # stored as plain JSON
