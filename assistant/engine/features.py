"""What the fitted models read: one row of numbers per candidate sentence, one per answer.

Features, not verdicts: each column is a measurement of the sentence (or of the chosen answer)
against the question; how much each counts is fitted on the development archive's train split
(`python -m assistant.fit`, coefficients in assistant/engine/fitted/). The column lists are the
contract between this module and the fitted files: a model file names its columns, and loading
one whose columns differ is an error.
"""

from __future__ import annotations

import calendar
import math
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from assistant.engine.evidence import Evidence
    from assistant.engine.question import Question

SENTENCE_FEATURES = (
    "semantic",  # cosine of sentence and question
    "semantic_gap",  # how far below the best candidate's cosine
    "lexical",  # idf-weighted share of the question's terms (its setting met by the article)
    "lexical_gap",  # how far below the best candidate's share
    "entities",  # share of the question's names and numbers in the sentence itself
    "focus",  # share of the kind of thing asked for ("which contracts": contract)
    "about",  # "say about <this>": the subject's share
    "rank_inverse",  # 1 / (1 + the paragraph's retrieval rank)
    "fused_gap",  # the paragraph's fused retrieval score relative to the best paragraph's
    "typed",  # holds the kind of answer asked for (a date, a sum, a count...)
    "untyped",  # a kind of answer is asked for and the sentence holds none
    "attributed",  # reports the words of the person asked about
    "mentioned",  # names that person without reporting their words
    "speaker_silent",  # a person is asked about and does not speak here
    "speech",  # reports someone's words
    "interrogative",  # a question asserts nothing
    "opening_sentence",  # the first sentence of its paragraph
    "sentence_inverse",  # 1 / (1 + the sentence's place in its paragraph)
    "lead_paragraph",  # the article's first paragraph
    "length",  # log of its words
    "date_match",  # its article is dated in a month or year the question names
    "date_mismatch",  # the question names months or years and its article is dated otherwise
    "publication_named",  # the question names its publication ("according to RFE/RL")
    "publication_other",  # the question names publications, and not this one
)


def dated(date: str | None) -> frozenset[str]:
    """The year and month name of an ISO date, as Question.dates holds them ("2000", "december")."""
    parts = (date or "").split("-")
    found = {parts[0]} if parts[0].isdigit() else set()
    if len(parts) > 1 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        found.add(calendar.month_name[int(parts[1])].lower())
    return frozenset(found)


def sentence_rows(question: Question, evidence: list[Evidence]) -> np.ndarray:
    """One row per candidate sentence, in SENTENCE_FEATURES order; the gaps are measured within
    the candidates of this question part."""
    if not evidence:
        return np.zeros((0, len(SENTENCE_FEATURES)))
    best_semantic = max(e.semantic for e in evidence)
    best_lexical = max(e.lexical for e in evidence)
    best_fused = max(e.fused for e in evidence) or 1.0
    speaker = question.speaker is not None
    rows = []
    for e in evidence:
        when = dated(e.paragraph.date)
        values = {
            "semantic": e.semantic,
            "semantic_gap": best_semantic - e.semantic,
            "lexical": e.lexical,
            "lexical_gap": best_lexical - e.lexical,
            "entities": e.entities,
            "focus": e.focus,
            "about": e.about if question.about_terms else 0.0,
            "rank_inverse": 1.0 / (1 + e.rank),
            "fused_gap": 1.0 - e.fused / best_fused,
            "typed": float(e.typed and bool(question.wants)),
            "untyped": float(bool(question.wants) and not e.typed),
            "attributed": float(e.attributed),
            "mentioned": float(e.mentioned),
            "speaker_silent": float(speaker and not e.attributed),
            "speech": float(e.speech),
            "interrogative": float(e.interrogative),
            "opening_sentence": float(e.index == 0),
            "sentence_inverse": 1.0 / (1 + e.index),
            "lead_paragraph": float(e.paragraph.number == 1),
            "length": math.log(1 + len(e.text.split())),
            "date_match": float(bool(question.dates & when)),
            "date_mismatch": float(bool(question.dates) and not question.dates & when),
            "publication_named": float(e.publication_named),
            "publication_other": float(e.publication_other),
        }
        rows.append([values[name] for name in SENTENCE_FEATURES])
    return np.asarray(rows, dtype=np.float64)


ANSWER_FEATURES = (
    "best_chosen",  # the sentence model's probability for the best chosen sentence
    "second_chosen",  # ... for the second best (0 with one)
    "best_candidate",  # the best probability among all candidates
    "runners_up",  # the sum of the second and third best candidates'
    "semantic",  # the best cosine among the chosen sentences
    "topic",  # idf-weighted share of the question's topic terms in the chosen sentences
    "entities",  # share of the question's names and numbers found in the cited articles
    "entities_in_sentences",  # the best share of them within one chosen sentence
    "topic_in_articles",  # idf-weighted share of the topic terms in the cited articles
    "missing_term",  # the rarest topic term missing from the cited articles, by its idf
    "unattributed",  # speech asked for, and no chosen sentence has the person speaking
    "about",  # "what did X say about Y": the best match of X's chosen statements with Y
    "typed",  # a chosen sentence holds the kind of answer asked for (1 when none is asked)
    "speaker_present",  # the cited articles name the person asked about (1 when none is)
    "parts",  # how many things the question asks
    "wants_kind",  # a kind of answer is asked for (a date, a sum, a count...)
    "asks_person",  # a person is asked about
)


def answer_row(
    question: Question, chosen: list[Evidence], candidates: list[Evidence], signals, parts: int
) -> np.ndarray:
    """One row for the answer model: the chosen sentences (without context) against the question.
    `signals` is abstain.Signals for the same sentences."""
    own = sorted((e.score for e in chosen), reverse=True) + [0.0, 0.0]
    others = sorted((e.score for e in candidates), reverse=True) + [0.0, 0.0, 0.0]
    values = {
        "best_chosen": own[0],
        "second_chosen": own[1],
        "best_candidate": others[0],
        "runners_up": others[1] + others[2],
        "semantic": signals.semantic,
        "topic": signals.topic,
        "entities": signals.entities,
        "entities_in_sentences": max((e.entities for e in chosen), default=0.0),
        "topic_in_articles": signals.topic_in_articles,
        "missing_term": signals.missing_term,
        "unattributed": float(signals.asks_speech and not signals.attributed),
        "about": min(signals.about, 1.0) if question.about_terms else 1.0,
        "typed": float(signals.typed),
        "speaker_present": float(signals.speaker_present),
        "parts": float(parts),
        "wants_kind": float(bool(question.wants)),
        "asks_person": float(question.speaker is not None),
    }
    return np.asarray([[values[name] for name in ANSWER_FEATURES]], dtype=np.float64)
