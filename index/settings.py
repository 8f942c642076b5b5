"""Settings for ingestion and the store (env prefix DISPATCH_). Built at the edge, passed down."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
# Paragraphs are stored and retrieved by all-mpnet-base-v2 (session 15, development archive,
# every answer given: train containment 0.664 -> 0.688, validation 0.707 -> 0.768 against
# all-MiniLM-L6-v2; docs/EVALUATION.md, session 15); each question's candidate sentences are embedded by
# all-MiniLM-L6-v2, at about a sixth of the cost per sentence.
DEFAULT_MODEL = "all-mpnet-base-v2"
DEFAULT_SENTENCE_MODEL = "all-MiniLM-L6-v2"


class IndexSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DISPATCH_", extra="ignore")

    db: Path = Field(
        default=REPO_ROOT / "store",
        description="Folder of the embedded Chroma store and the keyword index beside it.",
    )
    chroma_url: str | None = Field(
        default=None,
        description="URL of a `chroma run` server (http://host:port); selects client/server mode. "
        "The keyword index then lives in `db`.",
    )
    collection: str = Field(default="paragraphs", description="Chroma collection name.")
    model: str = Field(
        default=DEFAULT_MODEL,
        description="Embedding model of the stored paragraphs (and of questions, to retrieve "
        "them): a name of a model shipped in an installed package, or a folder.",
    )
    sentence_model: str = Field(
        default=DEFAULT_SENTENCE_MODEL,
        description="Embedding model of the sentences each question reads (and of the question, "
        "to score them); nothing stored depends on it.",
    )
    backend: Literal["torch", "onnx-int8"] = Field(
        default="onnx-int8",
        description="Embedding backend: ONNX Runtime with int8 weights (the default: 3x faster, the "
        "same dev-set retrieval), or torch (sentence-transformers, float32).",
    )
    max_file_bytes: int = Field(
        default=5 * 1024 * 1024, description="Files larger than this are refused."
    )
    max_files: int = Field(default=200_000, description="Most files one ingest walks.")
    encode_batch_size: int = Field(default=32, description="Texts per model forward pass.")
    ingest_chunk_paragraphs: int = Field(
        default=512, description="Paragraphs parsed, embedded and committed together."
    )
    threads: int = Field(default=2, description="Threads for embedding at ingest.")
    query_threads: int = Field(default=1, description="Threads for embedding a question.")
    ef_search: int = Field(default=400, description="HNSW ef_search of the Chroma collection.")
    default_publication: str = Field(
        default="Unknown", description="Publication of files that carry no header."
    )

    @property
    def keyword_dir(self) -> Path:
        """The local catalog (texts, BM25, vector mirror) of this store and collection. A server
        store gets its own folder, so a local store in the same `db` never shares it."""
        if self.chroma_url:
            where = re.sub(r"[^a-zA-Z0-9]+", "-", self.chroma_url.split("://")[-1]).strip("-")
            return self.db / f"keyword-{where}-{self.collection}"
        if self.collection != "paragraphs":
            return self.db / f"keyword-{self.collection}"
        return self.db / "keyword"
