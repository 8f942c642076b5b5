"""Reports differ: where the articles an answer cites give different figures for what was asked.

"How long did the Putin-Vike-Freiberga meeting last?" answered from two reports, one saying
"90 minutes" and the other "three hours", opens with "Reports differ: 90 minutes [1]; three
hours [2]." before the sentences themselves, so the analyst sees the disagreement before
reading on. The line is written only where the figures are plainly the same measure: the question
asks a count, number, sum or share; each article's cited sentences give exactly one figure of
that kind; the figures share a unit (or units that convert: minutes and hours, miles and
kilometres, "$" and "dollars"), and for a count the counted word is the question's ("How many
journalists": "four journalists", "three journalists"). "A 40-page doctrine" against "9,000
words" is not a disagreement, two figures in one report (a cost and an earlier estimate) make
no line at all, and the articles must name the question's names (a turnout in Georgia is no
report of the one asked about in Belarus). With one report chosen, the composer adds another
article's sentence that gives the figure otherwise (`other_report`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from assistant.engine.answer_types import without_dates
from assistant.engine.evidence import Evidence
from assistant.engine.lexicon import (
    CURRENCIES,
    NUMBER_VALUES,
    PLACE_OF,
    QUANTITY_KINDS,
    SCALE_VALUES,
    UNIT_VALUES,
    alternation,
)
from assistant.engine.question import Question
from assistant.engine.tuning import FIGURE_QUESTION_SHARE, FIGURE_QUESTION_TERMS
from assistant.types import Citation
from index.terms import term, terms

_AMOUNT = rf"\d[\d,]*(?:\.\d+)?|(?i:{alternation(list(NUMBER_VALUES))})"
_SCALE = rf"(?:[\s-]+(?P<scale>(?i:{alternation(list(SCALE_VALUES))})))?"
_SIGNS = alternation([re.escape(sign) for sign in CURRENCIES if not sign.isalpha()])
_SIGNED = re.compile(rf"(?P<sign>{_SIGNS})\s?(?P<amount>\d[\d,]*(?:\.\d+)?)(?!\w){_SCALE}")
# A number and what follows it: "90 minute", "three hours", "4.5 percent", "40-page", "$80
# million" (the sign matched above), "500 million dollars", "eight other admirals".
_FIGURE = re.compile(
    rf"(?<![\w$€£.,-])(?P<amount>{_AMOUNT})(?![\w])(?!,\d){_SCALE}"
    r"(?:\s*(?P<percent>%|percent\b|per cent\b)|"
    r"(?=(?P<after>(?:[\s-]+[A-Za-z][\w’'-]*){1,3})))?"
)  # what follows is looked at, not consumed: "one or two journalists" holds two figures


_RANGE_WORDS = frozenset({"and", "to", "or"})
_RANGE_NEXT = re.compile(rf"[\s-]+[A-Za-z]+\s+(?:{_AMOUNT})(?!\w)")


@dataclass(frozen=True)
class Figure:
    """A number as one report gives it, in its dimension's base unit."""

    amount: float
    dimension: str  # "time", "distance", "percent", "money:dollar", or the counted word's term
    shown: str  # as the sentence writes it ("three hours")


def _value(amount: str, scale: str | None) -> float:
    word = amount.lower()
    value = float(NUMBER_VALUES[word]) if word in NUMBER_VALUES else float(amount.replace(",", ""))
    return value * SCALE_VALUES.get((scale or "").lower(), 1.0)


def _unit(word: str) -> tuple[str, float] | None:
    """A word of measure -> (dimension, base units it holds): "hours" -> ("time", 60)."""
    folded = word.lower().rstrip(".")
    for dimension, units in UNIT_VALUES.items():
        for unit, worth in units.items():
            if folded in (unit, unit + "s"):
                return dimension, worth
    return None


@lru_cache(maxsize=4096)
def figures(sentence: str, counted: frozenset[str] = frozenset()) -> tuple[Figure, ...]:
    """The figures of a sentence (dates are not figures). `counted`: the terms of what the
    question counts; a bare number's dimension is the first word after it among them, else the
    word right after it."""
    text = without_dates(sentence)
    found: list[Figure] = []
    for match in _SIGNED.finditer(text):
        currency = CURRENCIES[match["sign"]]
        amount = _value(match["amount"], match["scale"])
        found.append(Figure(amount, f"money:{currency}", match.group().strip()))
    text = _SIGNED.sub(lambda m: " " * len(m.group()), text)
    low: Figure | None = None  # "between 1,700 and 2,200 warheads": the range's first number
    for match in _FIGURE.finditer(text):
        amount = _value(match["amount"], match["scale"])
        if match["percent"]:
            found.append(Figure(amount, "percent", match.group().strip()))
            continue
        words = re.findall(r"[A-Za-z][\w’'-]*", match["after"] or "")
        ranged = _RANGE_NEXT.match(text, match.end())
        if ranged and words and words[0].lower() in _RANGE_WORDS:
            low = Figure(amount, "", match["amount"])
            continue
        if not words:
            continue
        if words[0].lower() in CURRENCIES:
            dimension = f"money:{CURRENCIES[words[0].lower()]}"
            found.append(Figure(amount, dimension, _shown(match, 1)))
        elif (unit := _unit(words[0])) is not None:
            found.append(Figure(amount * unit[1], unit[0], _shown(match, 1)))
        else:
            named = [n for n, w in enumerate(words) if term(w) in counted]
            upto = named[0] + 1 if named else 1
            found.append(Figure(amount, term(words[upto - 1]), _shown(match, upto)))
        if low is not None:  # a range is two figures of one measure: no single answer
            found.append(Figure(low.amount, found[-1].dimension, low.shown))
            low = None
    return tuple(found)


def _shown(match: re.Match, words: int) -> str:
    """The figure as written, up to its `words`-th word after the number."""
    kept = re.match(rf"(?:[\s-]+[A-Za-z][\w’'-]*){{{words}}}", match["after"] or "")
    return (match.group() + (kept.group() if kept else "")).strip()


def _of_kind(figure: Figure, wants: str) -> bool:
    money = figure.dimension.startswith("money:")
    if wants == "money":
        return money
    if wants == "share":
        return figure.dimension == "percent"
    if wants == "count":
        return not money and figure.dimension != "percent"
    return True  # "how much", "how long": any measure, and the units tell which


def _question_terms_in(sentence: str, figure: Figure, question: Question) -> int:
    """How many of the question's own terms the figure's sentence holds, its unit aside."""
    found = set(terms(sentence))
    return sum(
        1 for t in dict.fromkeys(question.topic_terms) if t != figure.dimension and t in found
    )


def counted_terms(question: Question) -> frozenset[str]:
    """The terms of what a "how many" question counts: the question's own terms."""
    return frozenset(question.terms)


def _in_setting(
    question: Question, items: list[Evidence], terms_of_article: Callable[[str], frozenset[str]]
) -> list[Evidence]:
    """The sentences whose articles name every name and number of the question that any of the
    articles names: a turnout in Georgia is no report of the one asked about in Belarus. The
    sources and times the question names ("according to News.lt", "in 2001") are met by one
    article or another, not each (Question.setting_terms)."""
    terms = {a: terms_of_article(a) for a in {item.paragraph.article_id for item in items}}

    def names(found: frozenset[str], entity: str) -> bool:
        return entity in found or PLACE_OF.get(entity) in found

    asked = [e for e in question.entities if e not in question.setting_terms]
    setting = [e for e in asked if any(names(found, e) for found in terms.values())]
    return [i for i in items if all(names(terms[i.paragraph.article_id], e) for e in setting)]


def disagreement(
    question: Question,
    items: list[Evidence],
    terms_of_article: Callable[[str], frozenset[str]],
) -> list[tuple[Figure, Evidence]]:
    """One figure of the asked measure per article, with the sentence giving it, when two or more
    of the articles of `items` (of the question's setting) give one each and the figures are not
    all the same; else []."""
    if question.wants not in QUANTITY_KINDS:
        return []
    counted = counted_terms(question)
    found: list[tuple[Figure, Evidence, int]] = []  # figure, its sentence, question terms held
    for item in _in_setting(question, items, terms_of_article):
        for figure in figures(item.text, counted):
            if not _of_kind(figure, question.wants):
                continue
            measured = figure.dimension in UNIT_VALUES or ":" in figure.dimension
            if not measured and figure.dimension != "percent" and figure.dimension not in counted:
                continue  # "four journalists" answers "how many journalists", not "how many"
            found.append((figure, item, _question_terms_in(item.text, figure, question)))
    # A figure is a report of what was asked when its sentence holds nearly as much of the
    # question as the best one's: "13 percent ... compelled to serve" (3 of the question's
    # terms) is not a report of "what proportion ... does legislation free from military
    # service", which "frees roughly 85 percent of all Russian draft-age men" (8) is.
    most = max((asked for *_, asked in found), default=0)
    needed = max(FIGURE_QUESTION_SHARE * most, min(FIGURE_QUESTION_TERMS, most))
    by_article: dict[str, list[tuple[Figure, Evidence]]] = {}
    for figure, item, asked in found:
        if asked >= needed:
            by_article.setdefault(item.paragraph.article_id, []).append((figure, item))
    if len(by_article) < 2:
        return []
    reported: list[tuple[Figure, Evidence]] = []
    for given in by_article.values():
        if len({(f.dimension, round(f.amount, 6)) for f, _ in given}) != 1:
            return []  # one report, two figures: which one is its answer is not known
        reported.append(given[0])
    if len({f.dimension for f, _ in reported}) != 1:
        return []  # not the same measure
    amounts = [f.amount for f, _ in reported]
    if max(amounts) - min(amounts) <= 0.02 * max(abs(a) for a in amounts):
        return []  # the reports agree (a mile is 1.609 km, give or take)
    return reported


def reports_differ(
    question: Question,
    chosen: list[Evidence],
    citations: list[Citation],
    terms_of_article: Callable[[str], frozenset[str]],
) -> str | None:
    """ "Reports differ: <figure> [n]; <figure> [m]." when two or more of the answer's articles
    each give one figure of the asked measure and the figures are not all the same; else None.
    `chosen`: the answer's sentences; `citations`: their markers; `terms_of_article`: an
    article's terms (Evidence's cache), for the question's setting."""
    marker = {c.paragraph.id: c.marker for c in citations}
    reported = sorted(
        (
            (figure, marker[item.paragraph.id])
            for figure, item in disagreement(question, chosen, terms_of_article)
        ),
        key=lambda pair: pair[1],
    )
    if not reported:
        return None
    return "Reports differ: " + "; ".join(f"{f.shown} [{n}]" for f, n in reported) + "."


def other_report(
    question: Question,
    chosen: list[Evidence],
    candidates: list[Evidence],
    minimum: float,
    terms_of_article: Callable[[str], frozenset[str]],
) -> Evidence | None:
    """The best-scored candidate sentence (at least `minimum`) of another article that gives the
    asked measure otherwise than the chosen sentences do: the composer adds it, and the answer
    says the reports differ. None when the chosen sentences give no figure of the question's
    setting, or every other report agrees."""
    chosen_articles = {item.paragraph.article_id for item in chosen}
    if question.wants not in QUANTITY_KINDS or not chosen:
        return None
    others = sorted(
        (
            c
            for c in candidates
            if c.paragraph.article_id not in chosen_articles and c.score >= minimum
        ),
        key=lambda c: -c.score,
    )
    for candidate in others:
        reported = disagreement(question, [*chosen, candidate], terms_of_article)
        if any(item is candidate for _, item in reported):
            return candidate
    return None
