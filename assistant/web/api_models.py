"""Request and response bodies of the JSON API (they also make its OpenAPI schema); the answer
itself is `assistant.answer_json.AnswerOut`, shared with the command line."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from assistant.web.filters import MAX_NUMBER, MAX_SOURCES, filters_from
from index.types import Filters

MAX_BODY_QUESTION = 100_000  # the assistant itself refuses far shorter questions, with a message


class FiltersIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    publications: list[Annotated[str, Field(max_length=200)]] | None = Field(
        None, max_length=100, description="Publication names (any of them), e.g. ['Monitor']."
    )
    issue_min: int | None = Field(None, ge=0, le=MAX_NUMBER, description="Lowest issue number.")
    issue_max: int | None = Field(None, ge=0, le=MAX_NUMBER, description="Highest issue number.")
    volume_min: int | None = Field(None, ge=0, le=MAX_NUMBER, description="Lowest volume number.")
    volume_max: int | None = Field(None, ge=0, le=MAX_NUMBER, description="Highest volume number.")
    date_from: str | None = Field(None, max_length=10, description="Earliest date, YYYY-MM-DD.")
    date_to: str | None = Field(None, max_length=10, description="Latest date, YYYY-MM-DD.")

    def to_filters(self) -> Filters:
        return filters_from(
            self.publications,
            self.issue_min,
            self.issue_max,
            self.date_from,
            self.date_to,
            self.volume_min,
            self.volume_max,
        )


class AskIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(max_length=MAX_BODY_QUESTION, description="The question.")
    filters: FiltersIn | None = None
    history: list[Annotated[str, Field(max_length=MAX_BODY_QUESTION)]] = Field(
        default_factory=list,
        max_length=50,
        description="Earlier questions of the conversation, oldest first (for follow-ups).",
    )
    sources: int | None = Field(
        None, ge=1, le=MAX_SOURCES, description="Related passages listed when declined."
    )


class HealthOut(BaseModel):
    status: str
    paragraphs: int


class IngestOut(BaseModel):
    saved: list[str] = Field(description="Files kept, under the names they were saved as.")
    renamed: dict[str, str] = Field(
        default_factory=dict,
        description="Uploads saved under another name: a different article already had theirs.",
    )
    added: int
    updated: int
    unchanged: int
    failed: list[str] = Field(description="Files that did not parse (not kept), with the problem.")
    paragraphs: int = Field(description="Paragraphs in the archive after the ingest.")


class ErrorOut(BaseModel):
    error: str


class StatementOut(BaseModel):
    """One statement of a person, with the paragraph that reports it (`GET /api/statements`,
    `python -m assistant statements --json`)."""

    date: str | None = Field(description="The article's date, where the archive has it.")
    speaker: str = Field(description="The name as the paragraph gives it, e.g. 'Sergeyev'.")
    cue: str = Field(
        description="How it was put: 'said', 'told', 'according to', ...; empty where a "
        "quotation goes on."
    )
    content: str = Field(description="What was said.")
    sentence: str = Field(description="The whole sentence, verbatim.")
    direct: bool = Field(description="A direct quotation.")
    label: str = Field(description="The citation, e.g. 'Monitor, Vol. 6, Issue 228, ¶7'.")
    paragraph_id: str
    publication: str
    volume: str | None
    issue: str | None
    number: int = Field(description="The paragraph's number in its article.")
    title: str | None
    url: str | None = Field(description="The article's address, where the archive has it.")
    score: float = Field(description="Match with `about` (0 without one).")

    @classmethod
    def of(cls, row) -> StatementOut:
        """From an `assistant.statements.StatementRow`."""
        p = row.paragraph
        return cls(
            date=row.date,
            speaker=row.speaker,
            cue=row.cue,
            content=row.content,
            sentence=row.sentence,
            direct=row.direct,
            label=row.label,
            paragraph_id=p.id,
            publication=p.publication,
            volume=p.volume,
            issue=p.issue,
            number=p.number,
            title=p.title,
            url=p.url,
            score=row.score,
        )
