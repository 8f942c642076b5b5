"""The default, offline composer: the sentences that answer, verbatim, each with its marker."""

from __future__ import annotations

from assistant.evidence import Evidence
from assistant.question import Question
from assistant.types import Citation
from index.types import Paragraph

FOLLOW_ON = 0.80  # an extra sentence must score at least this share of the part's best


def choose(question: Question, evidence: list[Evidence], limit: int) -> list[Evidence]:
    """The best sentence for one question part, plus close runners-up that add something."""
    ranked = sorted(evidence, key=lambda e: -e.score)
    if not ranked:
        return []
    first = ranked[0]
    if question.asks_for_speech:
        attributed = [e for e in ranked if e.attributed]
        if attributed and attributed[0].score >= 0.8 * first.score:
            first = attributed[0]
    chosen = [first]
    for candidate in ranked:
        if len(chosen) >= limit:
            break
        if candidate in chosen or candidate.score < FOLLOW_ON * first.score:
            continue
        same_paragraph = any(c.paragraph.id == candidate.paragraph.id for c in chosen)
        adjacent = any(same_paragraph and abs(c.index - candidate.index) == 1 for c in chosen)
        # Precision first: a second paragraph is cited only when it matches the question at
        # least as well as the first sentence does.
        if question.asks_for_speech:
            useful = candidate.attributed and (adjacent or candidate.lexical >= first.lexical)
        else:
            useful = (adjacent and candidate.lexical > 0) or (
                same_paragraph and candidate.lexical >= first.lexical
            )
        if useful:
            chosen.append(candidate)
    return chosen


def write(chosen: list[Evidence]) -> tuple[str, list[Citation]]:
    """Answer text with one marker per sentence, and the citations those markers resolve to."""
    markers: dict[str, int] = {}
    quotes: dict[str, list[str]] = {}
    paragraphs: dict[str, Paragraph] = {}
    pieces = []
    for item in chosen:
        pid = item.paragraph.id
        markers.setdefault(pid, len(markers) + 1)
        paragraphs[pid] = item.paragraph
        quotes.setdefault(pid, []).append(item.text)
        pieces.append(f"{item.text} [{markers[pid]}]")
    citations = [Citation(n, paragraphs[pid], " ".join(quotes[pid])) for pid, n in markers.items()]
    return " ".join(pieces), citations


def order(chosen: list[Evidence]) -> list[Evidence]:
    """Sentences of one paragraph stay together and in the paragraph's order."""
    first_seen: dict[str, int] = {}
    for position, item in enumerate(chosen):
        first_seen.setdefault(item.paragraph.id, position)
    return sorted(chosen, key=lambda e: (first_seen[e.paragraph.id], e.index))
