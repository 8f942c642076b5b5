"""Metrics of the evaluation harness, with the pinned definitions (see `python -m assistant.eval`)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

Key = tuple[str, int]  # (file name, paragraph number)
METRICS = (
    "recall@1",
    "recall@5",
    "recall@10",
    "mrr",
    "answer_key_containment",
    "citation_precision",
    "abstention",
    "false_abstention",
    "latency_p50_ms",
    "latency_p95_ms",
    "questions",
)  # pinned names: numbers compare across runs and projects


@dataclass
class Outcome:
    """What one system did with one question."""

    id: str
    type: str
    gold: set[Key]
    answer_keys: list[str]
    ranked: list[Key]
    answered: bool
    answer: str
    cited: list[Key]
    latency_ms: float = 0.0
    extra: dict = field(default_factory=dict)

    @property
    def answerable(self) -> bool:
        return bool(self.gold)


def first_gold_rank(outcome: Outcome, k: int) -> int | None:
    for rank, key in enumerate(outcome.ranked[:k], start=1):
        if key in outcome.gold:
            return rank
    return None


def metrics(outcomes: list[Outcome]) -> dict:
    answerable = [o for o in outcomes if o.answerable]
    unanswerable = [o for o in outcomes if not o.answerable]

    def share(values: list[bool]) -> float | None:
        return round(float(np.mean(values)), 4) if values else None

    result: dict = {"questions": len(outcomes)}
    for k in (1, 5, 10):
        result[f"recall@{k}"] = share([first_gold_rank(o, k) is not None for o in answerable])
    result["mrr"] = (
        round(
            float(np.mean([1 / r if (r := first_gold_rank(o, 10)) else 0.0 for o in answerable])), 4
        )
        if answerable
        else None
    )
    result["answer_key_containment"] = share(
        [
            o.answered and all(key.lower() in o.answer.lower() for key in o.answer_keys)
            for o in answerable
        ]
    )
    answered = [o for o in answerable if o.answered]
    result["citation_precision"] = (
        round(
            float(
                np.mean(
                    [
                        sum(1 for c in set(o.cited) if c in o.gold) / len(set(o.cited))
                        if o.cited
                        else 0.0
                        for o in answered
                    ]
                )
            ),
            4,
        )
        if answered
        else None
    )
    result["abstention"] = share([not o.answered for o in unanswerable])
    result["false_abstention"] = share([not o.answered for o in answerable])
    latencies = [o.latency_ms for o in outcomes]
    result["latency_p50_ms"] = round(float(np.percentile(latencies, 50)), 1) if latencies else None
    result["latency_p95_ms"] = round(float(np.percentile(latencies, 95)), 1) if latencies else None
    return result


def by_type(outcomes: list[Outcome]) -> dict[str, dict]:
    types = sorted({o.type for o in outcomes})
    return {t: metrics([o for o in outcomes if o.type == t]) for t in types}
