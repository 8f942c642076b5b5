"""Follow-up questions made standalone: the conversation's names are carried forward.

"What did Sergeev say about Iran?" then "And about NATO enlargement?" -> "What did Sergeev say
about NATO enlargement?"; "What did he say about the Baltic states?" -> "What did Sergeev say
about the Baltic states?". A question that names someone itself is left as it is.
"""

from __future__ import annotations

import re

from assistant.question import analyse

_LEAD = re.compile(
    r"^\s*(?:and|but|also|so)?\s*(?:what|how)?\s*(?:about|regarding|on)\s+", re.IGNORECASE
)
_PRONOUN = re.compile(r"\b(he|she|him|her|his|hers)\b", re.IGNORECASE)


def standalone(question: str, history: list[str]) -> str:
    """The question with the subject of the latest earlier question that had one filled in.
    Only elliptical questions change: a leading "And about ..." or a personal pronoun."""
    current = analyse(question)
    lead = _LEAD.match(question)
    pronoun = _PRONOUN.search(question)
    if current.speaker or not (lead or pronoun):
        return question
    subject = None
    for earlier in reversed(history):
        resolved = analyse(earlier)
        if resolved.speaker or resolved.names:
            subject = resolved.speaker or resolved.names[0]
            break
    if subject is None:
        return question
    name = subject.text
    if pronoun:
        return _PRONOUN.sub(
            lambda m: f"{name}'s" if m.group(1).lower() in ("his", "hers") else name,
            question,
            count=1,
        )
    topic = question[lead.end() :].strip().rstrip("?").strip()
    return f"What did {name} say about {topic}?"
