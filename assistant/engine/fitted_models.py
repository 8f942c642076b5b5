"""The fitted models, read from their files in assistant/engine/fitted/ (written by
`python -m assistant.fit`): a standardised logistic regression each, small enough to review."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from assistant.engine.features import ANSWER_FEATURES, SENTENCE_FEATURES

FITTED = Path(__file__).resolve().parent / "fitted"


class ModelFileError(RuntimeError):
    """A fitted model file that is missing, malformed, or reads other columns than the code."""


@dataclass(frozen=True)
class LinearModel:
    """p = sigmoid(intercept + coef . (x - mean) / scale)."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float | None = None  # a decline threshold, chosen on validation

    def probability(self, rows: np.ndarray) -> np.ndarray:
        if rows.shape[0] == 0:
            return np.zeros(0)
        z = ((rows - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))


def read(path: Path, features: tuple[str, ...]) -> LinearModel:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        model = LinearModel(
            features=tuple(data["features"]),
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            coef=np.asarray(data["coef"], dtype=np.float64),
            intercept=float(data["intercept"]),
            threshold=data.get("threshold"),
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ModelFileError(f"{path}: cannot read the fitted model ({error})") from error
    if model.features != features:
        raise ModelFileError(
            f"{path}: fitted on columns {list(model.features)}, the code computes "
            f"{list(features)}; refit with `python -m assistant.fit`"
        )
    if not len(model.mean) == len(model.scale) == len(model.coef) == len(features):
        raise ModelFileError(f"{path}: {len(features)} columns but arrays of other lengths")
    return model


_installed: dict[str, LinearModel] = {}


def install(name: str, model: LinearModel | None) -> None:
    """Use `model` in place of the file's (None: the file's again). Only `python -m assistant.fit`
    does this: it scores with the model it is fitting, never with the committed one, so its
    output does not depend on what the repo held before."""
    if model is None:
        _installed.pop(name, None)
    else:
        _installed[name] = model


def unfitted(features: tuple[str, ...]) -> LinearModel:
    """Every candidate equally likely (p = 0.5): what the fit starts from."""
    zeros = np.zeros(len(features))
    return LinearModel(features, zeros, np.ones(len(features)), zeros, 0.0, 0.5)


def sentence_model() -> LinearModel:
    """How likely a candidate sentence answers (part of) the question."""
    return _installed.get("sentence") or _from_file("sentence", SENTENCE_FEATURES)


def answer_model() -> LinearModel:
    """How likely the archive answers the question, given the sentences chosen to answer it; its
    threshold declines the question."""
    return _installed.get("answer") or _from_file("answer", ANSWER_FEATURES)


def correct_model() -> LinearModel:
    """How likely the chosen sentences hold everything the question asks: the confidence shown
    with an answer; its threshold (a floor) declines answers that are most likely wrong."""
    return _installed.get("correct") or _from_file("correct", ANSWER_FEATURES)


@cache
def _from_file(name: str, features: tuple[str, ...]) -> LinearModel:
    return read(FITTED / f"{name}.json", features)


@dataclass(frozen=True)
class Fusion:
    """How retrieval combines its lists (fitted on train, assistant/engine/fitted/fusion.json)."""

    keyword_share_minimum: float  # BM25's list joins when its best paragraphs hold this share
    context_weight: float  # the article's lead vector added to each paragraph's (catalog)


_installed_fusion: list[Fusion] = []


def install_fusion(fusion: Fusion | None) -> None:
    """Use this fusion in place of the file's (None: the file's again); as `install`, for
    `python -m assistant.fit` only."""
    _installed_fusion[:] = [] if fusion is None else [fusion]


def fusion() -> Fusion:
    return _installed_fusion[0] if _installed_fusion else _fusion_from_file()


@cache
def _fusion_from_file() -> Fusion:
    path = FITTED / "fusion.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Fusion(float(data["keyword_share_minimum"]), float(data["context_weight"]))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ModelFileError(f"{path}: cannot read the fitted fusion ({error})") from error
