"""Client/server mode: vectors in a real `chroma run` server, the keyword index in settings.db."""

from __future__ import annotations

import uuid

import numpy as np
import pytest

from index import catalog as catalog_module
from index.errors import DispatchError, StoreMismatchError
from index.settings import IndexSettings
from index.store import ArchiveStore, identity_of
from index.terms import terms
from tests.conftest import TEST_DATA
from tests.store_view import assert_consistent
from tests.test_ingest import KURSK_3, KURSK_4, LONG, ingest


@pytest.mark.slow
def test_server_mode_ingests_and_queries_with_the_keyword_index_in_db(
    tmp_path, embedder, chroma_server
):
    # A collection of its own: the server is shared by the whole session.
    collection = f"ingest-{uuid.uuid4().hex[:8]}"
    settings = IndexSettings(db=tmp_path / "local", chroma_url=chroma_server, collection=collection)

    first = ingest(settings, embedder, TEST_DATA / "archive")
    second = ingest(settings, embedder, TEST_DATA / "archive")

    assert first.failed == [] and first.added == 4
    assert (second.unchanged, second.embedded) == (4, 0)
    found = assert_consistent(settings)
    assert len(found.paragraphs) == 10 and found.entries == 11
    assert (settings.keyword_dir / "CURRENT").is_file()
    assert not (settings.db / "chroma").exists(), "server mode wrote a local Chroma store"

    store = ArchiveStore(settings, None)
    assert store.location == chroma_server
    question = embedder.embed(["How much will it cost to raise the Kursk submarine?"])[0]
    top = [paragraph_id for paragraph_id, _ in store.query(question, 3)]
    assert {f"{KURSK_3}:p2", f"{KURSK_4}:p2"} & set(top), top
    catalog = catalog_module.open_catalog(store, settings.keyword_dir)
    scores = catalog.keyword.scores(terms("Klebanov torpedo"))
    assert catalog.paragraphs[int(np.argmax(scores))].article_id == KURSK_4
    assert any(entry.endswith("~w2") for entry in found.windows) and LONG in found.states

    with pytest.raises(StoreMismatchError, match=chroma_server):
        ArchiveStore(settings, {**identity_of(embedder), "embedding_model": "another-model"})


@pytest.mark.slow
def test_server_mode_without_the_collection_says_to_ingest_first(tmp_path, chroma_server):
    settings = IndexSettings(db=tmp_path, chroma_url=chroma_server, collection="never-ingested")
    with pytest.raises(DispatchError, match="No archive at .* ingest some articles first"):
        ArchiveStore(settings, None)


@pytest.mark.parametrize("url", ["ftp://127.0.0.1:8000", "127.0.0.1:8000", "http://"])
def test_malformed_chroma_url_is_refused_with_an_example(tmp_path, url):
    settings = IndexSettings(db=tmp_path, chroma_url=url)
    with pytest.raises(DispatchError, match="Expected a Chroma URL like http://127.0.0.1:8000"):
        ArchiveStore(settings, None)
