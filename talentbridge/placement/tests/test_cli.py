"""The placement commands: run, evaluate, simulate-year, train."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from talentbridge.placement.models import PlacementRun
from talentbridge.placement.tests.helpers import CSV, YEAR, cohort, demand_world, quotas

pytestmark = pytest.mark.django_db


def run_command(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_run_from_the_system_approve_and_export(personas, tmp_path):
    world = cohort(personas)
    target = tmp_path / "placement.csv"
    text = run_command(
        "placement_run",
        "--project",
        "alpha",
        "--year",
        str(YEAR),
        "--approve",
        "--export",
        str(target),
    )
    assert "expected outcome from: demand_prior" in text
    assert world["homes"]["welder1"].reference in text
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    # The operator at the shell sees every candidate, also the one without handover consent.
    assert len(rows) == 6
    assert PlacementRun.objects.get().locked


def test_run_from_csv_as_the_officer(personas, tmp_path):
    demand_world(personas)
    quotas()
    source = tmp_path / "households.csv"
    source.write_text(CSV, encoding="utf-8")
    text = run_command(
        "placement_run",
        "--project",
        "alpha",
        "--year",
        str(YEAR),
        "--csv",
        str(source),
        "--as",
        "placement",
    )
    assert "H-1" in text and "3 households" in text


def test_run_refuses_outsiders_and_bad_input(personas, tmp_path):
    cohort(personas)
    with pytest.raises(CommandError, match="scope"):
        run_command("placement_run", "--project", "alpha", "--year", str(YEAR), "--as", "outsider")
    with pytest.raises(CommandError, match="no quotas"):
        run_command("placement_run", "--project", "alpha", "--year", "2031")
    with pytest.raises(CommandError):
        run_command(
            "placement_run",
            "--project",
            "alpha",
            "--year",
            str(YEAR),
            "--csv",
            str(tmp_path / "missing.csv"),
        )


def test_evaluate_and_simulate_year():
    text = run_command("placement_evaluate", "--people", "1000", "--sweep", "2", "--seed", "3")
    assert "| optimised |" in text and "| random |" in text and "| practice |" in text
    assert "Rates by household size" in text
    figures = json.loads(
        run_command("placement_simulate_year", "--people", "1500", "--weeks", "8", "--json")
    )
    assert figures["dynamic_vs_hindsight_pct"] > 90
    assert figures["floor_shortfall_persons"] == 0


def test_train_needs_history(personas):
    with pytest.raises(CommandError, match="not enough history"):
        run_command("placement_train")
