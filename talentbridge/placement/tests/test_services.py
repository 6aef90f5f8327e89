"""The placement service layer on a small world (see helpers.py)."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from talentbridge.candidates.models import Candidate
from talentbridge.placement import services
from talentbridge.placement.models import PlacementRun
from talentbridge.placement.tests.helpers import CSV, YEAR, demand_world, quotas
from talentbridge.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_run_places_people_where_their_skills_are_wanted(personas, world):
    officer = personas.placement_officer
    run = services.create_run(officer, personas.project, name="Spring", year=YEAR)
    # The household without handover consent is not in the officer's scope.
    assert run.households.count() == 5
    run = services.compute_run(officer, run)
    assert run.status == PlacementRun.Status.COMPUTED
    assert run.scoring == PlacementRun.Scoring.DEMAND_PRIOR
    placed = {h.household.pk: h for h in run.households.select_related("municipality", "household")}
    welder = placed[world["homes"]["welder1"].pk]
    assert welder.municipality.code in {"0657", "0661", "0756", "0760"}  # Herning or next door
    cleaner = placed[world["homes"]["cleaner1"].pk]
    assert cleaner.municipality.code in {
        "0751",
        "0740",
        "0746",
        "0706",
        "0741",
        "0727",
        "0730",
        "0710",
    }
    tied = placed[world["homes"]["tied"].pk]
    assert tied.alternatives[0]["tie"] is True
    assert tied.alternatives[0]["code"] == tied.municipality.code
    # Top three with expected outcome, and the recommendation first.
    assert len(welder.alternatives) == 4 and welder.alternatives[0]["recommended"]
    assert welder.alternatives[1]["expected"] >= welder.alternatives[2]["expected"]
    assert run.objective >= run.baseline
    assert run.gap is not None and run.gap < 0.05


def test_overrides_need_a_reason_and_approval_locks_and_places(personas, world):
    officer = personas.placement_officer
    run = services.compute_run(
        officer, services.create_run(officer, personas.project, name="Spring", year=YEAR)
    )
    reference = world["homes"]["welder1"].reference
    with pytest.raises(ValidationError):
        services.override(officer, run, reference, "0101", "  ")
    household = services.override(officer, run, reference, "0101", "Family in Copenhagen")
    assert household.overridden and household.municipality.code == "0101"
    # Recomputing keeps the officer's decision.
    run = services.compute_run(officer, run)
    assert run.households.get(reference=reference).municipality.code == "0101"
    run = services.approve(officer, run)
    assert run.locked
    member = Candidate.objects.get(household=world["homes"]["welder1"])
    assert member.municipality.code == "0101"
    with pytest.raises(ValidationError):
        services.override(officer, run, reference, "0751", "too late")
    with pytest.raises(ValidationError):
        services.compute_run(officer, run)
    rows = list(csv.DictReader(io.StringIO(services.export_csv(officer, run))))
    assert len(rows) == 5
    row = next(r for r in rows if r["household"] == reference)
    assert row["municipality_code"] == "0101" and row["overridden"] == "yes"
    assert (
        AuditEvent.objects.filter(action="export", object_type="placement.runhousehold").count()
        == 5
    )


def test_caseworkers_see_incoming_households_as_consent_allows(personas, world):
    officer = personas.placement_officer
    run = services.compute_run(
        officer, services.create_run(officer, personas.project, name="Spring", year=YEAR)
    )
    home = world["homes"]["cleaner2"]
    services.override(
        officer, run, home.reference, "0751", "Aarhus has the school the children need"
    )
    services.approve(officer, run)
    rows = services.incoming(personas.caseworker)  # Aarhus
    row = next(r for r in rows if r["reference"] == home.reference)
    assert row["persons"] == 3 and len(row["members"]) == 2 and row["withheld"] == 0
    # Withdrawing the handover consent hides the members at once.
    from talentbridge.privacy.consent import Purpose, record_decision

    for member in Candidate.objects.filter(household=home):
        record_decision(member, Purpose.HANDOVER, False, by=personas.assessor)
    row = next(
        r for r in services.incoming(personas.caseworker) if r["reference"] == home.reference
    )
    assert row["members"] == [] and row["withheld"] == 2
    with pytest.raises(Http404):
        services.incoming(personas.assessor)


def test_outsiders_find_nothing(personas, world):
    run = services.create_run(
        personas.placement_officer, personas.project, name="Spring", year=YEAR
    )
    for user in (personas.outsider, personas.assessor, personas.employer_user, personas.caseworker):
        with pytest.raises(Http404):
            services.get_run_or_404(user, run.pk)
        with pytest.raises(Http404):
            services.create_run(user, personas.project, name="x", year=YEAR)
    assert not services.runs_for(personas.outsider).exists()


def test_a_run_from_csv_with_ties_and_forbidden_pairs(personas):
    demand_world(personas)
    quotas()
    officer = personas.placement_officer
    run = services.create_run(
        officer,
        personas.project,
        name="CSV",
        year=YEAR,
        source="csv",
        csv_file=io.StringIO(CSV),
        capacities_file=io.StringIO(
            "service,per,municipality_code,capacity\nhousing,household,0657,0\n"
        ),
    )
    assert run.households.count() == 3
    h1 = run.households.get(reference="H-1")
    assert h1.size == 3 and len(h1.people) == 2
    run = services.compute_run(officer, run)
    placed = {
        h.reference: h.municipality.code for h in run.households.select_related("municipality")
    }
    assert placed["H-2"] != "0101"  # forbidden
    assert placed["H-1"] != "0657"  # no housing left in Herning
    from talentbridge.municipalities.models import Municipality

    odense = Municipality.objects.get(code="0461")
    there = Municipality.objects.get(code=placed["H-3"])
    assert there == odense or there.distance_km(odense) <= run.neighbour_km


def test_csv_errors_name_the_line(personas):
    quotas()
    bad = "household,birth_year,gender,nationality,isco\nH-1,1990,male,SY,72\n"
    with pytest.raises(ValidationError, match="line 2, isco"):
        services.create_run(
            personas.placement_officer,
            personas.project,
            name="x",
            year=YEAR,
            source="csv",
            csv_file=io.StringIO(bad),
        )


def test_a_year_without_quotas_is_refused(personas, world):
    run = services.create_run(personas.placement_officer, personas.project, name="x", year=2031)
    with pytest.raises(ValidationError, match="no quotas for 2031"):
        services.compute_run(personas.placement_officer, run)


def test_it_checks_the_options(personas, world):
    officer = personas.placement_officer
    for bad in ({"slack": 2.0}, {"pacing": "fast"}, {"neighbour_km": -1}, {"source": "fax"}):
        with pytest.raises(ValidationError):
            services.create_run(officer, personas.project, name="x", year=YEAR, **bad)
    with pytest.raises(ValidationError, match="CSV file"):
        services.create_run(officer, personas.project, name="x", year=YEAR, source="csv")


def test_share_pacing_and_floors_shape_the_limits(personas, world):
    from talentbridge.placement import bridge, demand

    quotas(total=20_000)
    officer = personas.placement_officer
    run = services.create_run(
        officer, personas.project, name="x", year=YEAR, pacing="share", slack=0.1
    )
    limits = bridge.limits(run, demand.load(), persons=500)
    # A cohort of 500 takes its share of each quota, plus room for one household.
    assert limits.upper.sum() < 500 * 1.1 + 6 * 98
    assert limits.upper.sum() < limits.quota.sum() / 10
    assert (limits.lower <= limits.upper).all()
    run.pacing, run.meet_floors = "year", True
    limits = bridge.limits(run, demand.load(), persons=12)
    assert limits.lower.sum() > 0.85 * limits.quota.sum()
