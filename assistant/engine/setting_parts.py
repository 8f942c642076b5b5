"""The parts of a question that asks one thing of two settings.

"Which judges presided over the Pasko verdicts of 1999 and December 2001?" asks the same thing of
two trials, reported in different articles: it is read as two parts, "... the Pasko verdicts of
1999?" and "... the Pasko verdicts of December 2001?", each retrieving its own paragraphs, as a
compound question's parts are (engine/question.parts). The settings are found by the statement
parser's spaCy pipeline: two conjuncts joined by "and" or "or", each holding a date ("first over
the June 1999 Kosovo settlement and again before Lord Robertson's February 2000 trip"). A range
of dates ("between 1999 and 2002", "between January and July") is one setting, not two.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.engine.answer_types import date_phrases
from assistant.engine.question_speaker import parsed_question

_JOINING = frozenset({"and", "or"})
_RANGE_WORDS = frozenset({"between", "from"})


def _holds_date(tokens: list, dates: list[set[int]]) -> bool:
    held = {t.i for t in tokens}
    return any(date & held for date in dates)


def _only_dates(tokens: list, dates: list[set[int]]) -> bool:
    inside = set().union(*dates) if dates else set()
    return all(t.i in inside or t.is_punct or t.lower_ in ("of", "the") for t in tokens)


def _same_preposition(second_head, head, second: list, dates: list[set[int]]) -> list | None:
    """When the second setting is a prepositional phrase ("and in May 2002"), the dated phrase
    of the same preposition before it is the first ("about the talks in March 2001": "in March
    2001"), wherever the parser attached the two; None when there is none."""
    if second_head.pos_ != "ADP":
        return None
    same = [
        t
        for t in head.subtree
        if t.lower_ == second_head.lower_
        and t.i < second_head.i
        and t not in second
        and _holds_date(list(t.subtree), dates)
    ]
    return list(same[-1].subtree) if same else None


def _tidy(text: str) -> str:
    return re.sub(r"\s+([?,.])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()


@lru_cache(maxsize=1024)
def setting_parts(text: str) -> tuple[str, ...]:
    """The question once per setting when it joins two dated settings, else the question alone."""
    if len(date_phrases(text)) < 2:
        return (text,)  # most questions: no parse needed
    doc = parsed_question(text)
    dates = [{t.i for t in entity} for entity in doc.ents if entity.label_ == "DATE"]
    if len(dates) < 2:
        return (text,)
    for head in doc:
        joined = [c for c in head.children if c.dep_ == "conj"]
        joining = [c for c in head.children if c.dep_ == "cc" and c.lower_ in _JOINING]
        if not joined or not joining:
            continue
        second = list(joined[0].subtree)
        first = [
            t
            for t in head.subtree
            if t not in second
            and t not in joining
            and t.dep_ != "preconj"
            and not (t.is_punct and t.i > head.i)
        ]
        like = _same_preposition(joined[0], head, second, dates)
        if like is not None:  # "hold in March 1999 and in June 1999": the two "in" phrases
            first = like
        if any(t.dep_ == "ROOT" for t in first):
            continue  # the parse joined more than the settings: leave the question whole
        if not (_holds_date(first, dates) and _holds_date(second, dates)):
            continue
        if head.head.lower_ in _RANGE_WORDS and _only_dates(first + second, dates):
            continue  # "between 1999 and 2002": one span of time
        cut = min(c.i for c in joining)
        if cut > 0 and doc[cut - 1].is_punct:
            cut -= 1
        end = second[-1].i + 1
        begin = min([t.i for t in first] + [c.i for c in head.children if c.dep_ == "preconj"])
        with_first = doc[:cut].text_with_ws + doc[end:].text
        with_second = (
            doc[:begin].text_with_ws + doc[second[0].i : end].text_with_ws + doc[end:].text
        )
        return (_tidy(with_first), _tidy(with_second))
    return (text,)
