"""Choosing the decline threshold from a whole question set (never from single questions).

With every question answered (no threshold), each has a confidence; unanswerable questions must
fall below the threshold and correctly answered ones above it. When the two groups separate, the
threshold is the midpoint of the gap (the largest margin); when they overlap, it is the value that
maximises balanced accuracy (mean of abstention and 1 - false abstention), midpoint of ties.
"""

from __future__ import annotations

from typing import NamedTuple


class Point(NamedTuple):
    confidence: float
    answerable: bool
    correct: bool  # the forced answer contains every answer key


def threshold(points: list[Point]) -> float | None:
    negatives = [p.confidence for p in points if not p.answerable]
    positives = [p.confidence for p in points if p.answerable and p.correct]
    if not negatives or not positives:
        return None
    if max(negatives) < min(positives):
        return round((max(negatives) + min(positives)) / 2, 3)
    candidates = sorted({p.confidence for p in points})
    cuts = [(a + b) / 2 for a, b in zip(candidates, candidates[1:], strict=False)]
    answerable = [p for p in points if p.answerable]

    def balanced(cut: float) -> float:
        abstention = sum(c < cut for c in negatives) / len(negatives)
        false_abstention = sum(p.confidence < cut for p in answerable) / len(answerable)
        return (abstention + 1 - false_abstention) / 2

    best = max(balanced(c) for c in cuts)
    tied = [c for c in cuts if balanced(c) == best]
    return round((tied[0] + tied[-1]) / 2, 3)
