"""Whether the chosen evidence answers the question, or the archive does not say.

Beyond a similarity threshold, the signal asks whether what the question is *about* is present:
its names and numbers in the cited articles, its topic in the chosen sentences, and (for "what did
X say") a sentence that attributes something to X. Weights and threshold are fitted on the whole
development set (see docs/EVALUATION.md), not tuned per question.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.evidence import Evidence, coverage
from assistant.question import Question
from index.catalog import Catalog
from index.terms import PLACE_OF, terms, with_places

ABOUT_MINIMUM = 0.5  # X must speak about at least half of Y (idf-weighted) in one sentence


@dataclass(frozen=True)
class Signals:
    semantic: float  # best sentence similarity among the chosen sentences
    topic: float  # idf-weighted share of topic terms in the chosen sentences
    entities: float  # share of the question's names/numbers found in the cited articles
    attributed: float  # 1 if speech is asked for and a chosen sentence is attributed; else 0
    asks_speech: bool
    about: float = 1.0  # "what did X say about Y": Y's share in the sentences where X speaks

    def confidence(self) -> float:
        value = 0.45 * self.semantic + 0.25 * self.topic + 0.30 * self.entities
        if self.asks_speech and not self.attributed:
            value -= 0.15
        if self.about < ABOUT_MINIMUM:
            value -= 0.3
        return value


def article_terms(catalog: Catalog, article_ids: set[str]) -> set[str]:
    found: set[str] = set()
    for paragraph in catalog.paragraphs_of(article_ids):
        found.update(terms(paragraph.text))
        if paragraph.title:
            found.update(terms(paragraph.title))
        found.update(terms(paragraph.publication))
    return with_places(found)


def signals(
    question: Question, chosen: list[Evidence], catalog: Catalog, weights: dict[str, float]
) -> Signals:
    if not chosen:
        return Signals(0.0, 0.0, 0.0, 0.0, question.asks_for_speech)
    sentence_terms: set[str] = set()
    for item in chosen:
        sentence_terms.update(with_places(set(terms(item.text))))
    in_articles = article_terms(catalog, {item.paragraph.article_id for item in chosen})
    entities = question.entities
    # "the Pentagon" or "Minsk" in a question is found where the article names the country.
    found = sum(1 for e in entities if e in in_articles or PLACE_OF.get(e) in in_articles)
    entity_share = found / len(entities) if entities else 1.0
    about = 1.0
    if question.about_terms:
        about_weights = {t: max(weights.get(t, 0.0), 0.1) for t in question.about_terms}
        about = max(
            (
                coverage(about_weights, with_places(set(terms(item.text))))
                for item in chosen
                if item.attributed
            ),
            default=0.0,
        )
    return Signals(
        about=about,
        semantic=max(item.semantic for item in chosen),
        topic=coverage(weights, sentence_terms),
        entities=entity_share,
        attributed=1.0 if any(item.attributed for item in chosen) else 0.0,
        asks_speech=question.asks_for_speech,
    )
