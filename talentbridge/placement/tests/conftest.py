"""Fixtures shared by the placement tests: the small world of ``helpers`` and a computed run."""

from __future__ import annotations

import pytest

from talentbridge.placement import services
from talentbridge.placement.tests.helpers import YEAR, cohort


@pytest.fixture
def world(personas):
    return cohort(personas)


@pytest.fixture
def run(personas, world):
    officer = personas.placement_officer
    return services.compute_run(
        officer, services.create_run(officer, personas.project, name="Spring", year=YEAR)
    )
