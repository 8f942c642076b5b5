"""Escaping and markup for the chat: archive, model and user text is escaped before any tag is added.

Gradio's Chatbot and Markdown keep `<img src>` and gr.HTML sanitizes nothing, so every string that
did not come from this module goes through `escape()` first; only then are our own tags added
(marker links, `<mark>`, `<details>`).
"""

from __future__ import annotations

import html
import re

from assistant.types import CANNOT_ANSWER, MARKER, Answer, Citation

_AFTER_MARKERS = re.compile(r"(?<=\])\s+(?=[^\s\[])")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def escape(text: str | None) -> str:
    """Text -> HTML that shows it literally (quotes included, so it is safe in attributes too)."""
    return html.escape(text or "", quote=True)


def source_id(turn: int, marker: int) -> str:
    """HTML id of a cited source: unique per turn, so earlier answers' markers keep their target."""
    return f"src-{turn}-{marker}"


def cite_id(turn: int, marker: int) -> str:
    """HTML id of a marker's first occurrence in the chat: where a source's "back" link returns."""
    return f"cite-{turn}-{marker}"


def safe_url(url: str | None) -> str | None:
    """An http(s) address as given, or None (a manifest could hold `javascript:` or worse)."""
    return url if url and re.match(r"https?://[^\s\"'<>]+$", url) else None


def link_markers(escaped: str, citations: dict[int, Citation], turn: int) -> str:
    """Turn `[n]` in already escaped text into links to the source panel, each with a preview of
    what it cites (shown on hover and keyboard focus); unknown markers stay text."""
    seen: set[int] = set()

    def link(match: re.Match) -> str:
        number = int(match.group(1))
        citation = citations.get(number)
        if citation is None:
            return match.group()
        first = number not in seen
        seen.add(number)
        anchor = f' id="{cite_id(turn, number)}"' if first else ""
        preview = f"{citation.label}: {citation.quote}" if citation.quote else citation.label
        return (
            f'<a class="cite" href="#{source_id(turn, number)}"{anchor} '
            f'aria-label="Source {number}: {escape(citation.label)}">[{number}]'
            f'<span class="cite-tip" aria-hidden="true">{escape(preview)}</span></a>'
        )

    return MARKER.sub(link, escaped)


def answer_html(text: str, citations: dict[int, Citation], turn: int) -> str:
    return link_markers(escape(text), citations, turn)


def footnotes_html(citations: list[Citation]) -> str:
    """The sources as plain footnotes, hidden in the message: what "copy" turns into text."""
    lines = []
    for c in citations:
        p = c.paragraph
        parts = [c.label, *(v for v in (p.date, f"“{p.title}”" if p.title else None) if v)]
        url = safe_url(p.url)
        lines.append(f"[{c.marker}] {', '.join(parts)}" + (f" {url}" if url else ""))
    items = "".join(f"<span>{escape(line)}</span>" for line in lines)
    return f'<span class="footnotes" hidden>{items}</span>' if lines else ""


def answer_pieces(text: str) -> list[str]:
    """Cumulative prefixes of an answer, one sentence (with its markers) more each time: the
    steps in which the chat streams it."""
    pieces = [p for p in _AFTER_MARKERS.split(text) if p]
    if len(pieces) <= 1:
        pieces = [p for p in _SENTENCE_END.split(text) if p]
    return [" ".join(pieces[: n + 1]) for n in range(len(pieces))] or [text]


def reply_html(answer: Answer, turn: int, text: str | None = None) -> str:
    """The assistant's chat message (or the part of it streamed so far): the active filters,
    then the answer with its marker links, or the decline with what the passages lack."""
    scope = (
        f'<span class="scope">Filtered: {escape(answer.scope)}</span><br>' if answer.scope else ""
    )
    if not answer.answered:
        related = (
            "The closest passages are listed under Sources, as related reading, not an answer."
        )
        note = " ".join([*answer.notes, related])
        decline = f'{escape(CANNOT_ANSWER)}<br><span class="decline-note">{escape(note)}</span>'
        return scope + decline
    citations = {c.marker: c for c in answer.citations}
    body = answer_html(answer.text if text is None else text, citations, turn)
    return scope + body + confidence_html(answer.confidence) + footnotes_html(answer.citations)


CONFIDENCE_TITLE = (
    "The answer model's probability that the archive answers this question, fitted on the "
    "development archive: of the questions given this confidence, about this share have their "
    "answer in the archive."
)


def confidence_html(confidence: float) -> str:
    return (
        f'<br><span class="confidence" title="{escape(CONFIDENCE_TITLE)}">'
        f"Confidence {round(100 * confidence)} %</span>"
    )


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
