"""Checks on an LLM's answer: markers that name no passage are removed, sentences without a
marker are flagged, and each cited sentence is checked for support against its paragraph with
the sentence scorer the extractive path uses."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from assistant.engine.evidence import SentenceVectors, coverage
from assistant.engine.sentences import split_sentences
from assistant.engine.tuning import SUPPORT_MINIMUM, SUPPORT_WEIGHTS
from assistant.llm.citations import parse_markers, strip_invalid_markers
from index.terms import matching_terms, terms
from index.types import Paragraph


@dataclass
class CheckedSentence:
    text: str  # with its markers
    markers: list[int]
    supported: bool
    support: float
    quote: str = ""  # the passage sentence that backs it best


@dataclass
class CheckedAnswer:
    sentences: list[CheckedSentence]
    removed_markers: list[int]

    @property
    def uncited(self) -> list[CheckedSentence]:
        return [s for s in self.sentences if not s.markers]

    @property
    def unsupported(self) -> list[CheckedSentence]:
        return [s for s in self.sentences if s.markers and not s.supported]

    @property
    def any_supported(self) -> bool:
        return any(s.markers and s.supported for s in self.sentences)


def support(
    sentence: str, paragraphs: list[Paragraph], vectors: SentenceVectors
) -> tuple[float, str]:
    """How well the paragraphs back a sentence: the best of its passage sentences, scored by
    embedding similarity and the share of its content words they contain."""
    claim = _without_markers(sentence)
    candidates = [s for p in paragraphs for s in split_sentences(p.text)]
    if not candidates or not claim.strip():
        return 0.0, ""
    matrix = vectors([claim, *candidates])
    similarity = matrix[1:] @ matrix[0]
    claim_terms = {t: 1.0 for t in terms(claim)}
    overlap = np.array([coverage(claim_terms, matching_terms(c)) for c in candidates])
    scores = SUPPORT_WEIGHTS["similarity"] * similarity + SUPPORT_WEIGHTS["overlap"] * overlap
    best = int(np.argmax(scores))
    return float(scores[best]), candidates[best]


def check(text: str, passages: dict[int, Paragraph], vectors: SentenceVectors) -> CheckedAnswer:
    cleaned, removed = strip_invalid_markers(text, set(passages))
    sentences = []
    for sentence in split_sentences(cleaned):
        markers = parse_markers(sentence)
        if not markers:
            sentences.append(CheckedSentence(sentence, [], False, 0.0))
            continue
        score, quote = support(sentence, [passages[m] for m in markers], vectors)
        sentences.append(CheckedSentence(sentence, markers, score >= SUPPORT_MINIMUM, score, quote))
    return CheckedAnswer(sentences, removed)


def _without_markers(sentence: str) -> str:
    return re.sub(r"\[\d{1,3}\]", "", sentence).strip()
