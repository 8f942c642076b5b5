"""Sentence splitting that knows news prose: abbreviations, initials, quotes."""

from __future__ import annotations

import re

from assistant.engine.lexicon import ABBREVIATIONS
from assistant.engine.tuning import SHORT_ABBREVIATION

_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of a paragraph, in order."""
    spans = []
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        if text[match.start()] == "." and _is_abbreviation(text, match.start()):
            continue
        if text[start:end].strip():
            spans.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def split_sentences(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in sentence_spans(text)]


def sentence_entities(
    text: str, entities: list[tuple[str, int, int]]
) -> list[list[tuple[str, str]]]:
    """Each sentence's entities (as `split_sentences` splits the paragraph), as (label, text):
    an entity belongs to the sentence it starts in."""
    spans = sentence_spans(text)
    found: list[list[tuple[str, str]]] = [[] for _ in spans]
    for label, start, end in entities:
        for index, (a, b) in enumerate(spans):
            if a <= start < b:
                found[index].append((label, text[start:end]))
                break
    return found


def _is_abbreviation(text: str, dot: int) -> bool:
    word_start = dot
    while (
        word_start > 0 and not text[word_start - 1].isspace() and text[word_start - 1] not in '("“'
    ):
        word_start -= 1
    word = text[word_start:dot].lower().strip("'\"“‘")
    if len(word) == 1 and word.isalpha():  # an initial: "William S. Cohen"
        return True
    return word in ABBREVIATIONS or (len(word) <= SHORT_ABBREVIATION and "." in word)
