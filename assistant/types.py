"""Citation and Answer: what the assistant returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from index.types import Hit, Paragraph

# The one phrase that says "the archive does not answer this": shared by code, prompts and tests.
CANNOT_ANSWER = "The archive does not say."


@dataclass(frozen=True)
class Citation:
    """Marker [n] -> one paragraph, with the sentence(s) of it the answer rests on."""

    marker: int
    paragraph: Paragraph
    quote: str = ""  # the supporting sentence(s), verbatim from the paragraph

    @property
    def paragraph_id(self) -> str:
        return self.paragraph.id

    @property
    def label(self) -> str:
        return citation_label(self.paragraph)

    def to_json(self) -> dict:
        p = self.paragraph
        return {
            "marker": self.marker,
            "paragraph_id": p.id,
            "publication": p.publication,
            "volume": p.volume,
            "issue": p.issue,
            "paragraph": p.number,
            "title": p.title,
            "date": p.date,
            "label": self.label,
            "quote": self.quote,
            "text": p.text,
        }


def citation_label(paragraph: Paragraph) -> str:
    """`Monitor, Vol. 6, Issue 228, ¶7`; parts the source lacks are left out."""
    parts = [paragraph.publication]
    if paragraph.volume:
        parts.append(f"Vol. {paragraph.volume}")
    if paragraph.issue:
        parts.append(f"Issue {paragraph.issue}")
    elif paragraph.date:
        parts.append(paragraph.date)
    parts.append(f"¶{paragraph.number}")
    return ", ".join(parts)


@dataclass
class Answer:
    question: str
    text: str  # with [n] markers; CANNOT_ANSWER when declined
    citations: list[Citation]
    hits: list[Hit]  # the ranked paragraphs the answer was built from
    answered: bool
    related: list[Hit] = field(default_factory=list)  # closest passages when declined
    notes: list[str] = field(default_factory=list)  # e.g. LLM fallback, flagged sentences
    standalone_question: str = ""  # the question after follow-up resolution
    composer: str = "extractive"
    confidence: float = 0.0  # the abstention signal (see assistant/abstain.py)

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "answer": self.text,
            "answered": self.answered,
            "citations": [c.to_json() for c in self.citations],
            "related": [
                {**Citation(0, h.paragraph).to_json(), "score": round(h.score, 4)}
                for h in self.related
            ],
            "notes": self.notes,
            "standalone_question": self.standalone_question or self.question,
            "composer": self.composer,
            "confidence": round(self.confidence, 4),
        }
