"""Ingestion with the real model and a real Chroma store on fresh tmp dirs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from index import catalog as catalog_module
from index.errors import StoreMismatchError
from index.ingest import Ingestor, IngestReport
from index.settings import IndexSettings
from index.sources import read_articles
from index.store import ArchiveStore, identity_of
from index.terms import terms
from tests.conftest import SAMPLE, TEST_DATA
from tests.store_view import assert_consistent, view

pytestmark = pytest.mark.slow

KURSK_3 = "monitor-v7-i3--monitor-7-3-kursk"
KURSK_4 = "monitor-v7-i4--monitor-7-4-kursk"
WIRE = "barents-wire--wire-kursk-reaction"
LONG = "defense-analysis-v2-i9--analysis-long-paragraph"


def ingest(settings: IndexSettings, embedder, *paths: Path, prune: bool = False) -> IngestReport:
    store = ArchiveStore(settings, identity_of(embedder))
    return Ingestor(settings, embedder, store).run(list(paths), prune=prune)


def failures(report: IngestReport) -> dict[str, str]:
    """File name -> the one line shown for it."""
    lines = [str(f) for f in report.failed]
    assert all("\n" not in line for line in lines), lines
    return {Path(f.source.split(":")[0]).name: str(f) for f in report.failed}


@pytest.fixture
def archive(tmp_path) -> Path:
    """The three short Kursk articles of tests/data/archive, copied: quick to embed and change."""
    folder = tmp_path / "archive"
    folder.mkdir()
    for path in (TEST_DATA / "archive").glob("*kursk*"):
        shutil.copy(path, folder)
    return folder


@pytest.fixture(scope="module")
def traps(tmp_path_factory, embedder):
    """tests/data/archive ingested once: same topic in two issues, a repeated paragraph, a long
    paragraph. Read only."""
    settings = IndexSettings(db=tmp_path_factory.mktemp("traps") / "store")
    return settings, ingest(settings, embedder, TEST_DATA / "archive")


@pytest.fixture(scope="module")
def sample_runs(tmp_path_factory, embedder):
    settings = IndexSettings(db=tmp_path_factory.mktemp("sample") / "store")
    first = ingest(settings, embedder, SAMPLE)
    before = view(settings)
    second = ingest(settings, embedder, SAMPLE)
    return settings, first, second, before


def test_sample_ingest_adds_twelve_articles(sample_runs):
    settings, first, _, _ = sample_runs
    assert first.failed == []
    assert (first.added, first.updated, first.unchanged, first.removed) == (12, 0, 0, 0)
    found = assert_consistent(settings)
    assert len(found.states) == 12
    assert first.paragraphs == len(found.paragraphs)
    assert found.paragraphs["monitor-v6-i228--000-monitor-6-228:p7"].startswith(
        "The picture was similarly mixed"
    )


def test_second_ingest_embeds_nothing(sample_runs):
    settings, _, second, before = sample_runs
    assert second.failed == []
    assert (second.added, second.updated, second.unchanged, second.removed) == (0, 0, 12, 0)
    assert (second.paragraphs, second.embedded) == (0, 0)
    assert view(settings) == before


def test_paragraph_ids_are_the_article_id_and_number_and_never_change(sample_runs):
    settings, _, _, before = sample_runs
    expected = {}
    for path in sorted(SAMPLE.glob("*.txt")):
        (article,), _ = read_articles(path, {}, "Unknown", 10**7)
        expected.update({p.id: p.text for p in article.paragraphs})
    assert before.paragraphs == expected
    assert view(settings).paragraphs == expected


def test_store_built_by_another_model_or_backend_is_refused(sample_runs, embedder):
    settings, _, _, _ = sample_runs
    identity = identity_of(embedder)
    for key, other in (("embedding_model", "bge-small-en"), ("embedding_backend", "torch")):
        with pytest.raises(StoreMismatchError) as raised:
            ArchiveStore(settings, {**identity, key: other})
        message = str(raised.value)
        assert str(settings.db / "chroma") in message
        assert repr(identity[key]) in message and repr(other) in message
    assert view(settings).entries > 0  # nothing was touched


def test_traps_archive_goes_in_with_each_paragraph_once(traps):
    settings, report = traps
    assert report.failed == []
    assert report.added == 4
    found = assert_consistent(settings)
    assert report.paragraphs == len(found.paragraphs) == 10
    # The paragraph repeated verbatim in two articles is stored under both ids, encoded once;
    # the long paragraph has two windows: 11 entries, 10 distinct texts encoded.
    repeated = found.paragraphs[f"{KURSK_3}:p3"]
    assert found.paragraphs[f"{WIRE}:p2"] == repeated
    assert found.entries == 11
    assert report.embedded == 10


def test_same_topic_in_two_issues_stays_two_articles(traps):
    settings, _ = traps
    catalog = catalog_module.load(settings.keyword_dir)
    assert catalog.get(f"{KURSK_3}:p2").issue == "3"
    assert catalog.get(f"{KURSK_4}:p2").issue == "4"
    scores = catalog.keyword.scores(terms("cost of raising the Kursk"))
    best = {catalog.paragraphs[row].article_id for row in np.argsort(-scores)[:2]}
    assert best == {KURSK_3, KURSK_4}


def test_long_paragraph_is_stored_as_windows_that_name_the_one_paragraph(traps, embedder):
    settings, _ = traps
    store = ArchiveStore(settings, None)
    entries = store.entries_of(LONG)
    windows = sorted(
        (m["window"], entry_id, m["paragraph_id"], m["paragraph"], m["windows"])
        for entry_id, m in zip(entries.ids, entries.metadatas, strict=True)
        if m["paragraph"] == 2
    )
    assert windows == [
        (1, f"{LONG}:p2", f"{LONG}:p2", 2, 2),
        (2, f"{LONG}:p2~w2", f"{LONG}:p2", 2, 2),
    ]
    # A question about the end of the paragraph finds the second window, which stands for the
    # whole paragraph in the store's answers and in the catalog.
    question = embedder.embed(["Arms exports became a test of relations between Russia and the West"])[0]  # fmt: skip
    assert store.query(question, 1)[0][0] == f"{LONG}:p2"
    catalog = catalog_module.load(settings.keyword_dir)
    row = catalog.vector_rows[int(np.argmax(catalog.vectors @ question))]
    paragraph = catalog.paragraphs[row]
    assert paragraph.id == f"{LONG}:p2"
    assert paragraph.text.startswith("Moscow's decision to walk away")
    assert paragraph.text.endswith("between Russia and the West.")
    assert list(catalog.vector_rows).count(row) == 2


def test_changed_file_has_its_paragraphs_replaced_completely(settings, embedder, archive):
    ingest(settings, embedder, archive)
    path = archive / "monitor-7-3-kursk.txt"
    header, first, _dropped, third = path.read_text().split("\n\n")
    first = first.replace("a Norwegian firm", "a Dutch consortium")
    path.write_text("\n\n".join([header, first, third]))

    report = ingest(settings, embedder, archive)

    assert (report.added, report.updated, report.unchanged, report.removed) == (0, 1, 2, 0)
    assert report.paragraphs == 2
    found = assert_consistent(settings)
    assert sorted(p for p in found.paragraphs if p.startswith(KURSK_3)) == [
        f"{KURSK_3}:p1",
        f"{KURSK_3}:p2",
    ]
    assert "a Dutch consortium" in found.paragraphs[f"{KURSK_3}:p1"]
    assert found.paragraphs[f"{KURSK_3}:p2"] == third.strip()
    catalog = catalog_module.load(settings.keyword_dir)
    assert catalog.get(f"{KURSK_3}:p3") is None
    scores = catalog.keyword.scores(terms("Norwegian"))
    assert not scores.any(), "BM25 still knows the edited-out word"
    assert not catalog.keyword.scores(terms("Kuroyedov")).any(), "BM25 kept a dropped paragraph"
    scores = catalog.keyword.scores(terms("Regalia platform"))
    assert {catalog.paragraphs[row].id for row in np.flatnonzero(scores)} == {
        f"{KURSK_3}:p2",
        f"{WIRE}:p2",
    }


def test_changed_header_moves_the_article_to_its_new_id(settings, embedder, archive):
    ingest(settings, embedder, archive)
    path = archive / "monitor-7-4-kursk.txt"
    path.write_text(path.read_text().replace("Issue: 4", "Issue: 5"))
    report = ingest(settings, embedder, archive)
    assert (report.added, report.removed, report.unchanged) == (1, 1, 2)
    found = assert_consistent(settings)
    assert KURSK_4 not in found.states
    assert "monitor-v7-i5--monitor-7-4-kursk" in found.states


def test_prune_removes_articles_whose_files_are_gone(settings, embedder, archive):
    ingest(settings, embedder, archive)
    (archive / "wire-kursk-reaction.txt").unlink()

    kept = ingest(settings, embedder, archive)
    assert (kept.removed, kept.unchanged) == (0, 2)
    assert WIRE in view(settings).states

    pruned = ingest(settings, embedder, archive, prune=True)
    assert (pruned.removed, pruned.unchanged, pruned.embedded) == (1, 2, 0)
    found = assert_consistent(settings)
    assert WIRE not in found.states
    assert not any(p.startswith(WIRE) for p in found.paragraphs)
    # The repeated paragraph still belongs to the other article.
    assert f"{KURSK_3}:p3" in found.paragraphs


def test_bad_files_are_reported_one_line_each_and_the_rest_goes_in(settings, embedder, archive):
    ingest(settings, embedder, archive)
    before = view(settings)
    bad = archive / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00")
    shutil.copy(TEST_DATA / "bad-bytes.txt", bad / "bad-bytes.txt")
    (bad / "header-only.txt").write_text("Publication: Monitor Volume: 7 Issue: 9\n\n")
    (bad / "huge.txt").write_text("Publication: Monitor\n\n" + "Filler text. " * 600)
    (bad / "gone.txt").symlink_to(bad / "deleted.txt")
    (bad / "loop").symlink_to(archive, target_is_directory=True)
    os.mkfifo(bad / "pipe.txt")
    (archive / "monitor-7-4-kursk.txt").write_bytes(b"")  # a stored article's file turned bad
    (bad / "new.txt").write_text("Publication: Monitor Volume: 7 Issue: 9\n\nA new paragraph.\n")
    settings = settings.model_copy(update={"max_file_bytes": 4_000})

    report = ingest(settings, embedder, archive)

    assert (report.added, report.updated, report.unchanged) == (1, 0, 2)
    shown = failures(report)
    assert set(shown) == {
        "empty.txt",
        "binary.txt",
        "bad-bytes.txt",
        "header-only.txt",
        "huge.txt",
        "gone.txt",
        "loop",
        "pipe.txt",
        "monitor-7-4-kursk.txt",
    }
    assert shown["empty.txt"].endswith("empty.txt: empty file")
    assert shown["binary.txt"].endswith("binary.txt: binary file (contains NUL bytes)")
    assert "bad-bytes.txt: invalid UTF-8 at byte 60" in shown["bad-bytes.txt"]
    assert shown["header-only.txt"].endswith(": a header and no paragraphs after it")
    assert shown["huge.txt"].endswith(": too large: 7.8 kB, the limit is 4.0 kB")
    assert shown["gone.txt"].endswith(f"gone.txt: cannot read: broken symlink to {bad / 'deleted.txt'}")  # fmt: skip
    assert shown["loop"].endswith("loop: symlink loop (folder already visited): skipped")
    assert shown["pipe.txt"].endswith("pipe.txt: cannot read: not a regular file")
    found = assert_consistent(settings)
    # Nothing stored changed, the stored article whose file went bad included; the new one is in.
    assert {
        p: t for p, t in found.paragraphs.items() if p in before.paragraphs
    } == before.paragraphs
    assert set(found.paragraphs) - set(before.paragraphs) == {"monitor-v7-i9--new:p1"}


def test_two_files_with_one_article_id_in_a_run_fail_the_second(settings, embedder, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "brief.md").write_text("Publication: Monitor Issue: 3\n\nFrom Markdown.\n")
    (folder / "brief.txt").write_text("Publication: Monitor Issue: 3\n\nFrom text.\n")
    report = ingest(settings, embedder, folder)
    assert report.added == 1
    assert [str(f) for f in report.failed] == [
        f"{folder / 'brief.txt'}: article id monitor-i3--brief is already used by "
        f"{folder / 'brief.md'}: rename one of the files"
    ]
    assert view(settings).paragraphs == {"monitor-i3--brief:p1": "From Markdown."}


def test_file_elsewhere_with_a_stored_article_id_does_not_overwrite_it(
    settings, embedder, tmp_path, archive
):
    ingest(settings, embedder, archive)
    other = tmp_path / "other"
    other.mkdir()
    (other / "monitor-7-4-kursk.txt").write_text("Publication: Monitor Volume: 7 Issue: 4\n\nX.\n")
    report = ingest(settings, embedder, other)
    assert report.added == report.updated == 0
    (line,) = [str(f) for f in report.failed]
    assert line.endswith(f"is already used by {archive / 'monitor-7-4-kursk.txt'}: rename one of the files")  # fmt: skip
    assert_consistent(settings)


def test_jsonl_and_a_headerless_file_go_in_with_their_metadata(settings, embedder, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "feed.jsonl").write_text(
        '{"id": "a", "text": "One.\\n\\nTwo.", "publication": "Itar-Tass", "date": "2000-08-21"}\n'
        "{broken\n"
        '{"id": "b", "paragraphs": ["Three."], "publication": "Itar-Tass", "issue": "12"}\n'
    )
    (folder / "note.txt").write_text("No header at all.\n")
    settings = settings.model_copy(update={"default_publication": "Interfax"})
    report = ingest(settings, embedder, folder)
    assert report.added == 3
    assert (
        [str(f) for f in report.failed]
        == [
            f"{folder / 'feed.jsonl'}:2: invalid JSON (Expecting property name enclosed in double quotes)"  # fmt: skip
        ]
    )
    catalog = catalog_module.load(settings.keyword_dir)
    assert [(p.id, p.publication, p.issue, p.date) for p in catalog.paragraphs] == [
        ("interfax--note:p1", "Interfax", None, None),
        ("itar-tass--feed-a:p1", "Itar-Tass", None, "2000-08-21"),
        ("itar-tass--feed-a:p2", "Itar-Tass", None, "2000-08-21"),
        ("itar-tass-i12--feed-b:p1", "Itar-Tass", "12", None),
    ]


def test_folder_of_thousands_of_files_is_bounded_by_max_files(settings, embedder, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(2_000):
        (folder / f"{n:04}.txt").write_text(f"Publication: Bulletin Issue: {n}\n\nItem {n}.\n")
    settings = settings.model_copy(update={"max_files": 150})
    report = ingest(settings, embedder, folder)
    assert report.added == 150
    assert [str(f) for f in report.failed] == [f"{folder}: more than 150 files: the rest skipped"]
    assert report.seconds < 60
    assert len(assert_consistent(settings).states) == 150
