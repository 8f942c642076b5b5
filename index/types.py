"""The typed objects that flow through ingestion and retrieval."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import NamedTuple


def content_hash(text: str) -> str:
    """Short, stable digest of a text (used for change detection and de-duplication)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of an article; `number` is 1-based after the header."""

    article_id: str
    number: int
    text: str
    publication: str = "Unknown"
    volume: str | None = None
    issue: str | None = None
    date: str | None = None
    title: str | None = None
    source: str = ""
    url: str | None = None  # the article's address, from the manifest

    @property
    def id(self) -> str:
        return paragraph_id(self.article_id, self.number)

    @property
    def hash(self) -> str:
        return content_hash(self.text)


def paragraph_id(article_id: str, number: int) -> str:
    return f"{article_id}:p{number}"


@dataclass(frozen=True)
class Article:
    """A parsed article file (or one JSONL record)."""

    article_id: str
    publication: str
    volume: str | None
    issue: str | None
    date: str | None
    title: str | None
    source: str
    url: str | None
    texts: tuple[str, ...]
    file_hash: str = ""
    paragraphs: tuple[Paragraph, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        paragraphs = tuple(
            Paragraph(
                article_id=self.article_id,
                number=n,
                text=text,
                publication=self.publication,
                volume=self.volume,
                issue=self.issue,
                date=self.date,
                title=self.title,
                source=self.source,
            )
            for n, text in enumerate(self.texts, start=1)
        )
        object.__setattr__(self, "paragraphs", paragraphs)


class Hit(NamedTuple):
    """A retrieved paragraph with its score (higher is better)."""

    paragraph: Paragraph
    score: float


@dataclass(frozen=True)
class Filters:
    """Restrict retrieval: publication names, volume/issue ranges, ISO date range (inclusive).
    A bound of None or 0 is not set (issues and volumes are numbered from 1)."""

    publications: tuple[str, ...] = ()
    volume_min: int | None = None
    volume_max: int | None = None
    issue_min: int | None = None
    issue_max: int | None = None
    date_from: str | None = None
    date_to: str | None = None

    def is_empty(self) -> bool:
        return self.describe() == ""

    def describe(self) -> str:
        """The filters in words, "" when none is set: "in Monitor or WPS, issues 200-230, dated
        2000-12 to 2001"."""
        parts = []
        if self.publications:
            parts.append("in " + " or ".join(self.publications))
        for name, low, high in (
            ("volumes", self.volume_min, self.volume_max),
            ("issues", self.issue_min, self.issue_max),
        ):
            if low or high:
                parts.append(f"{name} {low or 1}-{high or '…'}")
        if self.date_from or self.date_to:
            parts.append(f"dated {self.date_from or '…'} to {self.date_to or '…'}")
        return ", ".join(parts)
