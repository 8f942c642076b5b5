"""Sentence evidence: every sentence of the top paragraphs scored against the question.

score = semantic similarity (sentence vs question) + idf-weighted term overlap (the question's
setting met by the article) + the paragraph's retrieval rank + the focus of "what X" + the kind of
answer asked for (answer_types) + attribution to the asked-about speaker (attribution). The same
scorer checks LLM sentences.
"""

from __future__ import annotations

import calendar
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from assistant.answer_types import YEAR, has_answer_type
from assistant.attribution import (
    PRONOUNS,
    QUOTES,
    agent_positions,
    first_names,
    names_person,
    opens_quote,
    quoted,
    reports_speech,
    speaks,
    speech_positions,
)
from assistant.question import Name, Question
from assistant.sentences import split_sentences
from index.catalog import Catalog
from index.embedder import Embedder
from index.terms import matching_terms, term, words
from index.types import Hit, Paragraph

WEIGHTS = {
    "semantic": 0.55,
    "lexical": 0.35,
    "rank": 0.10,
    "attributed": 0.15,  # "what did X say": X reports, tells, warns... in this sentence
    "mentioned": 0.04,  # X is only named
    "interrogative": 0.30,  # a question (a reporter's "Q:") asserts nothing
    "answer_type": 0.05,
    "focus": 0.15,  # names the kind of thing asked for ("what voter turnout": turnout)
}


def focus_share(focus: list[str], found: set[str]) -> float:
    return sum(1 for t in focus if t in found) / len(focus) if focus else 0.0


def is_interrogative(sentence: str) -> bool:
    stripped = sentence.strip().rstrip("\"'”’) ")
    return stripped.endswith("?") or sentence.lstrip().startswith("Q:")


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
    context: bool = False  # shown only so that a chosen sentence makes sense; not evidence
    typed: bool = False  # holds the kind of answer the question asks for (a date, a share...)


class SentenceVectors:
    """Sentence embeddings with an LRU cache (popular paragraphs are asked about again)."""

    def __init__(self, embedder: Embedder, size: int = 50_000) -> None:
        self.embedder = embedder
        self.size = size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def clear(self) -> None:
        self._cache.clear()

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


def article_terms(catalog: Catalog, article_ids: set[str]) -> set[str]:
    """What an article can meet a question's names and setting with: its text, title,
    publication, and the month and year it is dated (a wire dated 2000-08-21 need not write
    "August 2000" for a question set then)."""
    found: set[str] = set()
    for paragraph in catalog.paragraphs_of(article_ids):
        found |= matching_terms(paragraph.text)
        if paragraph.title:
            found |= matching_terms(paragraph.title)
        found |= matching_terms(paragraph.publication)
        found |= date_terms(paragraph.date)
    return found


def date_terms(date: str | None) -> set[str]:
    """The year and month of an ISO date ("2000-12-08" -> 2000, december) as terms."""
    parts = (date or "").split("-")
    found = {term(parts[0])} if YEAR.fullmatch(parts[0]) else set()
    if len(parts) > 1 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        found.add(term(calendar.month_name[int(parts[1])]))
    return found


ARTICLES_KEPT = 4096


class SentenceScorer:
    def __init__(self, embedder: Embedder, catalog: Catalog) -> None:
        self.vectors = SentenceVectors(embedder)
        self.catalog = catalog
        self._article_terms: OrderedDict[str, frozenset[str]] = OrderedDict()

    def article_terms(self, article_id: str) -> frozenset[str]:
        """Terms of a whole article (text, title, publication), kept for the articles asked about
        most recently: a question's setting is checked against every candidate's article."""
        found = self._article_terms.get(article_id)
        if found is None:
            found = frozenset(article_terms(self.catalog, {article_id}))
            self._article_terms[article_id] = found
            if len(self._article_terms) > ARTICLES_KEPT:
                self._article_terms.popitem(last=False)
        self._article_terms.move_to_end(article_id)
        return found

    def _article_first_names(self, paragraph: Paragraph, name: Name) -> set[str]:
        if name.first is None:
            return set()
        found: set[str] = set()
        for other in self.catalog.paragraphs_of({paragraph.article_id}) or [paragraph]:
            found |= first_names(other.text, name.last)
        return found

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
        row_terms = [matching_terms(r[3]) for r in rows]
        if question.setting_terms:  # met by the article, whichever sentence answers
            sources = set(question.setting_terms)
            by_article = {
                article: sources & self.article_terms(article)
                for article in {r[1].article_id for r in rows}
            }
            row_terms = [
                ts | by_article[r[1].article_id] for r, ts in zip(rows, row_terms, strict=True)
            ]
        evidence = []
        previous_named = False
        for (rank, paragraph, index, sentence), sim, sentence_terms in zip(
            rows, semantic, row_terms, strict=True
        ):
            lexical = coverage(weights, sentence_terms)
            surface = words(sentence)
            tokens = [w.lower() for w in surface]
            speech_at = speech_positions(surface)
            speech = bool(speech_at) or any(q in sentence for q in QUOTES)
            attributed = mentioned = False
            if question.speaker is not None:
                named = names_person(
                    sentence,
                    question.speaker,
                    self._article_first_names(paragraph, question.speaker),
                )
                if index == 0:
                    previous_named = False
                mentioned = bool(named)
                # Attributed: the person is the one speaking. Named as an agent (not "Sergeev's
                # visit") near a speech word, or a pronoun opening the sentence right after a
                # sentence that named them.
                agent_at = agent_positions(tokens, question.speaker, sentence) if mentioned else []
                near = speaks(sentence, tokens, agent_at, speech_at)
                pronoun_at = [i for i, w in enumerate(tokens[:3]) if w in PRONOUNS]
                by_pronoun = (
                    named is None
                    and previous_named
                    and any(-1 <= s - p <= 6 for p in pronoun_at for s in speech_at)
                )
                attributed = near or by_pronoun or (bool(agent_at) and quoted(sentence))
                previous_named = mentioned or (previous_named and named is None)
            typed = has_answer_type(sentence, question.wants, question.dates)
            score = (
                WEIGHTS["semantic"] * float(sim)
                + WEIGHTS["lexical"] * lexical
                + WEIGHTS["rank"] / (1 + rank)
                + (WEIGHTS["attributed"] if attributed else 0.0)
                + (WEIGHTS["mentioned"] if mentioned and not attributed else 0.0)
                - (WEIGHTS["interrogative"] if is_interrogative(sentence) else 0.0)
                + (WEIGHTS["answer_type"] if typed else 0.0)
                + WEIGHTS["focus"] * focus_share(question.focus_terms, sentence_terms)
            )
            evidence.append(
                Evidence(
                    paragraph,
                    rank,
                    index,
                    sentence,
                    float(sim),
                    lexical,
                    attributed,
                    speech,
                    score,
                    typed=typed,
                )
            )
        return _quotes_attributed_after(evidence)


def _quotes_attributed_after(evidence: list[Evidence]) -> list[Evidence]:
    """A quotation belongs to the speaker of the quotation beside it in the same paragraph:
    '"Not in accordance with standards. It is not," Stoudman said.' (attributed at the end of the
    next sentence) and '"...," Cohen said. "It is a fundamental tenet of ..."' (the quotation
    goes on in the next sentence)."""
    for earlier, later in zip(evidence, evidence[1:], strict=False):
        if earlier.paragraph.id != later.paragraph.id or earlier.index + 1 != later.index:
            continue
        if (
            opens_quote(earlier.text)
            and not reports_speech(earlier.text)  # its own "X said" closes it
            and later.attributed
            and not earlier.attributed
        ):
            earlier.attributed = True
            earlier.score += WEIGHTS["attributed"]
        elif (
            opens_quote(later.text)
            and opens_quote(earlier.text)
            and earlier.attributed
            and not later.attributed
            and not reports_speech(later.text)  # '"...," Boucher added.' is Boucher's
        ):
            later.attributed = True
            later.score += WEIGHTS["attributed"]
    return evidence
