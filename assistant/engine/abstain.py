"""Whether the chosen evidence answers the question, or the archive does not say.

Beyond a similarity threshold, the signal asks whether what the question is *about* is present:
its names and numbers in the cited articles, its topic in the chosen sentences, and (for "what did
X say") a sentence that attributes something to X. Weights and threshold are fitted on the whole
development set (see docs/EVALUATION.md), not tuned per question.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant.engine.answer_types import has_answer_type
from assistant.engine.evidence import Evidence, article_terms, coverage
from assistant.engine.lexicon import ANSWER_KINDS, PLACE_OF
from assistant.engine.question import Question
from assistant.engine.tuning import (
    ABOUT_STATEMENT_MINIMUM,
    CONFIDENCE_WEIGHTS,
    MISSING,
    UNATTRIBUTED_PENALTY,
)
from index.catalog import Catalog
from index.terms import matching_terms, term
from index.types import Paragraph


@dataclass(frozen=True)
class Signals:
    semantic: float  # best sentence similarity among the chosen sentences
    topic: float  # idf-weighted share of topic terms in the chosen sentences
    entities: float  # share of the question's names/numbers found in the cited articles
    attributed: float  # 1 if speech is asked for and a chosen sentence is attributed; else 0
    asks_speech: bool
    about: float = 1.0  # "what did X say about Y": Y's share in the sentences where X speaks
    typed: bool = True  # a chosen sentence holds the kind of thing asked for (date, sum, number)
    speaker_present: bool = True  # "what did X say": the cited articles name X at all

    def shortfall(self, question: Question, speaker_retrieved: bool = False) -> str | None:
        """What the archive lacks, in a sentence an analyst can act on (None: nothing specific).
        `speaker_retrieved`: some retrieved passage names the person asked about, though not the
        chosen ones (then X is in the archive, only not speaking on this)."""
        speaker = question.speaker.text if question.speaker else ""
        subject = f" about {question.about_text}" if question.about_text else ""
        if not self.speaker_present and speaker_retrieved:
            return f"No passage found has {speaker} speaking{subject}."
        if not self.speaker_present:
            return f"The passages found never name {speaker}."
        if self.about < ABOUT_STATEMENT_MINIMUM and question.about_text:
            return f"No passage found has {speaker} speaking{subject}."
        if not self.typed:
            return f"No passage found gives {ANSWER_KINDS.get(question.wants, 'what is asked')}."
        return None

    def confidence(self) -> float:
        weights = CONFIDENCE_WEIGHTS
        value = (
            weights["semantic"] * self.semantic
            + weights["topic"] * self.topic
            + weights["entities"] * self.entities
        )
        if self.asks_speech and not self.attributed:
            value -= UNATTRIBUTED_PENALTY
        if self.about < ABOUT_STATEMENT_MINIMUM:
            value -= MISSING
        if not self.typed:  # "how many votes were cast?" answered by a sentence with no number
            value -= MISSING
        if not self.speaker_present:  # X's words cannot come from articles that never name X
            value -= MISSING
        return value


def named_in(name: str, found: set[str]) -> bool:
    """A name's term is among the articles' terms, or its country is ("the Pentagon" is found
    where an article says "U.S.")."""
    return name in found or PLACE_OF.get(name) in found


def names_speaker(question: Question, paragraphs: list[Paragraph]) -> bool:
    """Whether any of these paragraphs names the person the question asks about."""
    if question.speaker is None:
        return False
    name = term(question.speaker.last)
    return any(named_in(name, matching_terms(p.text)) for p in paragraphs)


def signals(
    question: Question,
    chosen: list[Evidence],
    catalog: Catalog,
    weights: dict[str, float],
    terms_of_article: Callable[[str], frozenset[str]] | None = None,
) -> Signals:
    """`terms_of_article`: a cache of article terms (the sentence scorer keeps one); without it
    the cited articles' terms are computed here."""
    chosen = [item for item in chosen if not item.context]  # the answer, not its antecedents
    if not chosen:
        return Signals(0.0, 0.0, 0.0, 0.0, question.asks_for_speech)
    sentence_terms: set[str] = set()
    for item in chosen:
        sentence_terms.update(matching_terms(item.text))
    cited = {item.paragraph.article_id for item in chosen}
    if terms_of_article is None:
        in_articles = article_terms(catalog, cited)
    else:
        in_articles = set().union(*(terms_of_article(article) for article in cited))
    entities = question.entities
    # "the Pentagon" or "Minsk" in a question is found where the article names the country.
    found = sum(1 for e in entities if named_in(e, in_articles))
    entity_share = found / len(entities) if entities else 1.0
    # "What did X say about Y": X's best statement among the chosen must match Y (meaning and
    # words, Evidence.statement_score).
    # With a subject asked about and none of X's sentences chosen, X said nothing on it that
    # was found (train: 3 more of 55 unanswerable declined, 1 of 96 who-said-what lost).
    nothing = 0.0 if question.about_terms else 1.0
    about = max((item.statement_score for item in chosen if item.attributed), default=nothing)
    speaker_present = True
    if question.speaker is not None:
        speaker_present = named_in(term(question.speaker.last), in_articles)
    return Signals(
        typed=not question.wants
        or any(has_answer_type(item.text, question.wants, question.dates) for item in chosen),
        speaker_present=speaker_present,
        about=about,
        semantic=max(item.semantic for item in chosen),
        topic=coverage(weights, sentence_terms),
        entities=entity_share,
        attributed=1.0 if any(item.attributed for item in chosen) else 0.0,
        asks_speech=question.asks_for_speech,
    )
