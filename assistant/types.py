"""Citation and Answer: what the assistant returns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.types import Hit, Paragraph

# The one phrase that says "the archive does not answer this": shared by code, prompts and tests.
CANNOT_ANSWER = "The archive does not say."
# A citation marker in an answer's text: "[3]" -> 3. The one pattern every reader of markers uses.
MARKER = re.compile(r"\[(\d{1,3})\]")


@dataclass(frozen=True, kw_only=True)
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


@dataclass(kw_only=True)
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
    confidence: float = 0.0  # the abstention signal (see assistant/engine/abstain.py)
    scope: str = ""  # the active filters in words ("in Monitor, issues 200-230"), "" for none
