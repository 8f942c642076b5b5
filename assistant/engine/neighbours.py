"""The sentences a chosen sentence needs beside it to make sense on its own.

After it: a sentence that carries it on ("...ties with various countries. These also include
Iraq, Libya, Syria and Cuba."). Before it: the sentence it points back at ("...countries the State
Department classifies as state sponsors of terrorism. Iran is on that list."), shown as context
only. Both come from the same paragraph, so they never add a citation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.engine.evidence import Evidence, is_interrogative
from assistant.engine.lexicon import (
    CONTINUATION_OPENERS,
    NOT_POINTED_AT,
    OPENING_QUOTES,
    POINTING_OPENERS,
)
from index.terms import words

# "Iran is on that list.", "concerned about these sales": a demonstrative before a noun points at
# something said before, unless the noun came earlier in the same sentence ("strict new export
# rules ... adhere to those rules"). "That" only after a preposition: elsewhere it mostly opens a
# clause ("said that preliminary results show ...").
_POINTING = re.compile(
    r"\b(?:this|these|those|(?:on|in|of|to|from|with|by|at|for|about|under)\s+that)\s+([a-z]+)\b"
)


def continuations(chosen: list[Evidence], paragraph: list[Evidence]) -> list[Evidence]:
    """The sentence right after a chosen one when it opens by pointing back at it: without it the
    chosen sentence announces what it does not say."""
    return _neighbours(
        chosen, paragraph, +1, lambda _, after: _opener(after.text) in CONTINUATION_OPENERS
    )


def antecedents(chosen: list[Evidence], paragraph: list[Evidence]) -> list[Evidence]:
    """The sentence right before a chosen one that points back at it, marked as context (it is
    not evidence for the decision to answer)."""
    found = _neighbours(chosen, paragraph, -1, lambda item, _: points_back(item.text))
    return [replace(e, context=True) for e in found]


def points_back(sentence: str) -> bool:
    if _opener(sentence) in POINTING_OPENERS or closes_a_quotation(sentence):
        return True
    for match in _POINTING.finditer(sentence):
        noun = match.group(1)
        if noun in NOT_POINTED_AT or noun.endswith("ing"):
            continue
        if noun not in sentence[: match.start()].lower():
            return True
    return False


def closes_a_quotation(sentence: str) -> bool:
    """The sentence ends a quotation opened in the one before ('It's not in accordance with
    normal democratic standards," Stoudman said.')."""
    text = sentence.strip()
    if text.startswith(OPENING_QUOTES):
        return False
    if "”" in text:
        return "“" not in text.split("”")[0]
    if "''" in text:
        return "``" not in text.split("''")[0]
    first = text.find('"')  # a straight quote closes when it follows a word or punctuation
    return first > 0 and not text[first - 1].isspace() and text[first - 1] not in "([—–-"


def _opener(sentence: str) -> str:
    first = words(sentence)[:1]
    return first[0].lower() if first else ""


def _neighbours(
    chosen: list[Evidence],
    paragraph: list[Evidence],
    step: int,
    needed: Callable[[Evidence, Evidence], bool],
) -> list[Evidence]:
    """For each chosen sentence, the one `step` away in its paragraph when `needed(chosen,
    neighbour)`; never a chosen sentence, a question, or one sentence twice."""
    by_index = {e.index: e for e in paragraph}
    taken = {e.index for e in chosen}
    added: list[Evidence] = []
    for item in chosen:
        neighbour = by_index.get(item.index + step)
        if neighbour is None or neighbour.index in taken or is_interrogative(neighbour.text):
            continue
        if needed(item, neighbour):
            added.append(neighbour)
            taken.add(neighbour.index)
    return added
