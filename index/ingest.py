"""Incremental, crash-safe ingestion: files -> articles -> paragraph windows -> store + catalog.

Per chunk of articles: registry records go in as `pending`, then the paragraph entries (vectors
reused where a paragraph's text did not change), then stale entries are deleted, then the records
flip to `committed`. A run that finds `pending` records (a killed ingest) redoes those articles from
their files, or removes them when their files are gone, so every run ends in the state a clean run
gives. The catalog (texts, vectors, BM25) is rebuilt from the store whenever its fingerprint moved.
"""

from __future__ import annotations

import fcntl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from index import catalog as catalog_module
from index.embedder import Embedder
from index.errors import DispatchError
from index.settings import IndexSettings
from index.sources import Failure, load_manifest, read_articles, walk
from index.store import COMMITTED, PENDING, ArchiveStore, ArticleRecord, window_entry_id
from index.types import Article, paragraph_id


@dataclass
class IngestReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[Failure] = field(default_factory=list)
    paragraphs: int = 0  # paragraphs written (new or changed articles)
    embedded: int = 0  # texts actually encoded (after reuse and de-duplication)
    seconds: float = 0.0

    @property
    def paragraphs_per_s(self) -> float:
        return self.paragraphs / self.seconds if self.seconds > 0 else 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        return (
            f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
            f"removed {self.removed}, failed {len(self.failed)}; {self.paragraphs} paragraphs "
            f"({self.embedded} embedded) in {self.seconds:.1f} s, "
            f"{self.paragraphs_per_s:.1f} paragraphs/s"
        )


ProgressFn = Callable[[int, int], None]  # (files done, paragraphs written so far)


@contextmanager
def ingest_lock(settings: IndexSettings) -> Iterator[None]:
    """One writer at a time per store folder (readers never block)."""
    settings.db.mkdir(parents=True, exist_ok=True)
    with open(settings.db / ".ingest.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DispatchError(
                f"Another ingest is writing to {settings.db}; try again later"
            ) from None
        yield


def record_of(article: Article, state: str) -> ArticleRecord:
    return ArticleRecord(
        article_id=article.article_id,
        file_hash=article.file_hash,
        source=article.source,
        state=state,
        paragraphs=len(article.paragraphs),
        publication=article.publication,
        volume=article.volume or "",
        issue=article.issue or "",
        date=article.date or "",
        title=article.title or "",
        url=article.url or "",
    )


class Ingestor:
    def __init__(self, settings: IndexSettings, embedder: Embedder, store: ArchiveStore) -> None:
        self.settings = settings
        self.embedder = embedder
        self.store = store

    def files_to_read(self, paths: list[Path], records: dict[str, ArticleRecord]) -> list:
        items = list(walk(paths, self.settings.max_files))
        listed = {str(p.resolve()) for p in items if isinstance(p, Path)}
        for record in records.values():  # finish what a killed run left pending
            if (
                record.state == PENDING
                and record.source not in listed
                and Path(record.source).is_file()
            ):
                items.append(Path(record.source))
                listed.add(record.source)
        return items

    def run(
        self,
        paths: list[Path],
        prune: bool = False,
        progress: ProgressFn | None = None,
        total: Callable[[int], None] | None = None,
    ) -> IngestReport:
        started = time.perf_counter()
        report = IngestReport()
        with ingest_lock(self.settings):
            records = self.store.article_records()
            items = self.files_to_read(paths, records)
            if total:
                total(len(items))
            manifests: dict[Path, dict] = {}
            seen: dict[str, str] = {}  # article id -> source that gave it in this run
            read_whole: set[str] = set()  # sources read without a problem in this run
            chunk: list[Article] = []
            chunk_size = 0
            for done, item in enumerate(items, start=1):
                if isinstance(item, Failure):
                    report.failed.append(item)
                else:
                    articles, failures = self._read(item, manifests, report)
                    for article in articles:
                        clash = self._clash(article, seen, records)
                        if clash:
                            failures.append(Failure(article.source, clash))
                            continue
                        seen[article.article_id] = article.source
                        old = records.get(article.article_id)
                        if old and old.state == COMMITTED and old.file_hash == article.file_hash:
                            report.unchanged += 1
                            continue
                        if old and old.state == COMMITTED:
                            report.updated += 1
                        else:
                            report.added += 1
                        chunk.append(article)
                        chunk_size += len(article.paragraphs)
                    report.failed.extend(failures)
                    if not failures:
                        read_whole.add(str(item.resolve()))
                if chunk_size >= self.settings.ingest_chunk_paragraphs or (
                    done == len(items) and chunk
                ):
                    self._write(chunk, records, report)
                    chunk, chunk_size = [], 0
                if progress:
                    progress(done, report.paragraphs)
            self._remove_leftovers(records, seen, read_whole, prune, report)
            if report.changed:  # behind the store by construction: rebuild it without a warning
                records = self.store.article_records()
                catalog = catalog_module.build_from_store(
                    self.store, records, catalog_module.load_speakers(self.settings.keyword_dir)
                )
                catalog_module.save(catalog, self.settings.keyword_dir)
            else:  # loaded as it is, or repaired (with a warning) after a killed run
                catalog_module.open_catalog(self.store, self.settings.keyword_dir)
        report.seconds = time.perf_counter() - started
        return report

    def _read(
        self, path: Path, manifests: dict[Path, dict], report: IngestReport
    ) -> tuple[list[Article], list[Failure]]:
        folder = path.parent
        if folder not in manifests:
            manifests[folder], problems = load_manifest(folder)
            report.failed.extend(problems)
        return read_articles(
            path, manifests[folder], self.settings.default_publication, self.settings.max_file_bytes
        )

    @staticmethod
    def _clash(
        article: Article, seen: dict[str, str], records: dict[str, ArticleRecord]
    ) -> str | None:
        """Why the article's id cannot be used (another file of this run, or of the store, has
        it), or None."""
        other = seen.get(article.article_id)
        if other is None:
            old = records.get(article.article_id)
            if old and old.source != article.source and Path(old.source).is_file():
                other = old.source
        if other is None:
            return None
        if other == article.source:
            return (
                f"article id {article.article_id} occurs twice in this file: give each its own id"
            )
        return (
            f"article id {article.article_id} is already used by {other}: rename one of the files"
        )

    def _write(
        self, articles: list[Article], records: dict[str, ArticleRecord], report: IngestReport
    ) -> None:
        self.store.put_articles([record_of(a, PENDING) for a in articles])
        reusable: dict[str, tuple[str, np.ndarray]] = {}  # entry id -> (window text hash, vector)
        stale: list[str] = []
        for article in articles:
            if article.article_id in records:
                existing = self.store.entries_of(article.article_id, embeddings=True)
                assert existing.embeddings is not None
                for entry_id, text, vector in zip(
                    existing.ids, existing.documents, existing.embeddings, strict=True
                ):
                    reusable[entry_id] = (text, vector)
                stale.extend(existing.ids)

        ids: list[str] = []
        documents: list[str] = []
        metadatas: list[dict] = []
        window_texts: list[str] = []
        vectors: list[np.ndarray | None] = []
        pieces: dict[str, int] = {}  # window text -> word pieces, where already counted
        for article in articles:
            for paragraph in article.paragraphs:
                windows = self._windows(paragraph.text, pieces)
                for k, window in enumerate(windows, start=1):
                    entry_id = window_entry_id(paragraph.id, k)
                    document = paragraph.text if k == 1 else window
                    ids.append(entry_id)
                    documents.append(document)
                    window_texts.append(window)
                    metadatas.append(
                        _metadata(article, paragraph.number, paragraph.hash, k, len(windows))
                    )
                    old = reusable.get(entry_id)
                    # Same text, same window: the stored vector is still right.
                    vectors.append(old[1] if old and old[0] == document else None)
            report.paragraphs += len(article.paragraphs)

        # Shortest first by word pieces, so each batch pads to nearly its own length.
        missing = sorted(
            {window_texts[i] for i, v in enumerate(vectors) if v is None},
            key=lambda text: (pieces.get(text) or self.embedder.token_count(text), text),
        )
        encoded = dict(zip(missing, self._encode(missing), strict=True))
        report.embedded += len(missing)
        matrix = (
            np.stack(
                [v if v is not None else encoded[window_texts[i]] for i, v in enumerate(vectors)]
            )
            if ids
            else np.zeros((0, 1))
        )
        self.store.upsert_entries(ids, matrix, documents, metadatas)
        keep = set(ids)
        self.store.delete_entries([entry for entry in stale if entry not in keep])
        committed = [record_of(a, COMMITTED) for a in articles]
        self.store.put_articles(committed)
        records.update({r.article_id: r for r in committed})

    def _windows(self, text: str, pieces: dict[str, int]) -> list[str]:
        """`embedder.windows(text)`, tokenizing a paragraph that fits the model only once: a text
        is its own single window exactly when its word pieces fit `max_tokens`."""
        count = self.embedder.token_count(text)
        if count <= self.embedder.max_tokens:
            pieces[text] = count
            return [text]
        return self.embedder.windows(text)

    def _encode(self, texts: list[str]) -> np.ndarray:
        """Vectors of `texts` batched in the order given: one call per batch, because the
        embedder's own sort (by characters, in sentence-transformers) groups lengths worse."""
        size = self.settings.encode_batch_size
        batches = [
            self.embedder.embed(texts[i : i + size], size) for i in range(0, len(texts), size)
        ]
        return np.concatenate(batches) if batches else np.zeros((0, self.embedder.dim), np.float32)

    def _remove_leftovers(
        self,
        records: dict[str, ArticleRecord],
        seen: dict[str, str],
        read_whole: set[str],
        prune: bool,
        report: IngestReport,
    ) -> None:
        doomed = []
        for article_id, record in records.items():
            if article_id in seen:
                continue
            if record.state == PENDING:
                doomed.append(article_id)  # a killed run's half-written article whose file is gone
            elif record.source in read_whole:
                # Its file was read in full and no longer gives this id (its header or a JSONL
                # record changed): the article now lives under its new id.
                doomed.append(article_id)
                report.removed += 1
            elif prune and not Path(record.source).is_file():
                doomed.append(article_id)
                report.removed += 1
        if doomed:
            self.store.delete_articles(doomed)
            for article_id in doomed:
                records.pop(article_id, None)


def _metadata(
    article: Article, number: int, paragraph_hash: str, window: int, windows: int
) -> dict:
    return {
        "paragraph_id": paragraph_id(article.article_id, number),
        "article_id": article.article_id,
        "paragraph": number,
        "window": window,
        "windows": windows,
        "publication": article.publication,
        "volume": article.volume or "",
        "issue": article.issue or "",
        "title": article.title or "",
        "date": article.date or "",
        "url": article.url or "",
        "source": article.source,
        "file": Path(article.source).name,
        "hash": paragraph_hash,
    }
