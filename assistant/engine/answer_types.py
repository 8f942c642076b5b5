"""What kind of thing a sentence holds, for questions that ask for one: a date ("when", "on what
date"), a sum of money ("how much money", "dollar value"), a count ("how many"), a share of a
whole ("what share", "how much of") or a quantity ("how large"). Classic question-answering
answer typing, on news prose: by word patterns, or by the labels of the entities spaCy tagged in
the sentence at ingest, whichever measures better for the kind (tuning.ANSWER_TYPE_SOURCES)."""

from __future__ import annotations

import re

from assistant.engine.lexicon import (
    ANSWER_LABELS,
    CURRENCY_SIGNS,
    CURRENCY_WORDS,
    DATE_FILLERS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NAMED_KINDS,
    NUMBER_WORDS,
    PERIODS,
    QUANTITY_KINDS,
    RELATIVE_TIMES,
    SMALL_NUMBERS,
    WEEKDAYS,
    YEAR,
    alternation,
)
from assistant.engine.tuning import ANSWER_TYPE_SOURCES, DATE_PARTS_GAP

_MONTHS = alternation(MONTHS)
_DAYS = alternation(WEEKDAYS)
_ABBREVIATED = alternation(MONTH_ABBREVIATIONS)
MONTH_NAMES = frozenset(m.lower() for m in MONTHS)
_YEAR = re.compile(YEAR)


def date_words(surface: list[str]) -> list[str]:
    """The months and years among a text's words, as written ("December", "2000")."""
    return [w for w in surface if w.lower() in MONTH_NAMES or _YEAR.fullmatch(w)]


# What answers "when" in news prose: "5 December 2000", "Dec. 8", "1995", "the 1990s", "on Tuesday",
# "yesterday", "last week", "earlier this month".
_DATE = re.compile(
    rf"\b(?:{_MONTHS}|{_DAYS}|{YEAR}(?:s\b)?)\b|"
    rf"\b(?:{_ABBREVIATED})\.\s*\d|"
    r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|"
    rf"(?i:\b(?:{alternation(RELATIVE_TIMES)})\b|"
    r"\b(?:last|next|this|earlier this|later this|early next|late last)\s+"
    rf"(?:{alternation(PERIODS)})\b|"
    r"\b(?:days|weeks|months|years)\s+(?:ago|earlier|later)\b)"
)
_NUMBER = re.compile(rf"\d|\b(?:{alternation(NUMBER_WORDS)})\b", re.IGNORECASE)
# A date is not a quantity: "How many votes were cast?" is not answered by "10 September 2001".
_DATE_EXPRESSION = re.compile(
    rf"\b\d{{1,2}}\s+(?:{_MONTHS})\b(?:,?\s+\d{{4}})?|"
    rf"\b(?:{_MONTHS}|{_ABBREVIATED})\.?\s+\d{{1,2}}\b(?:,?\s+\d{{4}})?|"
    rf"\b{YEAR}\b|\b\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}\b"
)


def without_dates(sentence: str) -> str:
    """The sentence with its date expressions blanked (each character a space, so the rest stay
    where they were): "on December 28, 2000" holds no figure."""
    return _DATE_EXPRESSION.sub(lambda m: " " * len(m.group()), sentence)


_FIGURE = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?!\w)")  # "3,000", "4.5": one number each
_PERCENT = re.compile(r"\b\d[\d,.]*\s*(?:%|percent\b|per cent\b)", re.IGNORECASE)
_MONEY = re.compile(
    rf"(?:{alternation([re.escape(sign) for sign in CURRENCY_SIGNS])})\s?\d|"
    r"\b\d[\d,.]*\s*(?:million|billion|thousand|mln|bln)?\s*"
    rf"(?:{alternation(CURRENCY_WORDS)})\b|"
    r"\b(?:dollars|rubles|roubles|euros)\b",
    re.IGNORECASE,
)


_SMALL = rf"(?:\d[\d,.]*|{alternation(SMALL_NUMBERS)})"
# A part of a whole: "75 percent", "half", "two-thirds", "five of the nine", "Of the sub's nine
# compartments, the front five or six flooded".
_PART = re.compile(
    r"\b(?:half|halves|thirds?|quarters?|majority|minority|most of|all of|none of)\b|"
    rf"\b{_SMALL}\s+(?:of|out of)\s+(?:the\s+|its\s+|their\s+)?{_SMALL}\b|"
    rf"\bof\s+(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){{0,2}}{_SMALL}\s+[a-z]+s\b",
    re.IGNORECASE,
)


def date_phrases(sentence: str) -> list[list[str]]:
    """Date expressions, each as its parts in lower case: "on Tuesday, 5 December 2000" is one
    phrase (tuesday, december, 2000), so a date the question gives is recognised whole."""
    phrases: list[list[str]] = []
    end = -DATE_PARTS_GAP - 1
    for match in _DATE.finditer(sentence):
        if phrases and match.start() - end <= DATE_PARTS_GAP:
            phrases[-1].append(match.group().lower())
        else:
            phrases.append([match.group().lower()])
        end = match.end()
    return phrases


_WEEKDAYS = frozenset(d.lower() for d in WEEKDAYS)


def _new_date(phrase: list[str], given: frozenset[str]) -> bool:
    """The phrase says more than the question's own months and years: "5 December 2000" answers
    "On what date ... in 2000?"; "Tuesday, 5 December 2000" does not answer "When did they agree
    to meet again after their session in December 2000?" (a weekday only places a date the phrase
    already gives; alone, "on Tuesday", it is a date)."""
    core = [part for part in phrase if part not in _WEEKDAYS]
    return not core or any(part not in given for part in core)


def has_answer_type(
    sentence: str,
    wants: str,
    given: frozenset[str] = frozenset(),
    labelled: list[tuple[str, str]] | None = None,
) -> bool:
    """The sentence holds the kind of thing asked for: a date, a sum of money, a share, a count
    or a quantity; told by patterns, by its entities' labels or by either, as the kind's source
    says (without `labelled` entities, by patterns).
    `given`: months and years the question itself names ("When did they agree to meet again
    after their session in December 2000?" is not answered by "met on 5 December 2000").
    `labelled`: the sentence's entities as (label, text)."""
    source = ANSWER_TYPE_SOURCES.get(wants, "patterns") if labelled is not None else "patterns"
    if source == "labels":
        return has_labelled_type(labelled or [], wants, given)
    if source == "either" and has_labelled_type(labelled or [], wants, given):
        return True
    return has_patterned_type(sentence, wants, given)


_WORD = re.compile(r"[\w’']+")


def has_labelled_type(labelled: list[tuple[str, str]], wants: str, given: frozenset[str]) -> bool:
    """One of the sentence's entities has a label that answers the kind (a date that says more
    than the question's own months and years)."""
    labels = ANSWER_LABELS.get(wants, frozenset())
    for label, text in labelled:
        if label not in labels:
            continue
        parts = [w for w in _WORD.findall(text.lower()) if w not in DATE_FILLERS]
        if wants in NAMED_KINDS:  # someone (something) the question does not name already
            if any(part not in given for part in parts):
                return True
        elif wants in QUANTITY_KINDS:  # a number the question does not give already
            numbers = [part for part in parts if any(c.isdigit() for c in part)]
            if not numbers or any(number not in given for number in numbers):
                return True
        elif wants != "date" or _new_date(parts, given):
            return True
    return False


def has_patterned_type(sentence: str, wants: str, given: frozenset[str]) -> bool:
    """The sentence holds the kind of thing asked for, by the word patterns above (a number the
    question gives does not count)."""
    if wants in QUANTITY_KINDS and any(c.isdigit() for w in given for c in w):
        sentence = _FIGURE.sub(
            lambda m: " " if m.group().replace(",", "") in given else m.group(), sentence
        )
    if wants == "date":
        return any(_new_date(phrase, given) for phrase in date_phrases(sentence))
    if wants == "money":
        return bool(_MONEY.search(sentence))
    if wants == "number":
        return bool(_NUMBER.search(_DATE_EXPRESSION.sub(" ", sentence)))
    if wants == "share":
        return bool(_PERCENT.search(sentence) or _PART.search(sentence))
    if wants == "count":  # "how many votes": a share ("75 percent") counts nothing
        return bool(_NUMBER.search(_PERCENT.sub(" ", _DATE_EXPRESSION.sub(" ", sentence))))
    return False
