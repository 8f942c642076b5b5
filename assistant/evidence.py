"""Sentence evidence: every sentence of the top paragraphs scored against the question.

score = semantic similarity (sentence vs question) + idf-weighted term overlap + the paragraph's
retrieval rank + attribution to the asked-about speaker. The same scorer checks LLM sentences.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from assistant.question import SPEECH_VERBS, Name, Question
from assistant.sentences import split_sentences
from index.catalog import Catalog
from index.embedder import Embedder
from index.terms import fold, terms, words
from index.types import Hit, Paragraph

PRONOUNS = frozenset({"he", "she", "his", "her", "him"})
WEIGHTS = {"semantic": 0.55, "lexical": 0.35, "rank": 0.10, "attributed": 0.12, "speech": 0.05}


@dataclass
class Evidence:
    paragraph: Paragraph
    rank: int
    index: int
    text: str
    semantic: float
    lexical: float
    attributed: bool
    speech: bool
    score: float


class SentenceVectors:
    """Sentence embeddings with an LRU cache (popular paragraphs are asked about again)."""

    def __init__(self, embedder: Embedder, size: int = 50_000) -> None:
        self.embedder = embedder
        self.size = size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def __call__(self, texts: list[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            for text, vector in zip(missing, self.embedder.embed(missing), strict=True):
                self._cache[text] = vector
                if len(self._cache) > self.size:
                    self._cache.popitem(last=False)
        for text in texts:
            self._cache.move_to_end(text)
        if not texts:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])


def idf_weights(catalog: Catalog, question_terms: list[str]) -> dict[str, float]:
    return {t: catalog.keyword.idf(t) for t in dict.fromkeys(question_terms)}


def coverage(weights: dict[str, float], text_terms: set[str]) -> float:
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    return sum(w for t, w in weights.items() if t in text_terms) / total


def names_person(sentence: str, name: Name) -> bool | None:
    """True if the sentence names the person, False if it names another person of that
    surname (Sergei vs Igor Ivanov), None if the surname is absent."""
    tokens = words(sentence)
    folded = [fold(w) for w in tokens]
    found = None
    for i, word in enumerate(folded):
        if word != name.last:
            continue
        before = folded[i - 1] if i > 0 else ""
        other_first_name = (
            name.first is not None
            and i > 0
            and tokens[i - 1][:1].isupper()
            and tokens[i - 1].isalpha()
            and before != name.first
            and len(before) > 2
            and before not in _NOT_FIRST_NAMES
        )
        if other_first_name:
            found = False
            continue
        return True
    return found


_NOT_FIRST_NAMES = frozenset(
    fold(w)
    for w in "minister secretary president spokesman marshal field general admiral defense "
    "foreign deputy prime mr mrs ms dr said told and but the".split()
)


class SentenceScorer:
    def __init__(self, embedder: Embedder, catalog: Catalog) -> None:
        self.vectors = SentenceVectors(embedder)
        self.catalog = catalog

    def score(
        self, question: Question, question_vector: np.ndarray, hits: list[Hit], paragraphs: int
    ) -> list[Evidence]:
        weights = idf_weights(self.catalog, question.topic_terms or question.terms)
        rows: list[tuple[int, Paragraph, int, str]] = []
        for rank, hit in enumerate(hits[:paragraphs]):
            for index, sentence in enumerate(split_sentences(hit.paragraph.text)):
                rows.append((rank, hit.paragraph, index, sentence))
        if not rows:
            return []
        semantic = self.vectors([r[3] for r in rows]) @ question_vector
        evidence = []
        previous_named = False
        for (rank, paragraph, index, sentence), sim in zip(rows, semantic, strict=True):
            sentence_terms = set(terms(sentence))
            lexical = coverage(weights, sentence_terms)
            attributed, speech = False, bool(sentence_terms & SPEECH_VERBS)
            if question.speaker is not None:
                named = names_person(sentence, question.speaker)
                if index == 0:
                    previous_named = False
                starts_with_pronoun = bool({fold(w) for w in words(sentence)[:3]} & PRONOUNS)
                attributed = bool(named) or (
                    named is None and previous_named and starts_with_pronoun
                )
                previous_named = bool(named) or (previous_named and named is None)
            score = (
                WEIGHTS["semantic"] * float(sim)
                + WEIGHTS["lexical"] * lexical
                + WEIGHTS["rank"] / (1 + rank)
                + (WEIGHTS["attributed"] if attributed else 0.0)
                + (WEIGHTS["speech"] if attributed and speech else 0.0)
            )
            evidence.append(
                Evidence(
                    paragraph, rank, index, sentence, float(sim), lexical, attributed, speech, score
                )
            )
        return evidence
