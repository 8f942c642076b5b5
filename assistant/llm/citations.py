"""Markers [n] in answer text <-> citations; invented or out-of-range markers are removed."""

from __future__ import annotations

import re

from assistant.types import MARKER

_ANY_BRACKET_CITE = re.compile(
    r"\[(?:\d{1,3}(?:\s*[,;–-]\s*\d{1,3})+|[^\[\]\n]{0,40}¶[^\[\]\n]{0,10})\]"
)


def parse_markers(text: str) -> list[int]:
    """Marker numbers in order of appearance, without repeats."""
    return list(dict.fromkeys(int(m) for m in MARKER.findall(text)))


def normalise_markers(text: str) -> str:
    """`[1, 2]` or `[1-2]` -> `[1][2]`; other bracketed pseudo-citations are dropped."""

    def expand(match: re.Match) -> str:
        numbers = re.findall(r"\d{1,3}", match.group())
        if "¶" in match.group():
            return ""
        return "".join(f"[{n}]" for n in numbers)

    return _ANY_BRACKET_CITE.sub(expand, text)


def strip_invalid_markers(text: str, valid: set[int]) -> tuple[str, list[int]]:
    """Remove markers that name no passage; returns the text and the removed numbers."""
    removed: list[int] = []

    def keep(match: re.Match) -> str:
        number = int(match.group(1))
        if number in valid:
            return match.group()
        removed.append(number)
        return ""

    cleaned = MARKER.sub(keep, normalise_markers(text))
    return re.sub(r"[ \t]+([.,;:])", r"\1", re.sub(r"[ \t]{2,}", " ", cleaned)).strip(), removed


def renumber(text: str, mapping: dict[int, int]) -> str:
    return MARKER.sub(
        lambda m: f"[{mapping[int(m.group(1))]}]" if int(m.group(1)) in mapping else m.group(), text
    )
