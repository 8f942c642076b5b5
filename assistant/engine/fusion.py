"""Reciprocal rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009), keyed on paragraph id.

llama-index's QueryFusionRetriever keys on node text, which merges identical paragraphs from
different issues; here the key is the node id (the paragraph id), as pyserini does.
"""

from __future__ import annotations

from assistant.engine.tuning import RRF_K
from index.types import Hit


def rrf_fuse(
    rankings: list[list[Hit]], k: int = RRF_K, weights: list[float] | None = None
) -> list[Hit]:
    """Fuse ranked lists: score(d) = sum_i w_i / (k + rank_i(d)), rank from 1; ties keep order."""
    weights = weights or [1.0] * len(rankings)
    scores: dict[str, float] = {}
    paragraphs = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, hit in enumerate(ranking, start=1):
            key = hit.paragraph.id
            scores[key] = scores.get(key, 0.0) + weight / (k + rank)
            paragraphs.setdefault(key, hit.paragraph)
    order = sorted(scores, key=lambda key: -scores[key])
    return [Hit(paragraphs[key], scores[key]) for key in order]
