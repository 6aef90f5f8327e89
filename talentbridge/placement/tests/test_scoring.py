"""The scoring formulas: occupation groups as features, and 1 − Π(1 − p) per household."""

from __future__ import annotations

import datetime as dt
import pickle

import numpy as np
import pytest

from talentbridge.placement import services
from talentbridge.placement.models import OutcomeModel, PlacementRun
from talentbridge.placement.scoring import (
    FEATURE_NAMES,
    OCCUPATION_GROUP_START,
    PERSON_FEATURES,
    columns_for,
    combine,
    household_scores,
    occupation_groups,
    person_vector,
)
from talentbridge.placement.tests.helpers import YEAR, cohort

ON = dt.date(2026, 6, 1)


def test_household_score_is_one_minus_the_product_of_member_misses():
    p = np.array([[0.5, 0.2, 0.0], [0.5, 0.0, 0.0], [0.3, 0.9, 1.0]])
    got = combine(p, np.array([0, 0, 1]), 3)
    expected = np.array(
        [
            [1 - 0.5 * 0.5, 1 - 0.8 * 1.0, 0.0],
            [0.3, 0.9, 1.0],
            [0.0, 0.0, 0.0],  # a household without adults never has someone employed
        ]
    )
    assert np.allclose(got, expected, atol=1e-9)
    # Order of members does not matter, and more members never lower the score.
    assert np.allclose(combine(p[::-1], np.array([1, 0, 0]), 3), got, atol=1e-9)
    assert (got[0] >= p[0]).all() and (got[0] >= p[1]).all()


class Fixed:
    """A stand-in estimator that answers the probabilities it is given (``p``), row by row."""

    def predict_proba(self, X):
        self.seen = X
        return np.column_stack([1 - self.p, self.p])


class FakeDemand:
    codes = ["0101", "0751"]

    def person_features(self, person):
        return np.zeros((2, len(FEATURE_NAMES) - len(PERSON_FEATURES)))


def test_household_scores_use_the_formula_and_skip_children():
    households = [
        {"size": 3, "people": [{"birth_year": 1983}, {"birth_year": 1985}, {"adult": False}]},
        {"size": 1, "people": [{"birth_year": 1982}]},
    ]
    estimator = Fixed()
    estimator.p = np.array([0.3, 0.3, 0.5, 0.5, 0.2, 0.2])  # rows: adult × municipality
    scores = household_scores(households, FakeDemand(), ON, estimator)
    assert estimator.seen.shape == (6, len(FEATURE_NAMES))  # the child has no rows
    assert np.allclose(scores[0], 1 - (1 - 0.3) * (1 - 0.5))
    assert np.allclose(scores[1], 0.2)


def test_occupation_group_columns():
    person = {"gender": "male", "birth_year": 1990, "isco": ["7212", "9112", "7213"]}
    v = person_vector(person, 1, ON)
    groups = v[OCCUPATION_GROUP_START:]
    names = PERSON_FEATURES[OCCUPATION_GROUP_START:]
    assert {names[i] for i in np.flatnonzero(groups)} == {
        "occupation group 7 craft and related trades workers",
        "occupation group 9 elementary occupations",
    }
    assert occupation_groups(person) == ["7", "9"]
    assert not person_vector({"birth_year": 1990}, 1, ON)[OCCUPATION_GROUP_START:].any()
    assert len(PERSON_FEATURES) - OCCUPATION_GROUP_START == 10  # major groups 0–9


def test_an_older_model_keeps_working_on_its_own_features():
    old = [f for f in FEATURE_NAMES if not f.startswith("occupation group")]
    keep = columns_for(old)
    assert len(keep) == len(FEATURE_NAMES) - 10
    assert columns_for(FEATURE_NAMES) is None and columns_for(None) is None
    with pytest.raises(ValueError, match="unknown features"):
        columns_for(["shoe size"])


@pytest.mark.django_db
def test_a_run_uses_a_model_trained_before_the_occupation_groups(personas):
    from sklearn.linear_model import LogisticRegression

    old = [f for f in FEATURE_NAMES if not f.startswith("occupation group")]
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, len(old)))
    estimator = LogisticRegression().fit(X, X[:, 0] > 0)
    model = OutcomeModel.objects.create(
        trained_by="test",
        horizon_months=12,
        rows=60,
        positives=30,
        features=old,
        card="old",
        estimator=pickle.dumps(estimator),
    )
    cohort(personas)
    officer = personas.placement_officer
    run = services.compute_run(
        officer, services.create_run(officer, personas.project, name="Old model", year=YEAR)
    )
    assert run.scoring == PlacementRun.Scoring.OUTCOME_MODEL and run.outcome_model == model
