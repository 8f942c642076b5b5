"""The default, offline composer: the sentences that answer, verbatim, each with its marker."""

from __future__ import annotations

import re

from assistant.engine.evidence import Evidence
from assistant.engine.neighbours import antecedents, continuations
from assistant.engine.question import Question
from assistant.engine.tuning import (
    ANSWER_MINIMUM,
    ANSWER_SHARE,
    ANSWER_SOURCES,
    SECOND_STATEMENT,
    SECOND_STATEMENT_SHARE,
    STATEMENT_LEAD,
    STATEMENT_MODEL_SHARE,
)
from assistant.types import Citation
from index.types import Paragraph


def _with_quotation(
    item: Evidence, by_place: dict[tuple[str, int], Evidence], limit: int
) -> list[Evidence]:
    """A statement with the speaker's sentences beside it: the quotation runs on (or began) in
    them. Up to two on each side, nearest first, within `limit`."""
    found = [item]
    for step in (1, -1, 2, -2):
        if len(found) >= limit:
            break
        if abs(step) == 2 and (item.paragraph.id, item.index + step // 2) not in by_place:
            continue
        beside = by_place.get((item.paragraph.id, item.index + step))
        if beside is not None:
            found.append(beside)
    return found


def statement_strength(evidence: list[Evidence]) -> dict[int, float]:
    """Each sentence of the speaker's (by id) -> its match with the subject, plus a share of the
    speaker's next-best match in the same paragraph (a paragraph where X says two things on
    the subject holds more of the answer than a lead that sums it up in one), plus a share of
    the sentence model's probability for it."""
    best_two: dict[str, list[float]] = {}
    for e in evidence:
        if e.attributed:
            best_two.setdefault(e.paragraph.id, []).append(e.statement_score)
    found = {}
    for e in evidence:
        if e.attributed:
            others = sorted(best_two[e.paragraph.id], reverse=True)
            others.remove(e.statement_score)
            found[id(e)] = (
                e.statement_score
                + (SECOND_STATEMENT_SHARE * others[0] if others else 0.0)
                + STATEMENT_MODEL_SHARE * e.score
            )
    return found


def choose(question: Question, evidence: list[Evidence], limit: int) -> list[Evidence]:
    """The sentences the sentence model ranks first, for as long as it says they add answer: the
    best, then each next one that scores at least ANSWER_MINIMUM and ANSWER_SHARE of the best,
    from at most ANSWER_SOURCES paragraphs (a second source holds the part the first lacks, or
    reports it otherwise), up to `limit`. A sentence reported word for word twice answers once.
    When the question asks a kind of answer (a person, a date...) and none of these holds one,
    the best sentence of their paragraphs that does joins them ("Who represented Russia at the
    signing?": "Russia was represented by ... Sergei Chemezov", beside the sentence about the
    signing; session 10, train containment 0.609 -> 0.615, validation unchanged).
    The sentences each one needs to make sense (antecedents, continuations) come from its own
    paragraph as context."""
    if not evidence or limit <= 0:
        return []
    ranked = sorted(evidence, key=lambda e: -e.score)
    first = ranked[0]
    floor = max(ANSWER_MINIMUM, ANSWER_SHARE * first.score)
    chosen = [first]
    sources = [first.paragraph.id]
    for candidate in ranked[1:]:
        if len(chosen) >= limit or candidate.score < floor:
            break
        if any(candidate.text == c.text for c in chosen):
            continue
        if candidate.paragraph.id not in sources:
            if len(sources) >= ANSWER_SOURCES:
                continue
            sources.append(candidate.paragraph.id)
        chosen.append(candidate)
    if question.wants and not any(c.typed for c in chosen):
        typed = [e for e in ranked if e.typed and e.paragraph.id in sources and e not in chosen]
        if typed:
            chosen.append(typed[0])
    found = list(chosen)
    for source in sources:
        paragraph = [e for e in evidence if e.paragraph.id == source]
        own = [e for e in chosen if e.paragraph.id == source]
        before = antecedents(own, paragraph)
        found += before + continuations(own + before, paragraph)
    return found


def choose_statements(question: Question, evidence: list[Evidence], limit: int) -> list[Evidence]:
    """For "what did X say about Y": the statement of X's that best matches Y, with the rest of
    its quotation around it (the parser gives a quotation's sentences to its speaker), and X's
    next-best statement when it matches nearly as well (a statement is often reported in two
    places, each with part of it). Without any sentence of X's, the usual choice."""
    matched = statement_strength(evidence)
    own = sorted((e for e in evidence if e.attributed), key=lambda e: -matched[id(e)])
    best = max((e.score for e in evidence), default=0.0)
    if not own or max(e.score for e in own) < STATEMENT_LEAD * best:
        return choose(question, evidence, limit)
    first = own[0]
    by_place = {(e.paragraph.id, e.index): e for e in own}
    chosen = _with_quotation(first, by_place, limit)
    for other in own[1:]:
        if len(chosen) >= limit or matched[id(other)] < SECOND_STATEMENT * matched[id(first)]:
            break
        if other not in chosen and other.text != first.text:
            chosen += [
                e for e in _with_quotation(other, by_place, limit - len(chosen)) if e not in chosen
            ]
            break
    paragraph = [e for e in evidence if e.paragraph.id == first.paragraph.id]
    before = antecedents(chosen, paragraph)
    return chosen + before + continuations(chosen + before, paragraph)


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
        pieces.append(f"{shown(item)} [{markers[pid]}]")
    citations = [
        Citation(marker=n, paragraph=paragraphs[pid], quote=" ".join(quotes[pid]))
        for pid, n in markers.items()
    ]
    return " ".join(pieces), citations


_FINISHED = re.compile(r"[.!?][\"'”’)\]]*$")


def shown(item: Evidence) -> str:
    """The sentence as the answer shows it: verbatim, with an ellipsis where the archive's
    paragraph breaks off mid-sentence ("... are dead, Russia's Northern Fleet commander")."""
    text = item.text.rstrip()
    broken = not _FINISHED.search(text) and item.paragraph.text.rstrip().endswith(text)
    return f"{text} …" if broken else text


def order(chosen: list[Evidence]) -> list[Evidence]:
    """Sentences of one paragraph stay together and in the paragraph's order, each once."""
    first_seen: dict[str, int] = {}
    once: dict[tuple[str, int], Evidence] = {}
    for position, item in enumerate(chosen):
        first_seen.setdefault(item.paragraph.id, position)
        once.setdefault((item.paragraph.id, item.index), item)
    return sorted(once.values(), key=lambda e: (first_seen[e.paragraph.id], e.index))
