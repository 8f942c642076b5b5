"""All settings of the assistant and app (env prefix DISPATCH_), on top of the index settings."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from index.settings import REPO_ROOT, IndexSettings


class Settings(IndexSettings):
    # retrieval and answers
    sources: int = Field(default=5, description="Paragraphs shown as sources / related passages.")
    depth: int = Field(default=50, description="Candidates each retriever passes to fusion.")
    answer_paragraphs: int = Field(
        default=3,
        description="Top paragraphs the answer draws from (3 and 4 give the same containment on "
        "the archive's train and validation splits, session 7; each paragraph's sentences are "
        "embedded per question, most of an answer's time).",
    )
    max_answer_sentences: int = Field(default=4, description="Most sentences in an answer.")
    answer_threshold: float | None = Field(
        default=None,
        description="Confidence below which the assistant declines; unset, the threshold fitted "
        "with the answer model on the validation split (assistant/engine/fitted/answer.json).",
    )
    max_question_chars: int = Field(default=2000, description="Longer questions are refused.")
    # optional LLM
    llm: Literal["none", "openai", "ollama"] = Field(
        default="none", description="Answer composer: none (extractive), openai-compatible, ollama."
    )
    llm_url: str = Field(default="http://127.0.0.1:8080/v1", description="LLM server base URL.")
    llm_model: str = Field(default="local", description="Model name the LLM server knows.")
    llm_api_key: str = Field(default="not-needed", description="API key for the LLM server.")
    llm_timeout: float = Field(default=60.0, description="Seconds before falling back.")
    llm_max_tokens: int = Field(default=300, description="Most tokens the LLM may write.")
    # app
    host: str = Field(default="127.0.0.1", description="Address the app binds.")
    port: int = Field(default=7860, description="Port the app listens on.")
    sample_dir: Path = Field(
        default=REPO_ROOT / "data" / "sample", description="Archive ingested into an empty store."
    )
    admin_token: str | None = Field(
        default=None, description="Token that unlocks uploads and ingest; unset = no uploads."
    )
    upload_dir: Path | None = Field(
        default=None, description="Where uploads are kept (default: <db>/uploads)."
    )
    max_upload_bytes: int = Field(default=5 * 1024 * 1024, description="Largest upload.")
    max_upload_files: int = Field(default=20, description="Most files in one upload.")
    embed_origins: str = Field(
        default="",
        description="Origins of sites that may embed the app (iframe or <gradio-app>), space-"
        "separated, e.g. 'https://intranet.example.org'; empty = only the app's own origin.",
    )
    api_origins: str = Field(
        default="",
        description="Origins whose pages may call /api/* from a browser (CORS), space-separated; "
        "empty = none (servers and scripts outside browsers are not affected).",
    )

    feedback_path: Path | None = Field(
        default=None, description="Where thumbs up/down are kept (default: <db>/feedback.jsonl)."
    )

    @property
    def feedback_file(self) -> Path:
        return self.feedback_path or self.db / "feedback.jsonl"

    @property
    def uploads(self) -> Path:
        return self.upload_dir or self.db / "uploads"
