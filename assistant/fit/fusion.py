"""The fusion fit: from which keyword share BM25's list joins the dense list (engine/retrieval.py).

Per train question, the table holds the share and the gold paragraph's first rank with the dense
list alone and with both lists fused (0: not in the first ten); the weight is 1 or 0, so these two
ranks are all a choice of the minimum needs, and the refit from the table is exact."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from llama_index.core.schema import QueryBundle

from assistant.engine.fusion import rrf_fuse
from assistant.engine.retrieval import HybridRetriever, keyword_share, to_hits
from assistant.engine.tuning import FUSION_GRID, KEYWORD_TRUST_TOP
from assistant.eval.harness import key
from assistant.fit.tables import Table
from index.types import Filters

FEATURES = ("keyword_share", "rank_dense", "rank_fused")
DEPTH = 50


def first_gold(ranking, gold: set) -> int:
    return next((n for n, h in enumerate(ranking[:10], 1) if key(h.paragraph) in gold), 0)


def fusion_table(assistant, questions: list[dict]) -> Table:
    ids, rows = [], []
    for record in questions:
        gold = {(g["file"], int(g["paragraph"])) for g in record.get("gold", [])}
        if not gold:
            continue
        vector = assistant.embed_questions([record["question"]])[0]
        retriever = HybridRetriever(assistant.catalog, assistant.store, Filters(), DEPTH, DEPTH)
        bundle = QueryBundle(query_str=record["question"], embedding=list(vector))
        keyword = to_hits(retriever.keyword.retrieve(bundle), assistant.catalog)
        dense = to_hits(retriever.dense.retrieve(bundle), assistant.catalog)
        share = keyword_share(assistant.catalog, record["question"], keyword[:KEYWORD_TRUST_TOP])
        fused = rrf_fuse([dense, keyword], weights=[1.0, 1.0])
        rows.append(np.asarray([[share, first_gold(dense, gold), first_gold(fused, gold)]]))
        ids.append(record["id"])
    return Table.of(ids, FEATURES, rows, {})


def figures(table: Table, minimum: float) -> tuple[float, float]:
    """recall@5 and mrr (first ten) of the gold with BM25 joining from `minimum`."""
    share, dense, fused = table.rows.T
    rank = np.where(share >= minimum, fused, dense)
    return (
        round(float(np.mean((rank > 0) & (rank <= 5))), 4),
        round(float(np.mean(np.where(rank > 0, 1 / np.maximum(rank, 1), 0.0))), 4),
    )


def fit_fusion(table: Table, path: Path) -> float:
    """The minimum on FUSION_GRID with the best train recall@5, then mrr (the lower on a tie)."""
    sweep = {value: figures(table, value) for value in FUSION_GRID}
    best = max(FUSION_GRID, key=lambda v: (sweep[v], -v))
    data = {
        "model": "the keyword list joins the fusion (weight 1, else 0) when its best paragraphs "
        "hold at least this idf-weighted share of the question's terms",
        "keyword_share_minimum": best,
        "training": {
            "split": "train",
            "table": "data/fit/fusion-train.csv.gz",
            "sha256": table.digest,
            "questions": len(table.ids),
        },
        "sweep_recall5_mrr": {f"{v:.2f}": list(sweep[v]) for v in FUSION_GRID},
    }
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return best
