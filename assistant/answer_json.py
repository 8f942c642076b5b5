"""An Answer as JSON: the one model that `ask --json` prints and `POST /api/ask` returns (it also
makes the API's OpenAPI schema)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from assistant.types import Answer, Citation


class CitationOut(BaseModel):
    marker: int
    paragraph_id: str
    publication: str
    volume: str | None
    issue: str | None
    paragraph: int
    title: str | None
    date: str | None
    url: str | None = Field(description="The article's address, where the archive has it.")
    text: str
    label: str = Field(description="e.g. 'Monitor, Vol. 6, Issue 228, ¶7'")
    quote: str = Field(description="The sentence(s) of the paragraph the answer rests on.")

    @classmethod
    def of(cls, citation: Citation) -> CitationOut:
        p = citation.paragraph
        copied = {name: getattr(p, name) for name in _FROM_PARAGRAPH}
        return cls(
            marker=citation.marker,
            paragraph_id=p.id,
            paragraph=p.number,
            label=citation.label,
            quote=citation.quote,
            **copied,
        )


_FROM_PARAGRAPH = ("publication", "volume", "issue", "title", "date", "url", "text")


class RelatedOut(CitationOut):
    score: float


class AnswerOut(BaseModel):
    question: str
    answer: str = Field(description="Text with [n] markers, or the decline sentinel.")
    answered: bool
    confidence: float = Field(
        description="How likely the answer holds everything asked: the fitted correct model's "
        "probability, calibrated on the development archive's validation split (0 when a check "
        "found what is asked for missing)."
    )
    citations: list[CitationOut]
    related: list[RelatedOut] = Field(description="Closest passages when declined.")
    notes: list[str]
    standalone_question: str = Field(description="The question with follow-ups resolved.")
    composer: str
    scope: str = Field("", description="The active filters in words; empty when none is set.")

    @classmethod
    def of(cls, answer: Answer) -> AnswerOut:
        related = [
            RelatedOut(
                **CitationOut.of(Citation(marker=0, paragraph=h.paragraph)).model_dump(),
                score=round(h.score, 4),
            )
            for h in answer.related
        ]
        return cls(
            question=answer.question,
            answer=answer.text,
            answered=answer.answered,
            confidence=round(answer.confidence, 4),
            citations=[CitationOut.of(c) for c in answer.citations],
            related=related,
            notes=answer.notes,
            standalone_question=answer.standalone_question or answer.question,
            composer=answer.composer,
            scope=answer.scope,
        )
