"""What retrieval and evidence found for a question, before a composer writes the answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from assistant.engine.attribution import mentions
from assistant.engine.evidence import Evidence
from assistant.engine.question import Question
from assistant.engine.tuning import SPEAKER_PARAGRAPHS, SPEAKER_POOL, TYPED_PARAGRAPHS
from assistant.types import Citation
from index.types import Filters, Hit, Paragraph


@dataclass(frozen=True)
class Reading:
    """One part of a question (the whole question, unless it asks several things) and the
    sentences of its evidence pool, scored."""

    question: Question
    evidence: list[Evidence]


@dataclass(kw_only=True)
class Draft:
    """What retrieval and evidence found, before a composer writes the answer."""

    question: str
    resolved: str  # the standalone question (follow-ups resolved)
    analysis: Question
    ranking: list[Hit]
    chosen: list[Evidence]  # the sentences that answer, best evidence first
    confidence: float  # how likely the chosen sentences hold everything asked (correct model)
    answers: bool = False  # the fitted models and the checks let the answer stand
    vector: np.ndarray
    shortfall: str | None = None  # why it would be declined, when one check says so
    filters: Filters = field(default_factory=Filters)  # what retrieval was restricted to
    readings: list[Reading] = field(default_factory=list)  # each part's scored sentences


def cited_first(ranking: list[Hit], citations: list[Citation]) -> list[Hit]:
    """The answer's own paragraphs lead the ranking: they are the system's best judgement."""
    cited = {c.paragraph.id for c in citations}
    return [Hit(c.paragraph, 1.0) for c in citations] + [
        h for h in ranking if h.paragraph.id not in cited
    ]


def evidence_pool(
    question: Question,
    hits: list[Hit],
    size: int,
    holds_kind: Callable[[Paragraph], bool] | None = None,
) -> list[Hit]:
    """The top paragraphs; for "what did X say", also further retrieved paragraphs naming X,
    since X's words are often reported a few paragraphs away from the best match; for a question
    asking a kind of answer ("by what vote", "on what date"), further paragraphs of the articles
    already read that hold that kind (`holds_kind`)."""
    pool = hits[:size]
    further = hits[size : size * SPEAKER_POOL]
    if question.speaker is not None:
        naming = [h for h in further if mentions(h.paragraph.text, question.speaker)]
        pool = pool + naming[:SPEAKER_PARAGRAPHS]
    elif question.wants and holds_kind is not None:
        articles = {h.paragraph.article_id for h in pool}
        typed = [h for h in further if h.paragraph.article_id in articles]
        pool = pool + [h for h in typed if holds_kind(h.paragraph)][:TYPED_PARAGRAPHS]
    return pool


def with_whole_question(
    pool: list[Hit], size: int, ranking: list[Hit], count: int
) -> tuple[list[Hit], int]:
    """A part of a compound question also reads the first `count` paragraphs of the whole
    question's ranking (the parts' rankings fused), after its own `size` best and before the
    paragraphs read only in part: the part's own words can miss the paragraph that the whole
    question ranks second ("From what date did Russia say it would stop observing the
    aide-memoire, and ..."). Returns the pool and how many of its paragraphs are read whole."""
    have = {h.paragraph.id for h in pool}
    extra = [h for h in ranking[:count] if h.paragraph.id not in have]
    return pool[:size] + extra + pool[size:], size + len(extra)
