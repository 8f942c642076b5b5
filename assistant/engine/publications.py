"""Which of the archive's publications a question names ("according to RFE/RL and according to
the Jamestown Monitor", "in the Reuters report carried in Johnson's Russia List"), and whether a
paragraph's publication is one of them: a feature of the sentence model."""

from __future__ import annotations

import re
from functools import lru_cache


def names_of(publication: str) -> list[str]:
    """The names a publication goes by: its main name without a leading "The", and the names in
    its parentheses ("Amarillo Globe-News (Associated Press)": Amarillo Globe-News, Associated
    Press; "News.lt (source: balticsww.com)": News.lt, balticsww.com)."""
    main, _, rest = publication.partition("(")
    found = [main.strip()]
    for inner in re.split(r"\bvia\b|\bsource:|,", rest.rstrip(")")):
        if inner.strip():
            found.append(inner.strip())
    return [re.sub(r"^the\s+", "", n, flags=re.IGNORECASE) for n in found if n]


def _said_in(name: str, text: str) -> bool:
    return re.search(rf"(?<![\w/]){re.escape(name)}(?![\w/])", text, re.IGNORECASE) is not None


@lru_cache(maxsize=1024)
def named_in(question: str, publications: tuple[str, ...]) -> frozenset[str]:
    """The names of the archive's publications that the question says."""
    return frozenset(
        name
        for p in publications
        for name in names_of(p)
        if len(name) > 2 and _said_in(name, question)
    )


def is_named(publication: str, named: frozenset[str]) -> bool:
    """The publication is one the question names: one of its names is said, or begins with a name
    said ("RFE/RL" names RFE/RL Newsline)."""
    return any(
        own.lower() == name.lower() or own.lower().startswith(name.lower() + " ")
        for own in names_of(publication)
        for name in named
    )
