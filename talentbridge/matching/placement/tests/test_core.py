"""The core's examples, its independence from Django, the world, the baselines, the dynamic mode."""

from __future__ import annotations

import doctest
import importlib
import subprocess
import sys

import numpy as np
import pytest

from talentbridge.matching.placement import PlacementProblem
from talentbridge.matching.placement.baselines import current_practice, quota_random
from talentbridge.matching.placement.dynamic import Forecast, place_year
from talentbridge.matching.placement.evaluate import _auc, evaluate
from talentbridge.matching.placement.tests.instances import assert_keeps_every_rule, random_problem
from talentbridge.matching.placement.world import make_world, quotas_for, synthetic_municipalities

MODULES = [
    "",
    ".problem",
    ".dual",
    ".repair",
    ".solver",
    ".baselines",
    ".dynamic",
    ".world",
    ".exact",
]


@pytest.mark.parametrize("name", MODULES)
def test_the_examples_in_the_docstrings_hold(name):
    module = importlib.import_module("talentbridge.matching.placement" + name)
    failures, _ = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert failures == 0


def test_the_core_does_not_import_django():
    code = "import sys, talentbridge.matching.placement.evaluate, talentbridge.matching.placement.dynamic; print('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_world_is_reproducible_and_its_noise_does_not_depend_on_slicing():
    world = make_world(3000, synthetic_municipalities(12, seed=1), seed=1)
    again = make_world(3000, synthetic_municipalities(12, seed=1), seed=1)
    noisy = world.household_scores(noise=0.7, noise_seed=4)
    assert np.array_equal(noisy, again.household_scores(noise=0.7, noise_seed=4))
    part = world.household_scores(noise=0.7, noise_seed=4, households=slice(500, 700), block=37)
    assert np.allclose(part, noisy[500:700])
    truth = world.household_scores()
    assert ((truth >= 0) & (truth <= 1)).all()
    # Households of children only do not exist; every household has an adult.
    assert world.people.adult[world.household_start[:-1]].all()
    # Another cohort lives in the same places.
    other = make_world(3000, synthetic_municipalities(12, seed=1), seed=1, cohort=1)
    assert np.array_equal(other.demand, world.demand)
    assert not np.array_equal(other.people.age[:100], world.people.age[:100])


def test_quotas_follow_population_and_leave_room():
    world = make_world(5000, synthetic_municipalities(20, seed=2), seed=2)
    target, lower, upper = quotas_for(world, slack=0.05)
    assert target.sum() == world.sizes.sum()
    assert (lower <= target).all() and (target <= upper).all()
    biggest = np.argmax(world.municipalities.population)
    assert target[biggest] == target.max()


@pytest.mark.parametrize("seed", range(5))
def test_baselines_keep_the_rules_they_can(seed):
    problem, _ = random_problem(
        seed, households=(40, 80), municipalities=(3, 6), slack=0.2, floors=False
    )
    for assignment in (
        quota_random(problem, seed=seed),
        current_practice(problem, np.arange(1, problem.n_municipalities + 1), seed=seed),
    ):
        assert_keeps_every_rule(problem, assignment)


def test_auc():
    assert _auc(np.array([0.1, 0.2, 0.8, 0.9]), np.array([0, 0, 1, 1])) == 1.0
    assert _auc(np.array([0.5, 0.5]), np.array([0, 1])) == 0.5


def test_optimised_placement_beats_the_baselines_in_the_simulated_world():
    world = make_world(4000, synthetic_municipalities(25, seed=5), seed=5)
    report = evaluate(world, noise=0.5, sweep=(0.0, 2.0), seed=1)
    assert report.gain("random") > 0.05
    assert report.gain("practice") > 0.05
    assert 0.55 < report.auc < 0.9
    # A better model gives a larger gain.
    assert report.sweep[0]["gain_vs_random"] > report.sweep[1]["gain_vs_random"]
    assert {"gender", "origin", "age group", "household size"} <= set(report.fairness)
    assert "| optimised |" in report.to_markdown()


def test_dynamic_placement_keeps_the_year_s_limits_and_nears_hindsight():
    places = synthetic_municipalities(15, seed=6)
    year = make_world(3000, places, seed=6)
    last_year = make_world(3000, places, seed=6, cohort=1)
    rng = np.random.default_rng(0)
    week = np.sort(rng.integers(0, 26, year.n_households))
    forecast_week = np.sort(rng.integers(0, 26, last_year.n_households))
    _, lower, upper = quotas_for(year, 0.03)
    scores = year.household_scores(noise=0.5)
    result = place_year(
        scores,
        year.sizes,
        week,
        upper,
        lower,
        Forecast(last_year.household_scores(noise=0.5), last_year.sizes, forecast_week),
    )
    problem = PlacementProblem(scores, year.sizes, upper, lower)
    assert_keeps_every_rule(problem, result.assignment)
    assert result.ratio > 0.97
    assert result.objective <= result.hindsight_bound + 1e-9
