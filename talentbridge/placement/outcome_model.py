"""The outcome model: who gets a job where, learnt from recorded follow-ups (scikit-learn).

Training data are the follow-ups that ``pathways.outcomes.outcomes_for_training`` exports.
One row per person: employed at any follow-up within the horizon (default 12 months) or not;
the person's features from their assessment (``features.from_candidate``) and the features of
the municipality they live in (``demand.py``). A logistic regression (a gradient-boosted tree
ensemble from 2,000 rows on) is calibrated with ``CalibratedClassifierCV`` and validated on a
quarter of the people held out; it is then refitted on everybody. The model card records the
data, the features, the validation AUC and a calibration table.

Retrain with ``talentbridge placement train``; runs use the newest model.
"""

from __future__ import annotations

import datetime as dt
import pickle
from collections import defaultdict

import numpy as np
from django.core.exceptions import ValidationError
from django.utils import timezone

from talentbridge.candidates.models import Candidate, Household
from talentbridge.pathways.outcomes import outcomes_for_training
from talentbridge.privacy import audit

from . import demand as demand_map
from .features import from_candidate
from .models import OutcomeModel
from .scoring import FEATURE_NAMES, design

MIN_ROWS = 40


def active_model() -> OutcomeModel | None:
    return OutcomeModel.objects.first()


def load_estimator(model: OutcomeModel):
    return pickle.loads(bytes(model.estimator))  # noqa: S301 - written by train() below


def training_data(user, horizon_months: int = 12, demand=None, on: dt.date | None = None):
    """Features ``X``, labels ``y`` and the people behind them, from the recorded outcomes."""
    rows = outcomes_for_training(user)
    employed: dict[int, bool] = defaultdict(bool)
    where: dict[int, str] = {}
    for row in rows:
        if row["months"] > horizon_months:
            continue
        employed[row["candidate_id"]] |= bool(row["employed"])
        code = row["municipality_code"] or row["step_municipality_code"]
        if code:
            where.setdefault(row["candidate_id"], code)
    people = list(
        Candidate.objects.filter(pk__in=[pk for pk in employed if pk in where]).select_related(
            "household"
        )
    )
    if people:
        audit.record_many(
            user, audit.AuditEvent.Action.READ, people, detail={"purpose": "outcome model training"}
        )
    demand = demand or demand_map.load()
    index = demand.index()
    on = on or timezone.localdate()
    X, y = [], []
    for candidate in people:
        m = index.get(where[candidate.pk])
        if m is None:
            continue
        size = candidate.household.size if isinstance(candidate.household, Household) else 1
        X.append(design(from_candidate(candidate, on), size, demand, on)[m])
        y.append(employed[candidate.pk])
    return np.array(X).reshape(-1, len(FEATURE_NAMES)), np.array(y, dtype=bool), people


def _estimator(n_rows: int, calibration: str):
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    if n_rows >= 2000:
        base = HistGradientBoostingClassifier(
            max_depth=3, learning_rate=0.05, max_iter=200, random_state=0
        )
    else:
        base = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000))
    return CalibratedClassifierCV(base, method=calibration, cv=3)


def calibration_table(p: np.ndarray, y: np.ndarray, bins: int = 10) -> list[dict]:
    """Predicted against observed in bins of equal size (by predicted probability)."""
    order = np.argsort(p, kind="stable")
    table = []
    for part in np.array_split(order, min(bins, len(order))):
        if len(part):
            table.append(
                {
                    "n": int(len(part)),
                    "predicted": round(float(p[part].mean()), 4),
                    "observed": round(float(y[part].mean()), 4),
                }
            )
    return table


def train(user, horizon_months: int = 12, seed: int = 0) -> OutcomeModel:
    """Train, validate and store a new outcome model (see the module docstring)."""
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import train_test_split

    X, y, people = training_data(user, horizon_months)
    if len(y) < MIN_ROWS or y.all() or not y.any():
        raise ValidationError(
            {
                "outcomes": f"not enough history to train: {len(y)} people with an outcome "
                f"({int(y.sum())} employed); at least {MIN_ROWS} with both outcomes are needed"
            }
        )
    calibration = "isotonic" if len(y) >= 5000 else "sigmoid"
    X_fit, X_val, y_fit, y_val = train_test_split(
        X, y, test_size=0.25, stratify=y, random_state=seed
    )
    check = _estimator(len(y_fit), calibration).fit(X_fit, y_fit)
    p_val = check.predict_proba(X_val)[:, 1]
    auc = float(roc_auc_score(y_val, p_val)) if y_val.any() and not y_val.all() else None
    table = calibration_table(p_val, y_val)
    final = _estimator(len(y), calibration).fit(X, y)
    kind = "gradient-boosted trees" if len(y) >= 2000 else "logistic regression"
    model = OutcomeModel.objects.create(
        trained_by=getattr(user, "get_username", lambda: "system")(),
        horizon_months=horizon_months,
        rows=len(y),
        positives=int(y.sum()),
        features=list(FEATURE_NAMES),
        validation_auc=auc,
        calibration=table,
        card=model_card(
            len(y), int(y.sum()), horizon_months, kind, calibration, auc, table, len(y_val)
        ),
        estimator=pickle.dumps(final),
    )
    audit.record(user, audit.AuditEvent.Action.CREATE, model, detail={"rows": len(y), "auc": auc})
    return model


def model_card(rows, positives, horizon, kind, calibration, auc, table, n_val) -> str:
    lines = [
        "# Outcome model card",
        "",
        f"- **Purpose**: expected probability that an adult refugee is employed within {horizon} months, "
        "per municipality, for placement recommendations. Not for decisions about individuals on its own: "
        "a placement officer reviews every recommendation.",
        f"- **Data**: {rows} people with a recorded follow-up outcome within {horizon} months "
        f"({positives} employed, {rows - positives} not), from the pathways' follow-ups "
        "(``pathways.outcomes``). The municipality is where the person lives now.",
        f"- **Model**: {kind}, calibrated with scikit-learn's CalibratedClassifierCV ({calibration}, 3 folds); "
        "refitted on all rows after validation.",
        "- **Features**: "
        + "; ".join(FEATURE_NAMES)
        + ". *Occupation group* is one column per ISCO-08 major group of the person's assessed "
        "occupations (several may be set); *reachable demand* is weighted by commuting distance.",
        f"- **Validation**: {n_val} people held out (stratified); AUC "
        + (f"{auc:.3f}" if auc is not None else "not defined (one class)")
        + ".",
        "- **Limits**: local demand is today's demand map, not the demand when the outcome happened; "
        "people who moved are counted where they live now; small data give wide uncertainty.",
        "",
        "| bin | people | mean predicted | observed employed |",
        "|---|---|---|---|",
    ]
    for i, row in enumerate(table, 1):
        lines.append(f"| {i} | {row['n']} | {row['predicted']:.3f} | {row['observed']:.3f} |")
    return "\n".join(lines)
