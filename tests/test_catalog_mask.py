"""Filter masks over the catalog's rows: what they keep, and that one computation serves a
question's dense and keyword steps."""

import numpy as np
import pytest

from index.catalog import MASKS_KEPT, Catalog
from index.lexical import KeywordIndex
from index.types import Filters, Paragraph

ROWS = [  # publication, volume, issue, date
    ("Monitor", "6", "228", "2000-12-07"),
    ("Monitor", "7", "1", "2001-01-02"),
    ("RFE/RL Newsline", "4", "228", "2000-11-27"),
    ("monitor", "7", "12", None),
    ("Johnson's Russia List", None, "4467", "2000-08-21"),
]


@pytest.fixture(scope="module")
def catalog():
    paragraphs = [
        Paragraph(f"a{i}", 1, f"text {i}", publication, volume, issue, date)
        for i, (publication, volume, issue, date) in enumerate(ROWS)
    ]
    vectors = np.eye(len(paragraphs), 4, dtype=np.float32)
    rows = np.arange(len(paragraphs))
    keyword = KeywordIndex.build([p.text for p in paragraphs])
    return Catalog(paragraphs, vectors, rows, keyword, "f" * 20)


@pytest.mark.parametrize(
    ("filters", "kept"),
    [
        (Filters(publications=("MONITOR",)), [0, 1, 3]),
        (Filters(publications=("Monitor", "RFE/RL Newsline")), [0, 1, 2, 3]),
        (Filters(publications=("No Such Paper",)), []),
        (Filters(volume_min=7), [1, 3]),
        (Filters(issue_min=200, issue_max=300), [0, 2]),
        (Filters(publications=("Monitor",), date_from="2001-01-01"), [1]),
        (Filters(date_to="2000-11-30"), [2, 4]),
    ],
)
def test_mask_keeps_the_rows_the_filters_name(catalog, filters, kept):
    assert list(np.flatnonzero(catalog.mask(filters))) == kept


def test_no_filter_is_no_mask(catalog):
    assert catalog.mask(Filters()) is None


def test_a_mask_is_computed_once_and_cannot_be_changed(catalog):
    filters = Filters(publications=("Monitor",), volume_min=7)
    first = catalog.mask(filters)
    assert catalog.mask(Filters(publications=("Monitor",), volume_min=7)) is first
    with pytest.raises(ValueError):
        first[0] = True


def test_only_recent_masks_are_kept(catalog):
    for issue in range(MASKS_KEPT + 5):
        catalog.mask(Filters(issue_min=issue))
    assert len(catalog._masks) == MASKS_KEPT


@pytest.mark.parametrize("pattern", ["runs", "scattered", "none", "all"])
def test_kept_similarities_match_a_plain_gather(pattern):
    from assistant.engine import retrieval

    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(2_000, 8)).astype(np.float32)
    vector = rng.normal(size=8).astype(np.float32)
    keep = {
        "runs": np.repeat(rng.random(40) < 0.5, 50),
        "scattered": rng.random(2_000) < 0.3,  # > MAX_RUNS runs: gathered row by row
        "none": np.zeros(2_000, dtype=bool),
        "all": np.ones(2_000, dtype=bool),
    }[pattern]
    entries, sims = retrieval.kept_similarities(vectors, keep, vector)
    expected = np.flatnonzero(keep)
    assert list(entries) == list(expected)
    np.testing.assert_allclose(sims, vectors[expected] @ vector, rtol=1e-5, atol=1e-5)


def test_catalog_entries_come_in_paragraph_order():
    paragraphs = [Paragraph(f"a{i}", 1, f"text {i}") for i in range(3)]
    rows = np.array([2, 0, 1, 0])  # Chroma's iteration order; paragraph 0 has two windows
    vectors = np.arange(16, dtype=np.float32).reshape(4, 4)
    catalog = Catalog(paragraphs, vectors, rows, KeywordIndex.build(["a b"] * 3), "f" * 20)
    assert list(catalog.vector_rows) == [0, 0, 1, 2]
    np.testing.assert_array_equal(catalog.vectors, vectors[[1, 3, 2, 0]])
