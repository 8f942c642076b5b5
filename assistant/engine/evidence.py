"""Sentence evidence: every sentence of the top paragraphs scored against the question.

Each sentence is measured against the question: semantic similarity, idf-weighted term overlap
(the question's setting met by the article), the paragraph's retrieval rank and score, the focus
of "what X", the kind of answer asked for (answer_types), attribution to the asked-about speaker
(attribution and the speaker index), its place in paragraph and article. The measurements become
the features of engine/features.py, and `score` is the fitted sentence model's probability that
the sentence answers (part of) the question. The same scorer checks LLM sentences.
"""

from __future__ import annotations

import calendar
import re
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from assistant.engine.answer_types import has_answer_type
from assistant.engine.attribution import Attribution, attribute, first_names, reports_speech
from assistant.engine.features import sentence_rows
from assistant.engine.fitted_models import sentence_model
from assistant.engine.lexicon import QUOTE_MARKS, YEAR
from assistant.engine.publications import is_named, named_in
from assistant.engine.question import Name, Question
from assistant.engine.sentences import sentence_entities, split_sentences
from assistant.engine.speakers import spoken_by
from assistant.engine.tuning import SPEAKER_CONTEXT, STATEMENT_WEIGHTS
from index.catalog import Catalog
from index.embedder import Embedder
from index.terms import matching_terms, term
from index.types import Hit, Paragraph


def focus_share(focus: list[str], found: set[str]) -> float:
    return sum(1 for t in focus if t in found) / len(focus) if focus else 0.0


def share_named(entities: list[str], found: set[str]) -> float:
    """The share of the question's names and numbers among a sentence's terms (1 with none)."""
    return sum(1 for e in entities if e in found) / len(entities) if entities else 1.0


def is_interrogative(sentence: str) -> bool:
    stripped = sentence.strip().rstrip("\"'”’) ")
    return stripped.endswith("?") or sentence.lstrip().startswith("Q:")


@dataclass(kw_only=True)
class Evidence:
    """One sentence of a retrieved paragraph, scored against the question."""

    paragraph: Paragraph
    index: int  # the sentence's position in the paragraph, from 0
    text: str
    rank: int = 0  # the paragraph's retrieval rank, from 0
    semantic: float = 0.0  # cosine of sentence and question
    lexical: float = 0.0  # idf-weighted share of the question's terms
    attributed: bool = False  # reports the words of the person asked about
    speech: bool = False  # reports someone's words (a speech word or a quotation)
    score: float = 0.0  # how likely it answers (part of) the question: the fitted sentence model
    context: bool = False  # shown only so that a chosen sentence makes sense; not evidence
    typed: bool = False  # holds the kind of answer the question asks for (a date, a share...)
    about: float = 0.0  # idf-weighted share of the subject asked about ("say about <this>")
    mentioned: bool = False  # names the person asked about without reporting their words
    interrogative: bool = False  # a question (a reporter's "Q:") asserts nothing
    focus: float = 0.0  # share of the kind of thing asked for ("what voter turnout": turnout)
    entities: float = 0.0  # share of the question's names and numbers in the sentence
    fused: float = 0.0  # the paragraph's fused retrieval score
    publication_named: bool = False  # the question names this sentence's publication
    publication_other: bool = False  # the question names publications, and not this one

    @property
    def statement_score(self) -> float:
        """How well the sentence, as someone's statement, matches the subject asked about."""
        return statement_score(self.semantic, self.about)


def statement_score(semantic: float, about: float) -> float:
    """A statement's match with the subject asked about, from its cosine with the question and
    the idf-weighted share of the subject's words it holds."""
    return STATEMENT_WEIGHTS["semantic"] * semantic + STATEMENT_WEIGHTS["lexical"] * about


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
    found = {term(parts[0])} if re.fullmatch(YEAR, parts[0]) else set()
    if len(parts) > 1 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        found.add(term(calendar.month_name[int(parts[1])]))
    return found


ARTICLES_KEPT = 4096


def near_the_speaker(
    rows: list[tuple[int, Paragraph, int, str]],
    speakers: list[Attribution],
    focused: frozenset[str],
) -> list[bool]:
    """Which rows to read: all of a paragraph not `focused`; of a focused one, the sentences that
    name the speaker or give their words and the SPEAKER_CONTEXT sentences on each side."""
    near = [s.mentioned or s.speaks for s in speakers]
    keep = []
    for i, (_, paragraph, _, _) in enumerate(rows):
        if paragraph.id not in focused:
            keep.append(True)
            continue
        window = range(max(0, i - SPEAKER_CONTEXT), min(len(rows), i + SPEAKER_CONTEXT + 1))
        keep.append(any(near[j] and rows[j][1].id == paragraph.id for j in window))
    return keep


class SentenceScorer:
    def __init__(self, embedder: Embedder, catalog: Catalog) -> None:
        self.vectors = SentenceVectors(embedder)
        self.catalog = catalog
        self._article_terms: OrderedDict[str, frozenset[str]] = OrderedDict()
        self._publications: tuple[str, ...] | None = None

    @property
    def publications(self) -> tuple[str, ...]:
        if self._publications is None:
            self._publications = tuple(self.catalog.publications())
        return self._publications

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
        self,
        question: Question,
        hits: list[Hit],
        paragraphs: int,
        focused: frozenset[str] = frozenset(),
    ) -> list[Evidence]:
        """Each sentence of the top `paragraphs` hits, measured and scored by the sentence model.
        Of the `focused` paragraphs (for "what did X say": those brought for naming X or holding
        X's statements), only the sentences that name X or give X's words, and those beside them,
        are read: the rest cannot be X's answer, and every sentence read is embedded."""
        weights = idf_weights(self.catalog, question.topic_terms or question.terms)
        about_weights = (
            idf_weights(self.catalog, question.about_terms) if question.about_terms else weights
        )
        rows: list[tuple[int, Paragraph, int, str]] = []
        labelled: list[list[tuple[str, str]]] = []
        fused: dict[str, float] = {}
        for rank, hit in enumerate(hits[:paragraphs]):
            fused[hit.paragraph.id] = float(hit.score)
            text = hit.paragraph.text
            sentences = split_sentences(text)
            rows += [(rank, hit.paragraph, i, sentence) for i, sentence in enumerate(sentences)]
            # the entities tell only the kind of answer asked for
            entities = self.catalog.speakers.entities_of(hit.paragraph.id) if question.wants else []
            labelled += sentence_entities(text, entities) if entities else [[] for _ in sentences]
        speakers = self._attributions(question, rows)
        if focused and question.speaker is not None:
            keep = near_the_speaker(rows, speakers, focused)
            rows = [r for r, k in zip(rows, keep, strict=True) if k]
            labelled = [x for x, k in zip(labelled, keep, strict=True) if k]
            speakers = [x for x, k in zip(speakers, keep, strict=True) if k]
        if not rows:
            return []
        vectors = self.vectors([question.text, *(r[3] for r in rows)])
        semantic = vectors[1:] @ vectors[0]  # in the sentence model's space, question included
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
        named = named_in(question.text, self.publications)
        evidence = []
        for (rank, paragraph, index, sentence), sim, sentence_terms, said, named_here in zip(
            rows, semantic, row_terms, speakers, labelled, strict=True
        ):
            lexical = coverage(weights, sentence_terms)
            speech = reports_speech(sentence) or any(q in sentence for q in QUOTE_MARKS)
            typed = has_answer_type(sentence, question.wants, question.given, named_here)
            asking = is_interrogative(sentence)
            focus = focus_share(question.focus_terms, sentence_terms)
            evidence.append(
                Evidence(
                    paragraph=paragraph,
                    rank=rank,
                    index=index,
                    text=sentence,
                    semantic=float(sim),
                    lexical=lexical,
                    attributed=said.speaks,
                    speech=speech,
                    typed=typed,
                    about=coverage(about_weights, sentence_terms),
                    mentioned=said.mentioned and not said.speaks,
                    interrogative=asking,
                    focus=focus,
                    entities=share_named(question.entities, sentence_terms),
                    fused=fused[paragraph.id],
                    publication_named=bool(named) and is_named(paragraph.publication, named),
                    publication_other=bool(named) and not is_named(paragraph.publication, named),
                )
            )
        self.rescore(question, evidence)
        return evidence

    def holds_kind(self, question: Question, paragraph: Paragraph) -> bool:
        """The paragraph holds the kind of answer the question asks for (a date, a count...)."""
        entities = self.catalog.speakers.entities_of(paragraph.id)
        labelled = [(label, paragraph.text[start:end]) for label, start, end in entities]
        return has_answer_type(paragraph.text, question.wants, question.given, labelled)

    @staticmethod
    def rescore(question: Question, evidence: list[Evidence]) -> None:
        """Each sentence's score: the sentence model's probability that it answers."""
        rows = sentence_rows(question, evidence)
        for item, probability in zip(evidence, sentence_model().probability(rows), strict=True):
            item.score = float(probability)

    def _attributions(
        self, question: Question, rows: list[tuple[int, Paragraph, int, str]]
    ) -> list[Attribution]:
        """Speech attribution to the question's speaker, paragraph by paragraph (no speaker:
        nobody is attributed)."""
        if question.speaker is None:
            return [Attribution() for _ in rows]
        found: list[Attribution] = []
        start = 0
        while start < len(rows):
            paragraph = rows[start][1]
            end = start
            while end < len(rows) and rows[end][0] == rows[start][0]:  # one paragraph's rows
                end += 1
            known = self._article_first_names(paragraph, question.speaker)
            sentences = [r[3] for r in rows[start:end]]
            by_rules = attribute(sentences, question.speaker, known)
            by_parser = spoken_by(self.catalog, paragraph.id, question.speaker, sentences, known)
            # X speaks where the parser's statements say so, or where the attribution rules do
            # and the parser gives the words to no one else (the union: train who-said-what
            # containment 0.70, the parser alone 0.66, session 6; the parser's word over the
            # rules' where it names another speaker: session 10)
            found += [
                Attribution(a.mentioned or p, a.attributed or p, a.carried)
                if p
                else (Attribution(a.mentioned) if p is False else a)
                for a, p in zip(by_rules, by_parser, strict=True)
            ]
            start = end
        return found
