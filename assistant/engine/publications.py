"""Which of the archive's publications a question names ("according to RFE/RL and according to
the Jamestown Monitor", "in the Reuters report carried in Johnson's Russia List"), and whether a
paragraph's publication is one of them: a feature of the sentence model."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.engine.lexicon import PUBLICATION_ALIASES


def names_of(publication: str) -> list[str]:
    """The names a publication goes by: its main name without a leading "The", and the names in
    its parentheses ("Amarillo Globe-News (Associated Press)": Amarillo Globe-News, Associated
    Press; "News.lt (source: balticsww.com)": News.lt, balticsww.com), and the other names of
    each (AP)."""
    main, _, rest = publication.partition("(")
    found = [main.strip()]
    for inner in re.split(r"\bvia\b|\bsource:|,", rest.rstrip(")")):
        if inner.strip():
            found.append(inner.strip())
    names = [re.sub(r"^the\s+", "", n, flags=re.IGNORECASE) for n in found if n]
    return names + [alias for n in names for alias in _aliases(n) if alias not in names]


def _aliases(name: str) -> tuple[str, ...]:
    """The other names of a publication from lexicon.PUBLICATION_ALIASES ("AP" for Associated
    Press); none when it has no entry."""
    for group in PUBLICATION_ALIASES:
        if any(name.lower() == alias.lower() for alias in group):
            return tuple(alias for alias in group if alias.lower() != name.lower())
    return ()


def _case(name: str) -> re.RegexFlag:
    """How a name is matched: a two-letter one only in capitals ("AP", not "ap")."""
    return re.NOFLAG if len(name) <= 2 else re.IGNORECASE


def _said_in(name: str, text: str) -> bool:
    return re.search(rf"(?<![\w/]){re.escape(name)}(?![\w/])", text, _case(name)) is not None


@lru_cache(maxsize=1024)
def named_in(question: str, publications: tuple[str, ...]) -> frozenset[str]:
    """The names of the archive's publications that the question says."""
    return frozenset(
        name
        for p in publications
        for name in names_of(p)
        if (len(name) > 2 or name.isupper()) and _said_in(name, question)
    )


def is_named(publication: str, named: frozenset[str]) -> bool:
    """The publication is one the question names: one of its names is said, or begins with a name
    said ("RFE/RL" names RFE/RL Newsline)."""
    return any(
        own.lower() == name.lower() or own.lower().startswith(name.lower() + " ")
        for own in names_of(publication)
        for name in named
    )


# A publication named as a *source* of the answer, not as a word of the question ("the Iranian
# side", "NATO ambitions", "relations between Moscow and NATO"): said after "according to" and
# its kin, before "'s" or a verb of reporting, with the capitalised "The" of its own name, or as
# "the Jamestown Monitor".
_SOURCE_BEFORE = re.compile(
    r"(?:\baccording to|\b(?:reported|published|cited|quoted|carried|reprinted) (?:by|in)|\bper|"
    r"\b(?:in|by) the|\band (?:to|in|by)|\()\s*(?:the\s+)?(?:jamestown\s+)?$",
    re.IGNORECASE,
)
_SOURCE_AFTER = re.compile(
    r"^(?:['’]s?\s+(?:[\w,.-]+\s+){0,4}?(?:report|account|paper|bureau|article|story|dispatch|"
    r"version|correspondent)s?\b|\s+(?:each|report|reports|reported|account|gives?|says?|said|"
    r"puts?|article|story|dispatch|version)\b)",
    re.IGNORECASE,
)
# "the Jamestown Monitor and The Moscow Times": a name joined to a source is one too.
_JOINED = re.compile(r"^\s+(?:and|or)\s+(?:(?:to|in|by)\s+)?(?:the\s+)?$", re.IGNORECASE)
# "the Reuters report carried in Johnson's Russia List", "AFP reports cited by the Monitor": the
# first is relayed by the second, which is the source read.
_RELAYED = re.compile(
    r"^\s*(?:['’]s\s+)?(?:reports?|article|account|story|dispatch)?\s*"
    r"(?:carried|cited|quoted|published|reprinted)?\s*(?:in|by|via)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Source:
    """A publication the question names as a source, where it says it, and the archive's
    publications that go by that name ("RFE/RL": RFE/RL Newsline, RFE/RL Iran Report...)."""

    name: str
    start: int
    end: int
    publications: tuple[str, ...]


def _spans(question: str, name: str) -> list[tuple[int, int]]:
    pattern = rf"(?<![\w/-]){re.escape(name)}(?![\w/]|-\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, question, _case(name))]


def _cited_as_source(question: str, start: int, end: int, publications: tuple[str, ...]) -> bool:
    before, after = question[:start], question[end:]
    if _SOURCE_BEFORE.search(before) or _SOURCE_AFTER.match(after):
        return True
    own_the = any(p.startswith("The ") for p in publications)
    return (own_the and before.endswith("The ")) or before.lower().endswith("jamestown ")


def sources_named(question: str, publications: tuple[str, ...]) -> list[Source]:
    """The publications the question names as its sources, in the order it says them; a source
    relayed by another ("the Reuters report carried in Johnson's Russia List") is not one."""
    said = [  # every place a publication's name is said, the longest names first
        Source(name, start, end, tuple(p for p in publications if is_named(p, frozenset({name}))))
        for name in sorted(named_in(question, publications), key=len, reverse=True)
        for start, end in _spans(question, name)
    ]
    found: list[Source] = []

    def inside(s: Source) -> bool:
        return any(f.start <= s.start and s.end <= f.end for f in found)

    for s in said:
        if not inside(s) and _cited_as_source(question, s.start, s.end, s.publications):
            found.append(s)
    found.sort(key=lambda s: s.start)
    for s in said:  # joined to a source: "the Jamestown Monitor and The Moscow Times"
        joined = any(
            _JOINED.match(question[s.end : f.start]) or _JOINED.match(question[f.end : s.start])
            for f in found
        )
        if joined and not inside(s):
            found.append(s)
    found.sort(key=lambda s: s.start)
    kept = [
        s
        for s, following in zip(found, [*found[1:], None], strict=False)
        if following is None or not _RELAYED.match(question[s.end : following.start])
    ]
    unique: dict[tuple[str, ...], Source] = {}
    for source in kept:
        unique.setdefault(source.publications, source)
    return list(unique.values())


def speaks_as_source(speaker: str, question: str, publications: tuple[str, ...]) -> bool:
    """The person the question seems to ask about is one of the publications it names as its
    source (the name said in the same place): "How many journalists did The Moscow Times report
    killed ...?" asks what the paper reported, read in the paper (engine/source_parts.py), not
    for the paper's words in others' reports."""
    said = [m.span() for m in re.finditer(re.escape(speaker), question, re.IGNORECASE)]
    return any(
        start < source.end and source.start < end
        for source in sources_named(question, publications)
        for start, end in said
    )
