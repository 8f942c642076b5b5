"""Escaping and markup for the chat: archive, model and user text is escaped before any tag is added.

Gradio's Chatbot and Markdown keep `<img src>` and gr.HTML sanitizes nothing, so every string that
did not come from this module goes through `escape()` first; only then are our own tags added
(marker links, `<mark>`, `<details>`).
"""

from __future__ import annotations

import html
import re

from assistant.types import CANNOT_ANSWER, Answer

_MARKER = re.compile(r"\[(\d{1,3})\]")
_AFTER_MARKERS = re.compile(r"(?<=\])\s+(?=[^\s\[])")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def escape(text: str | None) -> str:
    """Text -> HTML that shows it literally (quotes included, so it is safe in attributes too)."""
    return html.escape(text or "", quote=True)


def source_id(turn: int, marker: int) -> str:
    """HTML id of a cited source: unique per turn, so earlier answers' markers keep their target."""
    return f"src-{turn}-{marker}"


def link_markers(escaped: str, valid: set[int], turn: int) -> str:
    """Turn `[n]` in already escaped text into links to the source panel; unknown markers stay text."""

    def link(match: re.Match) -> str:
        number = int(match.group(1))
        if number not in valid:
            return match.group()
        target = source_id(turn, number)
        return f'<a class="cite" href="#{target}" title="Go to source {number}">[{number}]</a>'

    return _MARKER.sub(link, escaped)


def answer_html(text: str, valid: set[int], turn: int) -> str:
    return link_markers(escape(text), valid, turn)


def answer_pieces(text: str) -> list[str]:
    """Cumulative prefixes of an answer, one sentence (with its markers) more each time: the
    steps in which the chat streams it."""
    pieces = [p for p in _AFTER_MARKERS.split(text) if p]
    if len(pieces) <= 1:
        pieces = [p for p in _SENTENCE_END.split(text) if p]
    return [" ".join(pieces[: n + 1]) for n in range(len(pieces))] or [text]


def reply_html(answer: Answer, turn: int, text: str | None = None) -> str:
    """The assistant's chat message (or the part of it streamed so far)."""
    if not answer.answered:
        note = " ".join(
            [
                *answer.notes,
                "The closest passages are listed under Sources, as related reading, not an answer.",
            ]
        )
        return f'{escape(CANNOT_ANSWER)}<br><span class="decline-note">{escape(note)}</span>'
    valid = {c.marker for c in answer.citations}
    return answer_html(answer.text if text is None else text, valid, turn)


def highlight(text: str, quote: str) -> str:
    """Escaped paragraph text with the quoted sentence(s) wrapped in <mark>."""
    spans = quote_spans(text, quote)
    out, position = [], 0
    for start, end in spans:
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def quote_spans(text: str, quote: str) -> list[tuple[int, int]]:
    """Where the quote's sentences occur in the text, in order, not overlapping."""
    if not quote.strip():
        return []
    start = text.find(quote)
    if start >= 0:
        return [(start, start + len(quote))]
    spans: list[tuple[int, int]] = []
    for sentence in _SENTENCE_END.split(quote.strip()):
        found = text.find(sentence, spans[-1][1] if spans else 0)
        if sentence and found >= 0:
            spans.append((found, found + len(sentence)))
    return spans
