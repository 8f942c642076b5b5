"""Reciprocal rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009), keyed on paragraph id.

llama-index's QueryFusionRetriever keys on node text, which merges identical paragraphs from
different issues; here the key is the node id (the paragraph id), as pyserini does.
"""

from __future__ import annotations

from llama_index.core.schema import NodeWithScore

RRF_K = 60


def rrf_fuse(
    rankings: list[list[NodeWithScore]], k: int = RRF_K, weights: list[float] | None = None
) -> list[NodeWithScore]:
    """Fuse ranked lists: score(d) = sum_i w_i / (k + rank_i(d)), rank from 1; ties keep order."""
    weights = weights or [1.0] * len(rankings)
    scores: dict[str, float] = {}
    nodes: dict[str, NodeWithScore] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking, start=1):
            key = item.node.node_id
            scores[key] = scores.get(key, 0.0) + weight / (k + rank)
            nodes.setdefault(key, item)
    order = sorted(scores, key=lambda key: -scores[key])
    return [NodeWithScore(node=nodes[key].node, score=scores[key]) for key in order]
