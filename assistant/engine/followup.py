"""Follow-up questions made standalone: the conversation's names are carried forward.

"What did Sergeev say about Iran?" then "And about NATO enlargement?" -> "What did Sergeev say
about NATO enlargement?"; "What did he say about the Baltic states?" -> "What did Sergeev say
about the Baltic states?". A question that names someone itself is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.engine.lexicon import PRONOUN_OF
from assistant.engine.question import analyse
from assistant.engine.tuning import HISTORY_READ

PronounOf = Callable[[str], str | None]  # surname -> "he", "she" or None (not known)

_LEAD = re.compile(
    r"^\s*(?:and|but|also|so)?\s*(?:what|how)?\s*(?:about|regarding|on)\s+", re.IGNORECASE
)
_PRONOUN = re.compile(r"\b(he|she|him|her|his|hers)\b", re.IGNORECASE)


def standalone(question: str, history: list[str], pronoun_of: PronounOf | None = None) -> str:
    """The question with the subject of the latest earlier question that had one filled in.
    Only elliptical questions change: a leading "And about ..." or a personal pronoun. Each
    earlier question counts as it was resolved in its turn ("What did he say about NATO
    enlargement?" after a question about Sergeev was about Sergeev, not NATO). `pronoun_of`
    tells "he" from "she" by how the archive refers to a surname (SpeakerIndex.pronoun_of)."""
    resolved: list[str] = []
    for earlier in history[-HISTORY_READ:]:
        resolved.append(_standalone(earlier, resolved, pronoun_of))
    return _standalone(question, resolved, pronoun_of)


def _standalone(question: str, resolved: list[str], pronoun_of: PronounOf | None) -> str:
    lead = _LEAD.match(question)
    if not lead or analyse(question).speaker:
        return with_antecedent(question, resolved, pronoun_of)
    name = _subject(resolved)
    if name is None:
        return question
    topic = question[lead.end() :].strip().rstrip("?").strip()
    return f"What did {name} say about {topic}?"


def with_antecedent(question: str, earlier: list[str], pronoun_of: PronounOf | None = None) -> str:
    """A personal pronoun replaced by the person the earlier questions (or the earlier parts of
    one question: "How did Ivanov defend ..., and what did he offer ...?") were about; a person
    the archive calls "she" is not the antecedent of "he" ("What did Vike-Freiberga say Putin
    understood, and what did he ask in return?": Putin)."""
    pronoun = _PRONOUN.search(question)
    if pronoun is None or analyse(question).speaker:
        return question
    name = _subject(earlier, PRONOUN_OF.get(pronoun.group(1).lower()), pronoun_of)
    if name is None:
        return question
    return _PRONOUN.sub(
        lambda m: f"{name}'s" if m.group(1).lower() in ("his", "hers") else name,
        question,
        count=1,
    )


def _subject(
    earlier: list[str], pronoun: str | None = None, pronoun_of: PronounOf | None = None
) -> str | None:
    """The person the latest earlier text with one is about: its speaker, else the first person
    it names; with a pronoun to agree with, the first of them the archive does not refer to by
    the other pronoun (none agreeing: the first, as without)."""
    first = None
    for text in reversed(earlier):
        analysis = analyse(text)
        candidates = ([analysis.speaker] if analysis.speaker else []) + analysis.names
        if not candidates:
            continue
        first = first or candidates[0].text
        if pronoun is None or pronoun_of is None:
            return first
        for name in candidates:
            known = pronoun_of(name.last)
            if known is None or known == pronoun:
                return name.text
    return first
