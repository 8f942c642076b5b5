"""Follow-up questions made standalone: the conversation's names are carried forward.

"What did Sergeev say about Iran?" then "And about NATO enlargement?" -> "What did Sergeev say
about NATO enlargement?"; "What did he say about the Baltic states?" -> "What did Sergeev say
about the Baltic states?". A question that names someone itself is left as it is.
"""

from __future__ import annotations

import re

from assistant.engine.question import analyse
from assistant.engine.tuning import HISTORY_READ

_LEAD = re.compile(
    r"^\s*(?:and|but|also|so)?\s*(?:what|how)?\s*(?:about|regarding|on)\s+", re.IGNORECASE
)
_PRONOUN = re.compile(r"\b(he|she|him|her|his|hers)\b", re.IGNORECASE)


def standalone(question: str, history: list[str]) -> str:
    """The question with the subject of the latest earlier question that had one filled in.
    Only elliptical questions change: a leading "And about ..." or a personal pronoun. Each
    earlier question counts as it was resolved in its turn ("What did he say about NATO
    enlargement?" after a question about Sergeev was about Sergeev, not NATO)."""
    resolved: list[str] = []
    for earlier in history[-HISTORY_READ:]:
        resolved.append(_standalone(earlier, resolved))
    return _standalone(question, resolved)


def _standalone(question: str, resolved: list[str]) -> str:
    lead = _LEAD.match(question)
    if not lead or analyse(question).speaker:
        return with_antecedent(question, resolved)
    name = _subject(resolved)
    if name is None:
        return question
    topic = question[lead.end() :].strip().rstrip("?").strip()
    return f"What did {name} say about {topic}?"


def with_antecedent(question: str, earlier: list[str]) -> str:
    """A personal pronoun replaced by the person the earlier questions (or the earlier parts of
    one question: "How did Ivanov defend ..., and what did he offer ...?") were about."""
    pronoun = _PRONOUN.search(question)
    if pronoun is None or analyse(question).speaker:
        return question
    name = _subject(earlier)
    if name is None:
        return question
    return _PRONOUN.sub(
        lambda m: f"{name}'s" if m.group(1).lower() in ("his", "hers") else name,
        question,
        count=1,
    )


def _subject(earlier: list[str]) -> str | None:
    for text in reversed(earlier):
        analysis = analyse(text)
        if analysis.speaker or analysis.names:
            return (analysis.speaker or analysis.names[0]).text
    return None
