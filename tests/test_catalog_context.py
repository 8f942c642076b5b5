"""Paragraph vectors in their article's context (Catalog.vectors_in_context), and dense retrieval
over them: a paragraph that does not name its subject is found by what its article is about."""

import numpy as np
import pytest
from llama_index.core.schema import QueryBundle

from assistant.engine.retrieval import DenseRetriever
from index.catalog import Catalog
from index.lexical import KeywordIndex
from index.types import Filters, Paragraph

DESTROYERS, PRICE, TANKS, OTHER = np.eye(4, dtype=np.float32)


def unit(vector: np.ndarray) -> np.ndarray:
    return (vector / np.linalg.norm(vector)).astype(np.float32)


@pytest.fixture()
def catalog() -> Catalog:
    """Two articles: the destroyers (a lead about them, a paragraph about a price and more) and
    the tanks (a lead about them, a second paragraph in two windows about a price alone)."""
    paragraphs = [
        Paragraph("ships", 1, "China bought two destroyers."),
        Paragraph("ships", 2, "The price was not given."),
        Paragraph("tanks", 1, "India bought tanks."),
        Paragraph("tanks", 2, "The price was high."),
    ]
    vectors = np.stack(
        [DESTROYERS, unit(PRICE + 0.3 * OTHER), TANKS, PRICE, unit(PRICE + 0.2 * OTHER)]
    )
    rows = np.array([0, 1, 2, 3, 3])  # tanks ¶2 has two windows
    keyword = KeywordIndex.build([p.text for p in paragraphs])
    return Catalog(paragraphs, vectors, rows, keyword, "c" * 20)


def test_each_entry_takes_its_articles_lead_and_the_lead_keeps_its_own(catalog):
    mixed = catalog.vectors_in_context(0.5)
    assert list(catalog.lead_entries()) == [0, 0, 2, 2, 2]
    assert np.allclose(mixed[0], DESTROYERS) and np.allclose(mixed[2], TANKS)
    assert np.allclose(mixed[1], unit(catalog.vectors[1] + 0.5 * DESTROYERS))
    assert np.allclose(mixed[4], unit(catalog.vectors[4] + 0.5 * TANKS))  # every window
    assert np.allclose(np.linalg.norm(mixed, axis=1), 1.0)
    assert mixed.dtype == np.float32


def test_no_weight_is_the_plain_vectors_and_a_weight_is_computed_once(catalog):
    assert catalog.vectors_in_context(0.0) is catalog.vectors
    assert catalog.vectors_in_context(0.5) is catalog.vectors_in_context(0.5)
    assert not np.allclose(catalog.vectors_in_context(1.0), catalog.vectors_in_context(0.5))


def ranked(
    catalog: Catalog, question: np.ndarray, weight: float, filters: Filters | None = None
) -> list[str]:
    retriever = DenseRetriever(catalog, None, filters or Filters(), 4, context_weight=weight)
    bundle = QueryBundle("what did the destroyers cost", embedding=list(unit(question)))
    return [n.node.node_id for n in retriever.retrieve(bundle)]


def test_the_price_of_the_destroyers_is_found_in_the_destroyer_article(catalog):
    question = PRICE + 0.6 * DESTROYERS
    assert ranked(catalog, question, 0.0)[0] == "tanks:p2"  # out of context: any price
    assert ranked(catalog, question, 0.5)[0] == "ships:p2"


def test_filters_apply_to_the_vectors_in_context(catalog):
    question = PRICE + 0.6 * DESTROYERS
    assert ranked(catalog, question, 0.5, Filters(volume_min=1)) == []
    kept = ranked(catalog, question, 0.5, Filters(publications=("Unknown",)))
    assert kept[0] == "ships:p2" and set(kept) == {"ships:p1", "ships:p2", "tanks:p1", "tanks:p2"}
