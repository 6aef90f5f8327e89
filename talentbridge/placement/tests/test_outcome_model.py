"""The outcome model: trained on recorded follow-ups, calibrated, with a model card; runs use it."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from django.urls import reverse

from talentbridge.candidates.models import Assessment, Candidate, EducationEntry, WorkExperience
from talentbridge.municipalities.models import Municipality
from talentbridge.pathways.models import FollowUp, PathwayStep
from talentbridge.placement import services
from talentbridge.placement.models import PlacementRun
from talentbridge.placement.outcome_model import calibration_table, train
from talentbridge.placement.tests.helpers import YEAR, cohort

pytestmark = pytest.mark.django_db


def history(p, world, n: int = 300, seed: int = 0) -> None:
    """Welders found work in Herning, cleaners in Aarhus; elsewhere seldom."""
    rng = np.random.default_rng(seed)
    places = {code: Municipality.objects.get(code=code) for code in ("0657", "0751", "0101")}
    for i in range(n):
        occupation = world["welder"] if i % 2 else world["cleaner"]
        code = ("0657", "0751", "0101")[i % 3]
        good = (occupation == world["welder"] and code == "0657") or (
            occupation == world["cleaner"] and code == "0751"
        )
        employed = rng.random() < (0.8 if good else 0.2)
        candidate = Candidate.objects.create(
            project=p.project,
            organisation=p.ngo,
            birth_year=1980 + i % 20,
            gender="male" if i % 4 else "female",
            nationality="SY",
            asylum_status=Candidate.AsylumStatus.GRANTED,
            municipality=places[code],
        )
        assessment = Assessment.objects.create(
            candidate=candidate, status=Assessment.Status.SIGNED_OFF
        )
        EducationEntry.objects.create(assessment=assessment, isced_level=3, completed=True)
        WorkExperience.objects.create(assessment=assessment, occupation=occupation, years=4)
        step = PathwayStep.objects.create(
            candidate=candidate,
            project=p.project,
            kind=PathwayStep.Kind.INTERNSHIP,
            starts_on=dt.date(2025, 1, 1),
            municipality=places[code],
        )
        FollowUp.objects.filter(step=step).delete()
        FollowUp.objects.create(
            step=step,
            candidate=candidate,
            months=6,
            due_on=dt.date(2025, 7, 1),
            done_on=dt.date(2025, 7, 1),
            outcome=FollowUp.Outcome.EMPLOYED if employed else FollowUp.Outcome.UNEMPLOYED,
        )


def test_training_validates_and_the_run_uses_the_model(client, personas):
    world = cohort(personas)
    history(personas, world)
    model = train(personas.placement_officer)
    assert model.rows == 300
    assert model.validation_auc > 0.65
    assert sum(row["n"] for row in model.calibration) == 75  # a quarter held out
    assert "AUC" in model.card and "| bin |" in model.card
    assert "occupation group 7 craft and related trades workers" in model.features
    assert "occupation group 9 elementary occupations" in model.card
    officer = personas.placement_officer
    run = services.compute_run(
        officer, services.create_run(officer, personas.project, name="Model", year=YEAR)
    )
    assert run.scoring == PlacementRun.Scoring.OUTCOME_MODEL and run.outcome_model == model
    welder = run.households.get(reference=world["homes"]["welder1"].reference)
    assert welder.municipality.code in {"0657", "0661", "0756", "0760"}
    client.force_login(officer)
    page = client.get(reverse("placement:model"))
    assert b"Validation AUC" in page.content or b"AUC" in page.content
    assert client.get("/api/placement/model").json()["rows"] == 300


def test_only_officers_and_managers_may_train(personas):
    from django.http import Http404

    with pytest.raises(Http404):
        train(personas.assessor)


def test_calibration_table():
    p = np.linspace(0, 1, 100)
    y = p > 0.5
    table = calibration_table(p, y, bins=4)
    assert [row["n"] for row in table] == [25, 25, 25, 25]
    assert table[0]["observed"] == 0 and table[-1]["observed"] == 1
