"""Fitting: a standardised logistic regression per table, written as a small JSON file with the
hash of the table it was fitted on; the answer model's threshold chosen on validation."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from assistant.engine.fitted_models import LinearModel
from assistant.engine.tuning import (
    FALSE_ABSTENTION_BUDGET,
    FIT_C,
    FIT_SEED,
    FLOOR_GRID,
    THRESHOLD_GRID,
)
from assistant.fit.tables import Table

DIGITS = 6  # coefficients as written: enough to reproduce the probabilities, robust to BLAS noise


def fit(table: Table, label: str) -> LinearModel:
    """Logistic regression of `label` on the table's features (L2, C = FIT_C, fixed seed)."""
    scaler = StandardScaler().fit(table.rows)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    regression = LogisticRegression(C=FIT_C, max_iter=5000, random_state=FIT_SEED)
    regression.fit((table.rows - scaler.mean_) / scale, table.labels[label])
    return LinearModel(
        features=table.features,
        mean=np.round(scaler.mean_, DIGITS),
        scale=np.round(scale, DIGITS),
        coef=np.round(regression.coef_[0], DIGITS),
        intercept=round(float(regression.intercept_[0]), DIGITS),
    )


def decline_figures(
    p_answerable: np.ndarray, p_correct: np.ndarray, table: Table, value: float, floor: float
) -> dict:
    """False abstention, abstention and containment on a table at one pair of thresholds, from
    the two models' probabilities for its rows."""
    answerable = table.labels["answerable"]
    answered = (p_answerable >= value) & (p_correct >= floor) & ~table.labels["vetoed"]
    return {
        "false_abstention": round(float(np.mean(~answered[answerable])), 4),
        "abstention": round(float(np.mean(~answered[~answerable])), 4),
        "containment": round(float(np.mean((answered & table.labels["right"])[answerable])), 4),
    }


def thresholds(
    answer: LinearModel, correct: LinearModel, validation: Table, train: Table
) -> tuple[float, float, dict]:
    """The decline thresholds: the answer model's threshold and the correct model's floor. Of the
    pairs on THRESHOLD_GRID x FLOOR_GRID that decline at most FALSE_ABSTENTION_BUDGET of the
    answerable questions on validation and on train (15 unanswerable validation questions alone
    swing the choice: one more declined outweighs three answers lost), the one with the most
    validation abstention plus containment; on a tie the higher floor (it declines more of the
    answers likely wrong at no measured cost), then the lower threshold."""
    scored = {
        name: (answer.probability(table.rows), correct.probability(table.rows), table)
        for name, table in (("validation", validation), ("train", train))
    }
    best: tuple[tuple, dict] | None = None
    for floor in FLOOR_GRID:
        for value in THRESHOLD_GRID:
            figures = decline_figures(*scored["validation"], value, floor)
            on_train = decline_figures(*scored["train"], value, floor)
            if (
                max(figures["false_abstention"], on_train["false_abstention"])
                > FALSE_ABSTENTION_BUDGET
            ):
                continue
            merit = (round(figures["abstention"] + figures["containment"], 4), floor, -value)
            if best is None or merit > best[0]:
                best = (merit, {"threshold": value, "floor": floor, **figures, "train": on_train})
    if best is None:
        raise ValueError("no threshold keeps false abstention within budget")
    figures = best[1]
    return figures["threshold"], figures["floor"], figures


def write_model(
    path: Path,
    model: LinearModel,
    table: Table,
    label: str,
    table_name: str,
    extra: dict | None = None,
) -> None:
    positives = int(table.labels[label].sum())
    data = {
        "model": "standardised logistic regression: p = 1 / (1 + exp(-(intercept + "
        "sum(coef * (x - mean) / scale))))",
        "label": label,
        "features": list(model.features),
        "coef": model.coef.tolist(),
        "intercept": model.intercept,
        "mean": model.mean.tolist(),
        "scale": model.scale.tolist(),
        **({"threshold": model.threshold} if model.threshold is not None else {}),
        "training": {
            "split": "train",
            "table": f"data/fit/{table_name}.csv.gz",
            "sha256": table.digest,
            "rows": len(table.ids),
            "positives": positives,
            "questions": len(set(table.ids)),
            "C": FIT_C,
            "seed": FIT_SEED,
            "scikit_learn": ".".join(sklearn.__version__.split(".")[:2]),
        },
        **(extra or {}),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
