"""The only module that imports chromadb: paragraph vectors plus an article registry.

Two collections: `<name>` holds one entry per paragraph window (the paragraph id is the entry id of
its first window; further windows are `<paragraph id>~w<k>`), `<name>__articles` holds one record
per article. An article's record is written as `pending` before its paragraphs and flipped to
`committed` after them: that flip is the commit point that makes a killed ingest recoverable.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from urllib.parse import urlparse

import numpy as np

from index.errors import DispatchError, StoreMismatchError
from index.settings import IndexSettings

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import chromadb  # noqa: E402
from chromadb.config import Settings as ChromaSettings  # noqa: E402

SCHEMA_VERSION = 1
PENDING, COMMITTED = "pending", "committed"


@dataclass
class ArticleRecord:
    article_id: str
    file_hash: str
    source: str
    state: str
    paragraphs: int
    publication: str
    volume: str = ""
    issue: str = ""
    date: str = ""
    title: str = ""
    url: str = ""


@dataclass
class Entries:
    """Chroma's column-shaped results, converted in one place."""

    ids: list[str]
    documents: list[str]
    metadatas: list[dict]
    embeddings: np.ndarray | None


def window_entry_id(paragraph_id: str, window: int) -> str:
    return paragraph_id if window == 1 else f"{paragraph_id}~w{window}"


def paragraph_of_entry(entry_id: str) -> str:
    """The paragraph an entry belongs to (article ids never contain "~")."""
    return entry_id.split("~w", 1)[0]


def make_client(settings: IndexSettings):
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise DispatchError(
                f"Expected a Chroma URL like http://127.0.0.1:8000, got {settings.chroma_url!r}"
            )
        return chromadb.HttpClient(
            host=url.hostname,
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
    settings.db.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.db / "chroma"), settings=chroma_settings)


class ArchiveStore:
    def __init__(self, settings: IndexSettings, identity: dict | None) -> None:
        """`identity` = {embedding_model, embedding_backend, dim}; None opens for reading only,
        taking the identity the store records."""
        self.settings = settings
        missing = DispatchError(
            f"No archive at {self.location} (collection {settings.collection!r}): "
            f"ingest some articles first with `python -m index ingest PATH`"
        )
        if identity is None and not settings.chroma_url and not (settings.db / "chroma").is_dir():
            raise missing  # reading creates nothing
        self.client = make_client(settings)
        if identity is None:
            existing = {c.name for c in self.client.list_collections()}
            if settings.collection not in existing:
                raise missing
            stored = self.client.get_collection(settings.collection).metadata or {}
            identity = {k: stored.get(k) for k in ("embedding_model", "embedding_backend", "dim")}
        self.identity = identity
        self.paragraphs = self._open_paragraphs()
        self.articles = self.client.get_or_create_collection(
            f"{settings.collection}__articles",
            embedding_function=None,
            metadata={"role": "article registry", "schema_version": SCHEMA_VERSION},
        )
        self.batch = min(5000, int(self.client.get_max_batch_size()))

    @property
    def location(self) -> str:
        return self.settings.chroma_url or str(self.settings.db / "chroma")

    def _open_paragraphs(self):
        name = self.settings.collection
        collection = self.client.get_or_create_collection(
            name,
            embedding_function=None,
            configuration={"hnsw": {"space": "cosine", "ef_search": self.settings.ef_search}},
            metadata={**self.identity, "schema_version": SCHEMA_VERSION},
        )
        stored = collection.metadata or {}
        for key in ("embedding_model", "embedding_backend", "dim"):
            if key in stored and stored[key] != self.identity[key]:
                raise StoreMismatchError(
                    f"The store at {self.location} was built with {key.replace('_', ' ')} "
                    f"{stored[key]!r}, not {self.identity[key]!r}. Use the same setting "
                    f"(DISPATCH_BACKEND, DISPATCH_MODEL), or ingest into another --db / "
                    f"collection."
                )
        return collection

    # --- article registry -------------------------------------------------------------------
    def article_records(self) -> dict[str, ArticleRecord]:
        records: dict[str, ArticleRecord] = {}
        offset = 0
        while True:
            page = self.articles.get(include=["metadatas"], limit=self.batch, offset=offset)
            for article_id, meta in zip(page["ids"], page["metadatas"] or [], strict=True):
                fields = {k: meta.get(k, "") for k in ArticleRecord.__dataclass_fields__}
                fields["article_id"] = article_id
                fields["paragraphs"] = int(meta.get("paragraphs", 0))
                records[article_id] = ArticleRecord(**fields)
            if len(page["ids"]) < self.batch:
                return records
            offset += self.batch

    def put_articles(self, records: list[ArticleRecord]) -> None:
        for start in range(0, len(records), self.batch):
            chunk = records[start : start + self.batch]
            self.articles.upsert(
                ids=[r.article_id for r in chunk],
                embeddings=[[1.0]] * len(chunk),
                metadatas=[
                    {k: v for k, v in asdict(r).items() if k != "article_id"} for r in chunk
                ],
            )

    def delete_articles(self, article_ids: list[str]) -> None:
        """Remove articles' paragraphs first, then their records (a crash in between is repaired)."""
        for article_id in article_ids:
            self.paragraphs.delete(where={"article_id": article_id})
        for start in range(0, len(article_ids), self.batch):
            self.articles.delete(ids=article_ids[start : start + self.batch])

    # --- paragraph entries --------------------------------------------------------------------
    def upsert_entries(
        self, ids: list[str], embeddings: np.ndarray, documents: list[str], metadatas: list[dict]
    ) -> None:
        for start in range(0, len(ids), self.batch):
            end = start + self.batch
            self.paragraphs.upsert(
                ids=ids[start:end],
                embeddings=embeddings[start:end],
                documents=documents[start:end],
                metadatas=metadatas[start:end],
            )

    def delete_entries(self, ids: list[str]) -> None:
        for start in range(0, len(ids), self.batch):
            self.paragraphs.delete(ids=ids[start : start + self.batch])

    def entries_of(self, article_id: str, embeddings: bool = False) -> Entries:
        include = ["documents", "metadatas"] + (["embeddings"] if embeddings else [])
        return _entries(self.paragraphs.get(where={"article_id": article_id}, include=include))

    def get_entries(self, ids: list[str], embeddings: bool = False) -> Entries:
        include = ["documents", "metadatas"] + (["embeddings"] if embeddings else [])
        return _entries(self.paragraphs.get(ids=ids, include=include))

    def iter_entries(self, embeddings: bool = True) -> Iterator[Entries]:
        include = ["documents", "metadatas"] + (["embeddings"] if embeddings else [])
        offset = 0
        while True:
            page = _entries(self.paragraphs.get(include=include, limit=self.batch, offset=offset))
            if page.ids:
                yield page
            if len(page.ids) < self.batch:
                return
            offset += self.batch

    def count(self) -> int:
        return self.paragraphs.count()

    def query(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """Nearest entries as (paragraph id, cosine similarity), best first. Only distances are
        fetched: the paragraph id is read from the entry id (fetching metadata was ~85 % of the
        query's time)."""
        result = self.paragraphs.query(
            query_embeddings=[vector], n_results=k, include=["distances"]
        )
        if not result["ids"] or not result["ids"][0]:
            return []
        return [
            (paragraph_of_entry(entry_id), 1.0 - float(distance))
            for entry_id, distance in zip(result["ids"][0], result["distances"][0], strict=True)
        ]


def _entries(result) -> Entries:
    embeddings = result.get("embeddings")
    return Entries(
        ids=list(result["ids"]),
        documents=list(result.get("documents") or []),
        metadatas=list(result.get("metadatas") or []),
        embeddings=None if embeddings is None else np.asarray(embeddings, dtype=np.float32),
    )


def identity_of(embedder) -> dict:
    """What a collection records about the vectors it holds."""
    return {
        "embedding_model": embedder.model,
        "embedding_backend": embedder.backend,
        "dim": int(embedder.dim),
    }
