"""Expected outcome of each household in each municipality.

Each adult gets a probability ``p`` of being employed within the horizon in each municipality,
from one of two sources (the run records which):

(a) the **outcome model** (``outcome_model.py``), trained with scikit-learn on recorded
    follow-up outcomes, when one has been trained;
(b) the **demand prior**, when there is no history: a logistic curve in the same features
    with hand-set coefficients (:data:`PRIOR`), rising with reachable demand for the person's
    occupations and skills and falling with the distance to that demand. It ranks places by
    local demand; its level is a rough guess and is not calibrated.

The household's expected outcome is the probability that at least one adult is employed,
``1 − Π (1 − p)``; children count as never employed.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from .demand import DemandMap
from .features import EDUCATION_BUCKETS, ORIGIN_REGIONS, age_group, education_bucket, origin_region

PERSON_FEATURES = (
    ["male"]
    + [f"age {g}" for g in ("18-29", "30-44", "45+")]
    + [f"education {b}" for b in EDUCATION_BUCKETS]
    + ["danish", "english", "has occupation", "household size"]
    + [f"origin {r}" for r in ORIGIN_REGIONS]
)
PLACE_FEATURES = [
    "log reachable demand, own occupations",
    "log reachable demand, own skills",
    "log reachable demand, all",
    "distance to own-occupation demand (100 km)",
    "log population",
]
FEATURE_NAMES = PERSON_FEATURES + PLACE_FEATURES

# Coefficients of the demand prior on the logit, by feature name (missing ones are 0).
PRIOR = {
    "intercept": -1.6,
    "male": 0.4,
    "age 18-29": 0.2,
    "age 45+": -0.5,
    "education none or primary": -0.4,
    "education tertiary": 0.3,
    "danish": 0.3,
    "english": 0.12,
    "has occupation": 0.2,
    "log reachable demand, own occupations": 0.45,
    "log reachable demand, own skills": 0.25,
    "log reachable demand, all": 0.15,
    "distance to own-occupation demand (100 km)": -0.3,
}


def person_vector(person: dict, household_size: int, on: dt.date) -> np.ndarray:
    v = np.zeros(len(PERSON_FEATURES))
    v[0] = person.get("gender") == "male"
    v[1 + age_group(person, on)] = 1
    v[4 + education_bucket(person)] = 1
    v[8] = person.get("danish") or 0
    v[9] = person.get("english") or 0
    v[10] = bool(person.get("isco"))
    v[11] = household_size
    region = origin_region(person)
    if region in ORIGIN_REGIONS:
        v[12 + ORIGIN_REGIONS.index(region)] = 1
    return v


def design(person: dict, household_size: int, demand: DemandMap, on: dt.date) -> np.ndarray:
    """(M, F) rows of features of one person in every municipality (F = len(FEATURE_NAMES))."""
    place = demand.person_features(person)
    own = np.broadcast_to(
        person_vector(person, household_size, on), (place.shape[0], len(PERSON_FEATURES))
    )
    return np.hstack([own, place])


def prior_probability(rows: np.ndarray) -> np.ndarray:
    weights = np.array([PRIOR.get(name, 0.0) for name in FEATURE_NAMES])
    return 1.0 / (1.0 + np.exp(-(PRIOR["intercept"] + rows @ weights)))


def household_scores(
    households: list[dict], demand: DemandMap, on: dt.date, estimator=None
) -> np.ndarray:
    """(H, M) expected outcome; ``households`` are dicts with ``size`` and ``people``.

    ``estimator`` is a fitted scikit-learn classifier on :data:`FEATURE_NAMES` (the outcome
    model); ``None`` uses the demand prior.
    """
    M = len(demand.codes)
    rows, owner = [], []
    for h, household in enumerate(households):
        for person in household["people"]:
            if person.get("adult", True):
                rows.append(design(person, household["size"], demand, on))
                owner.append(h)
    log_not = np.zeros((len(households), M))
    if rows:
        X = np.vstack(rows)
        p = estimator.predict_proba(X)[:, 1] if estimator is not None else prior_probability(X)
        p = np.clip(p.reshape(len(rows), M), 0.0, 1.0 - 1e-12)
        np.add.at(log_not, np.asarray(owner), np.log1p(-p))
    return -np.expm1(log_not)
