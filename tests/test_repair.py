"""At startup a keyword index (catalog) that disagrees with the vectors is rebuilt from the store."""

import logging
import shutil

import pytest

from index import catalog as catalog_module
from index.ingest import Ingestor
from index.store import ArchiveStore, identity_of
from tests.conftest import SAMPLE, TEST_DATA

pytestmark = pytest.mark.slow


@pytest.fixture
def store(settings, embedder):
    store = ArchiveStore(settings, identity_of(embedder))
    Ingestor(settings, embedder, store).run([SAMPLE])
    return store


def current_folder(settings):
    root = settings.keyword_dir
    return root / (root / "CURRENT").read_text().strip()


def test_stale_keyword_index_is_rebuilt_with_a_warning(settings, embedder, store, caplog, tmp_path):
    stale = tmp_path / "stale"
    shutil.copytree(settings.keyword_dir, stale)
    Ingestor(settings, embedder, store).run([SAMPLE, TEST_DATA / "injection"])
    shutil.rmtree(settings.keyword_dir)
    shutil.copytree(stale, settings.keyword_dir)  # vectors have 61 paragraphs, BM25 only 58
    with caplog.at_level(logging.WARNING):
        catalog = catalog_module.open_catalog(store, settings.keyword_dir)
    assert "out of step" in caplog.text
    assert len(catalog) == 61 and catalog.keyword.size == 61
    assert catalog_module.load(settings.keyword_dir).fingerprint == catalog.fingerprint


def test_missing_keyword_index_is_rebuilt(settings, store):
    shutil.rmtree(settings.keyword_dir)
    catalog = catalog_module.open_catalog(store, settings.keyword_dir)
    assert len(catalog) == 58
    assert catalog.keyword.scores(["sergeev"]).max() > 0


def test_truncated_keyword_files_are_rebuilt(settings, store):
    folder = current_folder(settings)
    (folder / "vectors.npy").write_bytes(b"\x93NUMPY broken")
    catalog = catalog_module.open_catalog(store, settings.keyword_dir)
    assert len(catalog) == 58 and catalog.vectors.shape[0] >= 58


def test_keyword_index_made_by_older_word_rules_is_rebuilt(settings, store, monkeypatch):
    """A change to how words become terms (index/terms.py) makes every stored BM25 index stale:
    its terms were made by the old rules. The terms version is part of the fingerprint."""
    before = catalog_module.open_catalog(store, settings.keyword_dir)
    monkeypatch.setattr(catalog_module, "TERMS_VERSION", "older-rules")
    assert catalog_module.fingerprint(store.article_records(), store.identity) != before.fingerprint
    monkeypatch.undo()
    stale = current_folder(settings) / "meta.json"
    meta = stale.read_text().replace(before.fingerprint, "0" * 20)
    stale.write_text(meta)
    rebuilt = catalog_module.open_catalog(store, settings.keyword_dir)
    assert rebuilt.fingerprint == before.fingerprint
    assert rebuilt.keyword.scores(["defens"]).max() > 0  # "Defence" and "defense" are one term
