"""Hybrid retrieval: dense (Chroma, or exact numpy search over filtered rows) + BM25, fused by RRF.

Each stage is a llama-index retriever taking a QueryBundle and returning `list[NodeWithScore]`
whose node ids are paragraph ids; `HybridRetriever.hits` fuses their rankings as `Hit`s (fusion
keys on the paragraph id) and is what the assistant calls.
"""

from __future__ import annotations

import numpy as np
from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from assistant.engine.fitted_models import fusion
from assistant.engine.fusion import rrf_fuse
from assistant.engine.tuning import DENSE_POOL, HNSW_POOL, KEYWORD_TRUST_TOP
from index.catalog import Catalog
from index.store import ArchiveStore
from index.terms import terms
from index.types import Filters, Hit


def node_for(catalog: Catalog, row: int, score: float) -> NodeWithScore:
    paragraph = catalog.paragraphs[row]
    return NodeWithScore(node=TextNode(id_=paragraph.id, text=paragraph.text), score=float(score))


def to_hits(nodes: list[NodeWithScore], catalog: Catalog) -> list[Hit]:
    hits = []
    for item in nodes:
        paragraph = catalog.get(item.node.node_id)
        if paragraph is not None:
            hits.append(Hit(paragraph, float(item.score or 0.0)))
    return hits


def top_rows(scores: np.ndarray, k: int) -> np.ndarray:
    if len(scores) <= k:
        return np.argsort(-scores, kind="stable")
    part = np.argpartition(-scores, k)[:k]
    return part[np.argsort(-scores[part], kind="stable")]


MAX_RUNS = 256  # a filter kept in more contiguous runs than this is gathered row by row


def kept_similarities(
    vectors: np.ndarray, keep: np.ndarray, vector: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(entry indices, similarities) of the kept entries. Entries are in catalog order, where a
    publication's paragraphs lie together: a publication filter keeps a few contiguous runs,
    scored as views of the matrix. Gathering 20,000 of 100,000 rows instead copies ~30 MB per
    question (~10 ms here); scattered rows (an issue range across publications) still do."""
    edges = np.diff(keep.astype(np.int8), prepend=0, append=0)
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    if len(starts) > MAX_RUNS:
        entries = np.flatnonzero(keep)
        return entries, vectors[entries] @ vector
    if len(starts) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    entries = np.concatenate([np.arange(a, b) for a, b in zip(starts, ends, strict=True)])
    sims = np.concatenate([vectors[a:b] @ vector for a, b in zip(starts, ends, strict=True)])
    return entries, sims


class DenseRetriever(BaseRetriever):
    """Cosine similarity of the question's vector; the QueryBundle must carry the embedding.
    With a context weight, each paragraph is scored by its vector in its article's context
    (`Catalog.vectors_in_context`), searched exactly in the catalog's mirror; without one,
    unfiltered questions ask the store's HNSW index."""

    def __init__(
        self,
        catalog: Catalog,
        store: ArchiveStore | None,
        filters: Filters,
        top_k: int,
        context_weight: float = 0.0,
    ) -> None:
        super().__init__()
        self.catalog, self.store, self.filters, self.top_k = catalog, store, filters, top_k
        self.context_weight = context_weight

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        vector = np.asarray(query_bundle.embedding, dtype=np.float32)
        mask = self.catalog.mask(self.filters)
        if mask is None and self.store is not None and self.context_weight <= 0:
            return self._approximate(vector)
        return self._exact(vector, mask)

    def _exact(self, vector: np.ndarray, mask: np.ndarray | None) -> list[NodeWithScore]:
        """Exact search over the (filtered) rows: fast because only kept rows are scored."""
        rows = self.catalog.vector_rows
        keep = mask[rows] if mask is not None else np.ones(len(rows), dtype=bool)
        vectors = self.catalog.vectors_in_context(self.context_weight)
        entries, sims = kept_similarities(vectors, keep, vector)
        if len(entries) == 0:
            return []
        best: dict[int, float] = {}
        for i in top_rows(sims, self.top_k * DENSE_POOL):
            row = int(rows[entries[i]])
            if row not in best:
                best[row] = float(sims[i])
            if len(best) >= self.top_k:
                break
        return [node_for(self.catalog, row, score) for row, score in best.items()]

    def _approximate(self, vector: np.ndarray) -> list[NodeWithScore]:
        assert self.store is not None
        best: dict[str, float] = {}
        for paragraph_id, similarity in self.store.query(vector, self.top_k * HNSW_POOL):
            if paragraph_id in self.catalog.row_of and paragraph_id not in best:
                best[paragraph_id] = similarity
        ranked = sorted(best.items(), key=lambda item: -item[1])[: self.top_k]
        return [node_for(self.catalog, self.catalog.row_of[p], s) for p, s in ranked]


class KeywordRetriever(BaseRetriever):
    """BM25 over folded, stemmed terms (Sergeev finds Sergeyev)."""

    def __init__(self, catalog: Catalog, filters: Filters, top_k: int) -> None:
        super().__init__()
        self.catalog, self.filters, self.top_k = catalog, filters, top_k

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        scores = self.catalog.keyword.scores(terms(query_bundle.query_str))
        mask = self.catalog.mask(self.filters)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        rows = [int(r) for r in top_rows(scores, self.top_k) if scores[r] > 0]
        return [node_for(self.catalog, row, scores[row]) for row in rows]


class HybridRetriever(BaseRetriever):
    def __init__(
        self,
        catalog: Catalog,
        store: ArchiveStore | None,
        filters: Filters,
        top_k: int,
        depth: int = 50,
    ) -> None:
        super().__init__()
        self.dense = DenseRetriever(catalog, store, filters, depth, fusion().context_weight)
        self.keyword = KeywordRetriever(catalog, filters, depth)
        self.top_k = top_k

    def hits(self, query_bundle: QueryBundle) -> list[Hit]:
        catalog = self.keyword.catalog
        keyword = to_hits(self.keyword.retrieve(query_bundle), catalog)
        dense = to_hits(self.dense.retrieve(query_bundle), catalog)
        weight = keyword_weight(catalog, query_bundle.query_str, keyword[:KEYWORD_TRUST_TOP])
        return rrf_fuse([dense, keyword], weights=[1.0, weight])[: self.top_k]

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return [
            NodeWithScore(node=TextNode(id_=h.paragraph.id, text=h.paragraph.text), score=h.score)
            for h in self.hits(query_bundle)
        ]


def keyword_share(catalog: Catalog, question: str, top: list[Hit]) -> float:
    """How much evidence BM25 has for this question: the largest idf-weighted share of the
    question's terms that one of its best paragraphs contains."""
    question_terms = set(terms(question))
    if not question_terms or not top:
        return 0.0
    weights = {t: catalog.keyword.idf(t) for t in question_terms}
    total = sum(weights.values()) or 1.0
    best = 0.0
    for item in top:
        found = set(terms(item.paragraph.text))
        best = max(best, sum(w for t, w in weights.items() if t in found) / total)
    return best


def keyword_weight(catalog: Catalog, question: str, top: list[Hit]) -> float:
    """The keyword list's fusion weight: 1 when BM25 has evidence for the question (its share
    reaches the minimum fitted on the train split, assistant/engine/fitted/fusion.json), else 0
    and the dense list leads alone. A paraphrased question shares few rare words with its
    answer, and BM25 then ranks hundreds of look-alikes."""
    return 1.0 if keyword_share(catalog, question, top) >= fusion().keyword_share_minimum else 0.0
