"""What a store holds, read back through the real store and catalog, for tests to compare."""

from __future__ import annotations

from dataclasses import dataclass

from index import catalog as catalog_module
from index.settings import IndexSettings
from index.store import COMMITTED, ArchiveStore


@dataclass
class StoreView:
    states: dict[str, str]  # article id -> pending / committed
    paragraphs: dict[str, str]  # paragraph id -> text (from each paragraph's first window)
    windows: dict[str, str]  # entry id -> paragraph id it belongs to
    entries: int  # Chroma's count of vector entries
    fingerprint: str  # of the committed records, as the catalog should carry it


def view(settings: IndexSettings) -> StoreView:
    store = ArchiveStore(settings, None)
    records = store.article_records()
    paragraphs: dict[str, str] = {}
    windows: dict[str, str] = {}
    for page in store.iter_entries(embeddings=False):
        for entry_id, text, meta in zip(page.ids, page.documents, page.metadatas, strict=True):
            assert entry_id not in windows, f"entry {entry_id} stored twice"
            windows[entry_id] = meta["paragraph_id"]
            if meta["window"] == 1:
                paragraphs[meta["paragraph_id"]] = text
    return StoreView(
        states={a: r.state for a, r in records.items()},
        paragraphs=paragraphs,
        windows=windows,
        entries=store.count(),
        fingerprint=catalog_module.fingerprint(records, store.identity),
    )


def assert_consistent(settings: IndexSettings) -> StoreView:
    """No pending records, no orphan or missing entries, the catalog and BM25 in step."""
    found = view(settings)
    pending = sorted(a for a, s in found.states.items() if s != COMMITTED)
    assert not pending, f"pending records left: {pending}"
    articles = {p.rsplit(":p", 1)[0] for p in found.paragraphs}
    assert articles == set(found.states), "entries and article records disagree"
    assert set(found.windows.values()) == set(found.paragraphs), "a window without its paragraph"
    assert found.entries == len(found.windows)
    catalog = catalog_module.load(settings.keyword_dir)
    assert catalog is not None, "no catalog saved"
    assert catalog.fingerprint == found.fingerprint, "catalog out of step with the store"
    assert {p.id: p.text for p in catalog.paragraphs} == found.paragraphs
    assert len(catalog.vectors) == len(catalog.vector_rows) == found.entries
    assert catalog.keyword.size == len(catalog.paragraphs)
    return found
