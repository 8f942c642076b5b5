"""The fusion fit: how much of its article's lead each paragraph's vector takes (the context
weight, index/catalog.Catalog.vectors_in_context), and from which keyword share BM25's list joins
the dense list (engine/retrieval.py).

Per train question, the table holds the share and, for each context weight of CONTEXT_GRID, the
gold paragraph's first rank with the dense list alone and with both lists fused (0: not in the
first ten); the keyword weight is 1 or 0, so these ranks are all a choice needs, and the refit from
the table is exact."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from llama_index.core.schema import QueryBundle

from assistant.engine.fitted_models import Fusion
from assistant.engine.fusion import rrf_fuse
from assistant.engine.retrieval import DenseRetriever, KeywordRetriever, keyword_share, to_hits
from assistant.engine.tuning import CONTEXT_GRID, FUSION_GRID, KEYWORD_TRUST_TOP
from assistant.eval.harness import key
from assistant.fit.tables import Table
from index.types import Filters

FEATURES = (
    "keyword_share",
    *(f"{kind}_{weight:.2f}" for weight in CONTEXT_GRID for kind in ("rank_dense", "rank_fused")),
)
DEPTH = 50


def first_gold(ranking, gold: set) -> int:
    return next((n for n, h in enumerate(ranking[:10], 1) if key(h.paragraph) in gold), 0)


def fusion_table(assistant, questions: list[dict]) -> Table:
    catalog = assistant.catalog
    keyword_retriever = KeywordRetriever(catalog, Filters(), DEPTH)
    asked = []  # (id, gold, question as a bundle, keyword list)
    for record in questions:
        gold = {(g["file"], int(g["paragraph"])) for g in record.get("gold", [])}
        if gold:
            vector = assistant.embed_questions([record["question"]])[0]
            bundle = QueryBundle(query_str=record["question"], embedding=list(vector))
            keyword = to_hits(keyword_retriever.retrieve(bundle), catalog)
            asked.append((record["id"], gold, bundle, keyword))
    rows = [[keyword_share(catalog, b.query_str, k[:KEYWORD_TRUST_TOP])] for _, _, b, k in asked]
    for weight in CONTEXT_GRID:  # one weight at a time: the catalog keeps one matrix in context
        dense_retriever = DenseRetriever(catalog, assistant.store, Filters(), DEPTH, weight)
        for row, (_, gold, bundle, keyword) in zip(rows, asked, strict=True):
            dense = to_hits(dense_retriever.retrieve(bundle), catalog)
            fused = rrf_fuse([dense, keyword], weights=[1.0, 1.0])
            row += [first_gold(dense, gold), first_gold(fused, gold)]
    return Table.of([a[0] for a in asked], FEATURES, [np.asarray([r]) for r in rows], {})


def figures(table: Table, minimum: float, context_weight: float = 0.0) -> tuple[float, float]:
    """recall@5 and mrr (first ten) of the gold with paragraphs in their articles' context at
    `context_weight` and BM25 joining from `minimum`."""
    share = table.rows[:, 0]
    column = 1 + 2 * CONTEXT_GRID.index(context_weight)
    dense, fused = table.rows[:, column], table.rows[:, column + 1]
    rank = np.where(share >= minimum, fused, dense)
    return (
        round(float(np.mean((rank > 0) & (rank <= 5))), 4),
        round(float(np.mean(np.where(rank > 0, 1 / np.maximum(rank, 1), 0.0))), 4),
    )


def fit_fusion(table: Table, path: Path) -> Fusion:
    """The context weight and keyword share minimum with the best train recall@5, then mrr (the
    lower weight, then the lower minimum, on a tie)."""
    sweep = {(w, v): figures(table, v, w) for w in CONTEXT_GRID for v in FUSION_GRID}
    weight, minimum = max(sweep, key=lambda wv: (sweep[wv], -wv[0], -wv[1]))
    data = {
        "model": "each paragraph's vector plus context_weight times its article's lead paragraph's "
        "(normalised); the keyword list joins the fusion (weight 1, else 0) when its best "
        "paragraphs hold at least keyword_share_minimum of the question's idf-weighted terms",
        "context_weight": weight,
        "keyword_share_minimum": minimum,
        "training": {
            "split": "train",
            "table": "data/fit/fusion-train.csv.gz",
            "sha256": table.digest,
            "questions": len(table.ids),
        },
        "sweep_recall5_mrr": {
            f"{w:.2f}": {f"{v:.2f}": list(sweep[w, v]) for v in FUSION_GRID} for w in CONTEXT_GRID
        },
    }
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return Fusion(minimum, weight)
