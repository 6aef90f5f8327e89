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
``1 − Π (1 − p)`` (:func:`combine`); children count as never employed.

The person's occupation group is one column per ISCO-08 major group (the first digit of each
assessed occupation's unit group; a person with experience in several groups has several
ones). The demand prior gives these columns no weight; the outcome model learns them.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from .demand import DemandMap
from .features import EDUCATION_BUCKETS, ORIGIN_REGIONS, age_group, education_bucket, origin_region

# ISCO-08 major groups (the first digit of a unit group such as 7212).
ISCO_MAJOR_GROUPS = (
    ("1", "managers"),
    ("2", "professionals"),
    ("3", "technicians and associate professionals"),
    ("4", "clerical support workers"),
    ("5", "service and sales workers"),
    ("6", "skilled agricultural, forestry and fishery workers"),
    ("7", "craft and related trades workers"),
    ("8", "plant and machine operators and assemblers"),
    ("9", "elementary occupations"),
    ("0", "armed forces occupations"),
)
PERSON_FEATURES = (
    ["male"]
    + [f"age {g}" for g in ("18-29", "30-44", "45+")]
    + [f"education {b}" for b in EDUCATION_BUCKETS]
    + ["danish", "english", "has occupation", "household size"]
    + [f"origin {r}" for r in ORIGIN_REGIONS]
    + [f"occupation group {digit} {name}" for digit, name in ISCO_MAJOR_GROUPS]
)
OCCUPATION_GROUP_START = PERSON_FEATURES.index(f"occupation group 1 {ISCO_MAJOR_GROUPS[0][1]}")
_MAJOR = {digit: i for i, (digit, _) in enumerate(ISCO_MAJOR_GROUPS)}
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
    for code in person.get("isco") or ():
        major = _MAJOR.get(str(code)[:1])
        if major is not None:
            v[OCCUPATION_GROUP_START + major] = 1
    return v


def occupation_groups(person: dict) -> list[str]:
    """The ISCO-08 major groups of the person's assessed occupations (one column each)."""
    return sorted({str(code)[:1] for code in person.get("isco") or () if str(code)[:1] in _MAJOR})


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


def combine(p: np.ndarray, owner: np.ndarray, households: int) -> np.ndarray:
    """Household score ``1 − Π(1 − p_member)`` from member probabilities ``p`` (rows × M).

    ``owner[i]`` is the household of row ``i``; a household without rows scores 0.
    """
    p = np.clip(np.asarray(p, dtype=float), 0.0, 1.0 - 1e-12)
    log_not = np.zeros((households, p.shape[1]))
    if len(p):
        np.add.at(log_not, np.asarray(owner), np.log1p(-p))
    return -np.expm1(log_not)


def columns_for(features: list[str] | None) -> np.ndarray | None:
    """Positions in :data:`FEATURE_NAMES` of the features an older model was trained on."""
    if not features or list(features) == FEATURE_NAMES:
        return None
    missing = [f for f in features if f not in FEATURE_NAMES]
    if missing:
        raise ValueError(f"the outcome model uses unknown features: {', '.join(missing)}")
    return np.array([FEATURE_NAMES.index(f) for f in features])


def household_scores(
    households: list[dict], demand: DemandMap, on: dt.date, estimator=None, features=None
) -> np.ndarray:
    """(H, M) expected outcome; ``households`` are dicts with ``size`` and ``people``.

    ``estimator`` is a fitted scikit-learn classifier on :data:`FEATURE_NAMES` (the outcome
    model) or on the older list ``features`` it was trained on; ``None`` uses the demand prior.
    """
    M = len(demand.codes)
    rows, owner = [], []
    for h, household in enumerate(households):
        for person in household["people"]:
            if person.get("adult", True):
                rows.append(design(person, household["size"], demand, on))
                owner.append(h)
    if not rows:
        return np.zeros((len(households), M))
    X = np.vstack(rows)
    if estimator is not None:
        keep = columns_for(features)
        p = estimator.predict_proba(X if keep is None else X[:, keep])[:, 1]
    else:
        p = prior_probability(X)
    return combine(p.reshape(len(rows), M), np.asarray(owner), len(households))
